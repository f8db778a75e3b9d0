import type { Metadata } from 'next';
import Link from '@/components/link';
import { SiteHeader } from '@/components/site-header';
import { BAD_UNSUBSCRIBE_LINK, FROM_UNSUBSCRIBE_PAGE, readUnsubscribeLink } from '@/lib/notices/preferences';

export const metadata: Metadata = { title: 'Stop reminder emails' };

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

/**
 * The unsubscribe link in an email, opened in a browser: no session needed
 * (outside the signed-in layouts, like /login), the token is the proof.
 * Showing it changes nothing (mail scanners open links): the button posts to
 * app/api/unsubscribe, which comes back here.
 */
export default async function UnsubscribePage({ searchParams }: Props) {
  const { token } = await searchParams;
  const link = typeof token === 'string' ? token : '';
  const state = await readUnsubscribeLink(link);
  return (
    <>
      <SiteHeader />
      <main id="main-content" className="width-container" tabIndex={-1}>
        {state === 'invalid' ? (
          <>
            <h1>This link is not valid</h1>
            <p>{BAD_UNSUBSCRIBE_LINK}</p>
            <p>
              <Link href="/account/notifications">Sign in to choose your reminder emails</Link>
            </p>
          </>
        ) : state === 'unsubscribed' ? (
          <>
            <h1>You get no reminder emails</h1>
            <div className="notification notification--success" role="status">
              <p className="notification__title">Reminder emails are stopped</p>
              <p>Every reminder is still on your Notifications page when you sign in.</p>
            </div>
            <Escalations />
            <p>
              To get them again, <Link href="/account/notifications">sign in and choose your reminder emails</Link>.
            </p>
          </>
        ) : (
          <>
            <h1>Stop reminder emails</h1>
            <p>You will get no more emails about reminders (due soon, overdue, no progress, evidence waiting). Every reminder is still on your Notifications page when you sign in.</p>
            <Escalations />
            <form method="post" action={`/api/unsubscribe?token=${encodeURIComponent(link)}`}>
              <input type="hidden" name="from" value={FROM_UNSUBSCRIBE_PAGE} />
              <button type="submit" className="button">
                Stop reminder emails
              </button>
            </form>
            <p>
              Or <Link href="/account/notifications">sign in and choose</Link> a weekly digest or emails as they happen.
            </p>
          </>
        )}
      </main>
    </>
  );
}

function Escalations() {
  return <p>If you are a senior lead or a business manager, escalations of overdue actions still come by email at once: they cannot be switched off.</p>;
}
