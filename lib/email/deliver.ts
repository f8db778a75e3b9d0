import 'server-only';
import { randomUUID } from 'node:crypto';
import { actionLabel } from '@/lib/actions/roll-up';
import { dayOf, ukDay } from '@/lib/days';
import { type Db, db, Prisma, sqlInstant } from '@/lib/db';
import { isEscalation } from '@/lib/notices/rules';
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

export type DeliveryResult = { sent: number; held: number; retrying: number; failed: number; cancelled: number };

type Claimed = { id: string; kind: string; recipientId: string; attempts: number };

/**
 * What a failed send means:
 * - 'address': refused for good for this recipient or this message (5xx at RCPT TO or DATA): failed at once;
 * - 'server': the server cannot be reached, or refuses us (login, sender): this one is tried again later, and the
 *   rest of the batch waits with it, without an attempt counted;
 * - 'transient': a 4xx: tried again with back-off;
 * - 'uncertain': the connection broke or timed out mid-conversation: it may have gone, so it is failed for an
 *   admin to check, never resent by itself (at most once).
 */
export function classifySendError(error: unknown): 'address' | 'server' | 'transient' | 'uncertain' {
  const { code, command, responseCode, message } = error as { code?: string; command?: string; responseCode?: number; message?: string };
  if (code === 'EAUTH' || code === 'ETLS' || code === 'ECONNECTION' || code === 'EDNS') return 'server';
  if (code === 'EENVELOPE' && command === 'MAIL FROM') return 'server';
  if (code === 'ETIMEDOUT' && (message === 'Connection timeout' || message === 'Greeting never received')) return 'server';
  if (code === 'ESOCKET' && /\b(ECONNREFUSED|ENOTFOUND|EHOSTUNREACH|ENETUNREACH|EAI_AGAIN)\b/.test(message ?? '')) return 'server';
  if (responseCode !== undefined && responseCode >= 400 && responseCode < 500) return 'transient';
  if (responseCode !== undefined && responseCode >= 500 && (command === 'RCPT TO' || command === 'DATA')) return 'address';
  if (responseCode !== undefined && responseCode >= 500) return 'server';
  return 'uncertain';
}

/**
 * Sends the emails that are due (the outbox, each made in the transaction
 * that decided it), at most `limit` at a time. Each is claimed first
 * (QUEUED → SENDING with this run's token, skipping rows another instance
 * holds), and every later change is made only while the claim is still this
 * run's, so two instances never send the same email. It is rendered now,
 * from the records as they are now: a recipient deactivated, a reminder the
 * recipient no longer wants by email, or an item archived or done with since
 * it was queued, is not sent, with the reason. With no SMTP server (SMTP_URL
 * unset) it is kept in the outbox (HELD) for admins to read. What a failed
 * send does: classifySendError. An email found still "sending" long after
 * its claim (a process that died mid-send) is failed, not resent.
 */
