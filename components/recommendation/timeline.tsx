import { formatDateTime } from '@/lib/labels';
import type { RecommendationDetail } from '@/lib/recommendations/get-recommendation';

/** Every change and comment on a recommendation, newest first. */
export function Timeline({ events }: { events: RecommendationDetail['timeline'] }) {
  if (events.length === 0) return <p>Nothing has happened yet.</p>;
  return (
    <ol className="timeline" aria-label="History, newest first">
      {events.map((event) => (
        <li key={event.id} className="timeline__item">
          <p className="timeline__what">{event.description}</p>
          <p className="timeline__when small secondary">
            <time dateTime={event.at.toISOString()}>{formatDateTime(event.at)}</time>
          </p>
          {event.note ? <blockquote className="timeline__note">{event.note}</blockquote> : null}
        </li>
      ))}
    </ol>
  );
}
