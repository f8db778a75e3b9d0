import 'server-only';
import { actionLabel } from '@/lib/actions/roll-up';
import { dayOf, ukDay } from '@/lib/days';
import { type Db, db, Prisma } from '@/lib/db';
import { isOpen } from '@/lib/recommendations/status';
import { appLink } from './links';
import { type EmailItem, renderDigest, renderNoticeEmail, type RenderedEmail } from './render';
import { emailFrom, type MailTransport, smtpTransport } from './transport';
import { unsubscribeLink } from './unsubscribe-token';

/** Attempts before an email lands in the failed list, for an admin to retry. */
export const MAX_ATTEMPTS = 5;
/** Back-off between attempts: 1, 4, 16 and 64 minutes. */
export const retryDelayMs = (attemptsMade: number) => 60_000 * 4 ** (attemptsMade - 1);
/** An email claimed this long ago and still "sending" was interrupted (a crash mid-send). */
const INTERRUPTED_AFTER_MS = 15 * 60_000;
/** Nodemailer's codes for a server that cannot be reached at all (no connection, no greeting, a dropped socket). */
const UNREACHABLE = new Set(['ETIMEDOUT', 'ECONNECTION', 'ESOCKET', 'EDNS']);

export type DeliveryResult = { sent: number; held: number; retrying: number; failed: number; cancelled: number };

type Claimed = { id: string; kind: string; recipientId: string; attempts: number };

/**
 * Sends the emails that are due (lib/email's outbox, made in the transaction
 * that decided each), at most `limit` at a time. Each is claimed first
 * (QUEUED → SENDING, skipping rows another instance holds), so two instances
 * never send the same email. It is rendered now, from the data as it is now:
 * a recipient deactivated or an item archived or closed since it was queued
 * cancels it, with the reason. With no SMTP server (SMTP_URL unset) it is
 * kept in the outbox (HELD) for admins to read. A refusal for the address
 * (5xx) fails it at once; anything else (no answer, 4xx) is tried again with
 * back-off, then fails after MAX_ATTEMPTS. An email interrupted mid-send is
 * failed, not resent: it may have gone, and an admin decides.
 */
