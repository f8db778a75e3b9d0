import type { Metadata } from 'next';
import Link from '@/components/link';
import { NumberedPagination } from '@/components/pagination-links';
import { AdminOnly } from '@/components/users/admin-only';
import { can } from '@/lib/auth/permissions';
import { requireUser } from '@/lib/auth/session';
import { formatDateTime } from '@/lib/days';
import { plural } from '@/lib/labels';
import { listEmails } from '@/lib/email/outbox';
import { EMAIL_KIND_WORDS, EMAIL_STATUS_WORDS } from '@/lib/email/status-words';
import { EmailStatusTag } from '@/components/email/email-status-tag';
import { EmailStatus } from '@/lib/generated/prisma/enums';
import { pageNumberParam } from '@/lib/route-params';

export const metadata: Metadata = { title: 'Emails' };

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

const STATUSES = Object.values(EmailStatus);

/** The outbox: every email sent or to be sent, by status; failed ones can be tried again. */
export default async function EmailsPage({ searchParams }: Props) {
  const user = await requireUser();
  if (!can(user, 'outbox:manage')) {
    return (
      <>
        <h1>Emails</h1>
        <AdminOnly what="see the emails the app sends" only="Only admins can read the outbox." />
      </>
    );
  }
  const params = await searchParams;
  const status = STATUSES.find((s) => s === params.status);
  const { emails, total, counts, page, pageCount } = await listEmails(user, { status, page: pageNumberParam(params.page) });
  const smtp = Boolean(process.env.SMTP_URL);
  return (
    <>
      <h1>Emails</h1>
      <p>
        {smtp
          ? 'Every email Followthrough sends: reminders, escalations and weekly digests. One that cannot be sent is tried again with growing gaps (1, 4, 16 and 64 minutes), then listed as failed for you to try again.'
          : 'No mail server is set up (SMTP_URL), so emails stay here, in the outbox, and are not sent. Each shows what would have been sent, and to whom.'}{' '}
        Emails carry references, dates and links only, never what a recommendation says, its notes or its evidence.
      </p>
      <nav aria-label="Emails by status">
        <ul className="inline-list">
          <li>
            {status ? <Link href="/admin/emails">All</Link> : <strong aria-current="page">All</strong>}
          </li>
          {STATUSES.map((s) => (
            <li key={s}>
              {s === status ? (
                <strong aria-current="page">
                  {EMAIL_STATUS_WORDS[s]} ({counts[s] ?? 0})
                </strong>
              ) : (
                <Link href={`/admin/emails?status=${s}`}>
                  {EMAIL_STATUS_WORDS[s]} ({counts[s] ?? 0})
                </Link>
              )}
            </li>
          ))}
        </ul>
      </nav>
      {emails.length === 0 ? (
        <p>{status ? `No emails are ${EMAIL_STATUS_WORDS[status].toLowerCase()}.` : 'No emails yet.'}</p>
      ) : (
        <div className="table-wrapper" role="region" aria-label="Emails" tabIndex={0}>
          <table className="table">
            <caption>
              {plural(total, 'email')}
              {status ? ` ${EMAIL_STATUS_WORDS[status].toLowerCase()}` : ''}, newest first
            </caption>
            <thead>
              <tr>
                <th scope="col">Subject</th>
                <th scope="col">To</th>
                <th scope="col">Kind</th>
                <th scope="col">Status</th>
                <th scope="col">Made</th>
              </tr>
            </thead>
            <tbody>
              {emails.map((email) => (
                <tr key={email.id}>
                  <td>
                    <Link href={`/admin/emails/${email.id}`}>{email.subject ?? 'Not written yet (queued)'}</Link>
                  </td>
                  <td>
                    {email.recipient.name}
                    <br />
                    <span className="small secondary">{email.toAddress ?? email.recipient.email}</span>
                  </td>
                  <td>{EMAIL_KIND_WORDS[email.kind] ?? email.kind}</td>
                  <td>
                    <EmailStatusTag status={email.status} />
                    {email.lastError ? <p className="small">{email.lastError}</p> : null}
                  </td>
                  <td>{formatDateTime(email.createdAt)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <NumberedPagination path="/admin/emails" page={page} pageCount={pageCount} query={{ status: status ?? '' }} />
    </>
  );
}
