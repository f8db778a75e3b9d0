import type { Metadata } from 'next';
import Link from '@/components/link';
import { MarkAllReadForm } from '@/components/notices/mark-all-read-form';
import { requireUser } from '@/lib/auth/session';
import { formatDateTime } from '@/lib/days';
import { listMyNotices, NOTICES_SHOWN } from '@/lib/notices/notices';
import { markAllNoticesReadAction } from './actions';

export const metadata: Metadata = { title: 'Notifications' };

/** The signed-in user's reminders and flags, newest first. */
export default async function NotificationsPage() {
  const user = await requireUser();
  const { notices, unread } = await listMyNotices(user);
  return (
    <>
      <h1>Notifications</h1>
      <p>
        Reminders about actions you lead (due soon, overdue, no progress for a long time); for reviewers, evidence waiting for
        assessment and actions nobody leads; for senior leads and business managers, overdue actions escalated to them.{' '}
        {unread === 1 ? '1 is unread.' : `${unread} are unread.`}
      </p>
      <p>
        <Link href="/account/notifications">Choose how reminders reach you by email</Link>: as they happen, in a weekly digest, or not
        at all. Escalations always come by email at once.
      </p>
      {unread ? <MarkAllReadForm action={markAllNoticesReadAction} /> : null}
      {notices.length === 0 ? (
        <p>You have no notifications.</p>
      ) : (
        <ul className="notice-list" aria-label="Notifications, newest first">
          {notices.map((notice) => (
            <li key={notice.id} className={notice.read ? 'notice-list__item' : 'notice-list__item notice-list__item--unread'}>
              <p>
                {notice.read ? null : <strong className="tag tag--blue">Unread</strong>}{' '}
                {notice.href ? <Link href={notice.href}>{notice.text}</Link> : notice.text}
              </p>
              <p className="small secondary">
                {notice.review ? `${notice.review} · ` : ''}
                <time dateTime={notice.createdAt.toISOString()}>{formatDateTime(notice.createdAt)}</time>
              </p>
            </li>
          ))}
        </ul>
      )}
      {notices.length === NOTICES_SHOWN ? <p className="small">The latest {NOTICES_SHOWN} are shown.</p> : null}
    </>
  );
}
