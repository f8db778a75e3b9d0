import { useId } from 'react';
import { formatDateTime } from '@/lib/days';
import type { ConflictingChange } from '@/lib/errors';

/** Tells the user that someone else saved first: who changed what, and when. */
export function ConflictNotice({ changes }: { changes: ConflictingChange[] }) {
  const titleId = useId();
  return (
    <div className="notification" role="status" aria-labelledby={titleId}>
      <h3 className="notification__title" id={titleId}>
        Your change was not saved: someone else changed this first
      </h3>
      {changes.length ? (
        <ul>
          {changes.map((change) => (
            <li key={`${change.at}-${change.description}`}>
              {formatDateTime(new Date(change.at))}: {change.description}
            </li>
          ))}
        </ul>
      ) : null}
      <p className="small">The page now shows their changes. What you typed is kept below: check it, then save again.</p>
    </div>
  );
}
