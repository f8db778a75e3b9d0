import type { IgnoredParam } from '@/lib/recommendations/list-recommendations.schema';

const PARAM_LABELS: Record<string, string> = {
  review: 'Review',
  status: 'Status',
  agency: 'Owner',
  lead: 'Lead officer',
  priority: 'Priority',
  overdue: 'Overdue only',
  q: 'Search',
  sort: 'Sort order',
  dir: 'Sort direction',
  cursor: 'Page',
};

/** Says which parts of the link could not be used, so a shared view is not silently different. */
export function IgnoredParams({ ignored }: { ignored: IgnoredParam[] }) {
  if (ignored.length === 0) return null;
  return (
    <div className="notification" role="region" aria-labelledby="ignored-params-title">
      <h2 className="notification__title" id="ignored-params-title">
        Some of this link’s filters were ignored
      </h2>
      <p className="small">The list below is shown without them.</p>
      <ul className="small">
        {ignored.map((entry, index) => (
          <li key={`${entry.param}-${index}`}>
            {PARAM_LABELS[entry.param] ?? entry.param}: “{entry.value}” ({entry.reason})
          </li>
        ))}
      </ul>
    </div>
  );
}
