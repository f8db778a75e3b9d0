import Link from '@/components/link';
import { formatDateTime } from '@/lib/days';

export type TimelineEntry = { id: number; at: Date; description: string; note: string | null };

/**
 * The changes and comments on a recommendation (or one action), newest first:
 * the latest ones, with a link to the full history when there are more.
 */
export function Timeline({ events, total, pageHref }: { events: readonly TimelineEntry[]; total: number; pageHref: string }) {
  if (events.length === 0) return <p>Nothing has happened yet.</p>;
  const partial = events.length < total;
  return (
    <>
      {partial ? (
        <p>
          Showing the latest {events.length} of {total} entries.{' '}
          <Link href={`${pageHref}?history=all#history`}>Show the full history</Link>
        </p>
      ) : null}
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
      {partial ? (
        <p>
          <Link href={`${pageHref}?history=all#history`}>Show all {total} history entries</Link>
        </p>
      ) : null}
    </>
  );
}
