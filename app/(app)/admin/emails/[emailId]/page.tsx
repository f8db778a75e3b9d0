import type { Metadata } from 'next';
import Link from '@/components/link';
import { orNotFound } from '@/app/(app)/or-not-found';
import { RetryEmailForm } from '@/components/email/retry-email-form';
import { AdminOnly } from '@/components/users/admin-only';
import { can } from '@/lib/auth/permissions';
import { requireUser } from '@/lib/auth/session';
import { formatDateTime } from '@/lib/days';
import { getEmail } from '@/lib/email/outbox';
import { EMAIL_KIND_WORDS } from '@/lib/email/status-words';
import { EmailStatusTag } from '@/components/email/email-status-tag';
import { retryEmailAction } from '../actions';

export const metadata: Metadata = { title: 'Email' };

type Props = { params: Promise<{ emailId: string }> };

/** One email: to whom, what happened to it, and its text as sent (or as it would be). */
export default async function EmailPage({ params }: Props) {
  const user = await requireUser();
  if (!can(user, 'outbox:manage')) {
    return (
      <>
        <h1>Email</h1>
        <AdminOnly what="see the emails the app sends" only="Only admins can read the outbox." />
      </>
    );
  }
  const email = await orNotFound(getEmail(user, (await params).emailId));
  return (
    <>
      <p>
        <Link href="/admin/emails">Emails</Link>
      </p>
      <h1>{email.subject ?? 'An email not written yet'}</h1>
      <dl className="summary-list">
        <div className="summary-list__row">
          <dt>To</dt>
          <dd>
            {email.recipient.name} ({email.toAddress ?? email.recipient.email}){email.recipient.active ? '' : ', deactivated'}
          </dd>
        </div>
        <div className="summary-list__row">
          <dt>Kind</dt>
          <dd>{EMAIL_KIND_WORDS[email.kind] ?? email.kind}</dd>
        </div>
        <div className="summary-list__row">
          <dt>Status</dt>
          <dd>
            <EmailStatusTag status={email.status} />
            {email.sentAt ? ` on ${formatDateTime(email.sentAt)}` : ''}
            {email.lastError ? <p>{email.lastError}</p> : null}
          </dd>
        </div>
        <div className="summary-list__row">
          <dt>Attempts</dt>
          <dd>{email.attempts}</dd>
        </div>
        <div className="summary-list__row">
          <dt>Made</dt>
          <dd>{formatDateTime(email.createdAt)}</dd>
        </div>
      </dl>
      {email.status === 'FAILED' ? <RetryEmailForm emailId={email.id} action={retryEmailAction} /> : null}
      {email.text ? (
        <>
          <h2>What it says</h2>
          <div role="region" aria-label="The email's text" tabIndex={0}>
            <pre className="email-text">{email.text}</pre>
          </div>
        </>
      ) : (
        <p>Its words are written when it is sent, from the records as they are then.</p>
      )}
    </>
  );
}