export async function deliverDueEmails({
  now = new Date(),
  transport = smtpTransport(),
  client = db,
  limit = 50,
}: { now?: Date; transport?: MailTransport | null; client?: Db; limit?: number } = {}): Promise<DeliveryResult> {
  const result: DeliveryResult = { sent: 0, held: 0, retrying: 0, failed: 0, cancelled: 0 };
  const at = sqlInstant(now);
  const interruptedBefore = sqlInstant(new Date(now.getTime() - INTERRUPTED_AFTER_MS));
  result.failed += await client.$executeRaw`
    UPDATE "EmailMessage" SET status = 'FAILED', "updatedAt" = ${at}, "claimToken" = NULL,
      "lastError" = 'Interrupted while sending: it may or may not have gone. Check with the recipient before retrying.'
    WHERE status = 'SENDING' AND "claimedAt" < ${interruptedBefore}`;
  const claimToken = randomUUID();
  const claimed = await client.$queryRaw<Claimed[]>`
    UPDATE "EmailMessage" SET status = 'SENDING', "claimedAt" = ${at}, "claimToken" = ${claimToken}, "updatedAt" = ${at}
    WHERE id IN (
      SELECT id FROM "EmailMessage" WHERE status = 'QUEUED' AND "nextAttemptAt" <= ${at}
      ORDER BY "nextAttemptAt", id LIMIT ${limit} FOR UPDATE SKIP LOCKED)
    RETURNING id, kind, "recipientId", attempts`;
  if (!claimed.length) return result;
  /** A change to one of this run's emails, only while it is still this run's claim; false when it is not. */
  const ours = async (id: string, data: Prisma.EmailMessageUpdateManyMutationInput) =>
    (await client.emailMessage.updateMany({ where: { id, status: 'SENDING', claimToken }, data: { claimToken: null, ...data, updatedAt: now } })).count === 1;
  const handled = new Set<string>();

  try {
    const [recipients, notices] = await Promise.all([
      client.user.findMany({
        where: { id: { in: [...new Set(claimed.map((e) => e.recipientId))] } },
        select: { id: true, name: true, email: true, active: true, noticeEmail: true },
      }),
      client.notice.findMany({
        where: { emailId: { in: claimed.map((e) => e.id) } },
        orderBy: [{ createdAt: 'asc' }, { id: 'asc' }],
        select: {
          emailId: true,
          rule: true,
          aboutDay: true,
          evidenceId: true,
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
    const evidenceIds = notices.flatMap((n) => (n.evidenceId ? [n.evidenceId] : []));
    const waitingEvidence = new Set(
      (evidenceIds.length ? await client.evidence.findMany({ where: { id: { in: evidenceIds }, assessment: 'PENDING', archivedAt: null }, select: { id: true } }) : []).map((e) => e.id),
    );
    const people = new Map(recipients.map((r) => [r.id, r]));
    const today = ukDay(now);
    const settingsLink = appLink('/account/notifications');

    for (const [index, email] of claimed.entries()) {
      handled.add(email.id);
      const recipient = people.get(email.recipientId)!;
      if (!recipient.active) {
        if (await ours(email.id, { status: 'CANCELLED', lastError: 'Not sent: the recipient was deactivated after it was queued.' })) result.cancelled++;
        continue;
      }
      const digest = email.kind === 'digest';
      // Reminders go by email only as the recipient now wants them (escalations always).
      const wanted = (rule: string) => isEscalation(rule) || recipient.noticeEmail === (digest ? 'DIGEST' : 'IMMEDIATE');
      const mine = notices.filter((n) => n.emailId === email.id && n.action);
      const items: EmailItem[] = mine.flatMap(({ rule, aboutDay, evidenceId, action }) => {
        const { recommendation } = action!;
        const live = !action!.archivedAt && !recommendation.archivedAt && !recommendation.review.archivedAt;
        // Still true: evidence still waiting (whatever the action's status); otherwise the action still open.
        const current = evidenceId ? waitingEvidence.has(evidenceId) : isOpen(action!.status);
        if (!live || !current || !wanted(rule)) return [];
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
        const reason = mine.some((n) => !wanted(n.rule))
          ? 'Not sent: the recipient chose not to get these by email after it was queued.'
          : 'Not sent: what it was about was archived, assessed or closed after it was queued.';
        if (await ours(email.id, { status: 'CANCELLED', lastError: reason })) result.cancelled++;
        continue;
      }
      const unsubscribe = digest ? unsubscribeLink(recipient.id) : null;
      const rendered: RenderedEmail = unsubscribe
        ? renderDigest(recipient.name, items, today, settingsLink, unsubscribe)
        : renderNoticeEmail(recipient.name, items, today, settingsLink);
      // Kept as sent, but with the unsubscribe link's token hidden: it would let whoever reads the outbox switch the user's emails off.
      const hide = (text: string) => (unsubscribe ? text.replaceAll(unsubscribe, appLink('/unsubscribe?token=(hidden)')) : text);
      const content = { toAddress: recipient.email, subject: rendered.subject, text: hide(rendered.text), html: hide(rendered.html) };
      if (!transport) {
        if (await ours(email.id, { ...content, status: 'HELD' })) result.held++;
        continue;
      }
      // Still ours? (A run that took far too long may have been judged interrupted meanwhile.)
      if (!(await ours(email.id, { claimToken }))) continue;
      const attempts = email.attempts + 1;
      let messageId: string | undefined;
      try {
        messageId = (
          await transport.sendMail({
            from: emailFrom(),
            to: recipient.email,
            ...rendered,
            // One-click unsubscribe (RFC 8058) on digests; escalations cannot be switched off.
            headers: unsubscribe ? { 'List-Unsubscribe': `<${unsubscribe}>`, 'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click' } : undefined,
          })
        ).messageId;
      } catch (error) {
        const reason = String((error as { response?: string }).response ?? (error as Error).message ?? error).slice(0, 500);
        const kind = classifySendError(error);
        const retryAt = new Date(now.getTime() + retryDelayMs(attempts));
        if (kind === 'address') {
          if (await ours(email.id, { ...content, status: 'FAILED', attempts, lastError: `Refused by the mail server (${reason}): check the address.` })) result.failed++;
        } else if (kind === 'uncertain') {
          if (await ours(email.id, { ...content, status: 'FAILED', attempts, lastError: `Broken off mid-send (${reason}): it may or may not have gone. Check with the recipient before retrying.` })) result.failed++;
        } else if (attempts >= MAX_ATTEMPTS) {
          if (await ours(email.id, { ...content, status: 'FAILED', attempts, lastError: `Not sent after ${attempts} attempts: ${reason}` })) result.failed++;
        } else if (await ours(email.id, { ...content, status: 'QUEUED', attempts, lastError: kind === 'server' ? `The mail server: ${reason}` : reason, nextAttemptAt: retryAt })) {
          result.retrying++;
        }
        if (kind === 'server') {
          // The server cannot be reached or refuses us: the rest of the batch waits with this one, no attempt counted.
          const rest = claimed.slice(index + 1).map((e) => e.id);
          const { count } = await client.emailMessage.updateMany({ where: { id: { in: rest }, status: 'SENDING', claimToken }, data: { status: 'QUEUED', claimToken: null, nextAttemptAt: retryAt, updatedAt: now } });
          result.retrying += count;
          for (const id of rest) handled.add(id);
          break;
        }
        continue;
      }
      // Recorded outside the send's try: a failure to record a sent email must not make it look unsent (and be sent again);
      // left "sending", it is failed as interrupted, for a person to check.
      if (await ours(email.id, { ...content, status: 'SENT', attempts, sentAt: now, smtpMessageId: messageId ?? null, lastError: null })) result.sent++;
    }
  } finally {
    // Claimed but never reached (an error stopped the run): back in the queue as they were, not judged interrupted later.
    const untouched = claimed.filter((e) => !handled.has(e.id)).map((e) => e.id);
    if (untouched.length) {
      await client.emailMessage.updateMany({ where: { id: { in: untouched }, status: 'SENDING', claimToken }, data: { status: 'QUEUED', claimToken: null, updatedAt: now } });
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