export async function deliverDueEmails({
  now = new Date(),
  transport = smtpTransport(),
  client = db,
  limit = 50,
}: { now?: Date; transport?: MailTransport | null; client?: Db; limit?: number } = {}): Promise<DeliveryResult> {
  const result: DeliveryResult = { sent: 0, held: 0, retrying: 0, failed: 0, cancelled: 0 };
  const at = Prisma.sql`${now.toISOString()}::timestamptz AT TIME ZONE 'UTC'`;
  const interruptedBefore = Prisma.sql`${new Date(now.getTime() - INTERRUPTED_AFTER_MS).toISOString()}::timestamptz AT TIME ZONE 'UTC'`;
  result.failed += await client.$executeRaw`
    UPDATE "EmailMessage" SET status = 'FAILED', "updatedAt" = ${at},
      "lastError" = 'Interrupted while sending: it may or may not have gone. Check with the recipient before retrying.'
    WHERE status = 'SENDING' AND "claimedAt" < ${interruptedBefore}`;
  const claimed = await client.$queryRaw<Claimed[]>`
    UPDATE "EmailMessage" SET status = 'SENDING', "claimedAt" = ${at}, "updatedAt" = ${at}
    WHERE id IN (
      SELECT id FROM "EmailMessage" WHERE status = 'QUEUED' AND "nextAttemptAt" <= ${at}
      ORDER BY "nextAttemptAt", id LIMIT ${limit} FOR UPDATE SKIP LOCKED)
    RETURNING id, kind, "recipientId", attempts`;
  if (!claimed.length) return result;

  const [recipients, notices] = await Promise.all([
    client.user.findMany({ where: { id: { in: [...new Set(claimed.map((e) => e.recipientId))] } }, select: { id: true, name: true, email: true, active: true } }),
    client.notice.findMany({
      where: { emailId: { in: claimed.map((e) => e.id) } },
      orderBy: [{ createdAt: 'asc' }, { id: 'asc' }],
      select: {
        emailId: true,
        rule: true,
        aboutDay: true,
        action: {
          select: {
            id: true,
            reference: true,
            status: true,
            dueDate: true,
            archivedAt: true,
            recommendation: { select: { reference: true, archivedAt: true, review: { select: { title: true, archivedAt: true } } } },
          },
        },
      },
    }),
  ]);
  const people = new Map(recipients.map((r) => [r.id, r]));
  const today = ukDay(now);

  for (const [index, email] of claimed.entries()) {
    const recipient = people.get(email.recipientId)!;
    const finish = (data: Prisma.EmailMessageUpdateInput) => client.emailMessage.update({ where: { id: email.id }, data: { ...data, updatedAt: now } });
    if (!recipient.active) {
      await finish({ status: 'CANCELLED', lastError: 'Not sent: the recipient was deactivated after it was queued.' });
      result.cancelled++;
      continue;
    }
    const items: EmailItem[] = notices
      .filter((n) => n.emailId === email.id && n.action)
      .flatMap(({ rule, aboutDay, action }) => {
        const { recommendation } = action!;
        const live = !action!.archivedAt && !recommendation.archivedAt && !recommendation.review.archivedAt && isOpen(action!.status);
        if (!live) return [];
        return [{
          rule,
          aboutDay: aboutDay ? dayOf(aboutDay) : null,
          label: actionLabel(recommendation.reference, action!.reference),
          review: recommendation.review.title,
          dueDate: dayOf(action!.dueDate),
          status: action!.status,
          link: appLink(`/actions/${action!.id}`),
        }];
      });
    if (!items.length) {
      await finish({ status: 'CANCELLED', lastError: 'Not sent: what it was about was archived or closed after it was queued.' });
      result.cancelled++;
      continue;
    }
    const settingsLink = appLink('/account/notifications');
    const digest = email.kind === 'digest';
    const rendered: RenderedEmail = digest
      ? renderDigest(recipient.name, items, today, settingsLink, unsubscribeLink(recipient.id))
      : renderNoticeEmail(recipient.name, items, today, settingsLink);
    const content = { toAddress: recipient.email, ...rendered };
    if (!transport) {
      await finish({ ...content, status: 'HELD' });
      result.held++;
      continue;
    }
    const attempts = email.attempts + 1;
    try {
      const unsubscribe = unsubscribeLink(recipient.id);
      const info = await transport.sendMail({
        from: emailFrom(),
        to: recipient.email,
        ...rendered,
        // One-click unsubscribe (RFC 8058) on digests; escalations cannot be switched off.
        headers: digest ? { 'List-Unsubscribe': `<${unsubscribe}>`, 'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click' } : undefined,
      });
      await finish({ ...content, status: 'SENT', attempts, sentAt: now, smtpMessageId: info.messageId ?? null, lastError: null });
      result.sent++;
    } catch (error) {
      const code = (error as { responseCode?: number }).responseCode;
      const reason = String((error as { response?: string }).response ?? (error as Error).message ?? error).slice(0, 500);
      if (code !== undefined && code >= 500 && code < 600) {
        await finish({ ...content, status: 'FAILED', attempts, lastError: `Refused by the mail server (${reason}): check the address.` });
        result.failed++;
      } else if (attempts >= MAX_ATTEMPTS) {
        await finish({ ...content, status: 'FAILED', attempts, lastError: `Not sent after ${attempts} attempts: ${reason}` });
        result.failed++;
      } else {
        const nextAttemptAt = new Date(now.getTime() + retryDelayMs(attempts));
        await finish({ ...content, status: 'QUEUED', attempts, lastError: reason, nextAttemptAt });
        result.retrying++;
        // The server itself cannot be reached: the rest of the batch waits with this one, without an attempt
        // counted, rather than each waiting out its own timeout.
        if (UNREACHABLE.has(String((error as { code?: string }).code))) {
          const rest = claimed.slice(index + 1).map((e) => e.id);
          if (rest.length) {
            await client.emailMessage.updateMany({ where: { id: { in: rest }, status: 'SENDING' }, data: { status: 'QUEUED', nextAttemptAt, updatedAt: now } });
            result.retrying += rest.length;
          }
          break;
        }
      }
    }
  }
  return result;
}

/**
 * Delivery in batches until nothing is due or `budgetMs` has passed (the
 * every-minute job, and reminders:run): a Monday's digests go out in one run,
 * not 50 a minute. Emails waiting for a retry are not due, so this ends.
 */
export async function deliverAllDue({ budgetMs = 45_000, ...options }: Parameters<typeof deliverDueEmails>[0] & { budgetMs?: number } = {}): Promise<DeliveryResult> {
  const total: DeliveryResult = { sent: 0, held: 0, retrying: 0, failed: 0, cancelled: 0 };
  const started = Date.now();
  for (;;) {
    const batch = await deliverDueEmails(options);
    for (const key of Object.keys(total) as (keyof DeliveryResult)[]) total[key] += batch[key];
    const handled = batch.sent + batch.held + batch.retrying + batch.failed + batch.cancelled;
    if (handled === 0 || Date.now() - started > budgetMs) return total;
  }
}
