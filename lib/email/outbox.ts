import 'server-only';
import type { z } from 'zod';
import { assertCan } from '@/lib/auth/permissions';
import type { Actor } from '@/lib/auth/session-user';
import { recordEvent } from '@/lib/audit/record-event';
import { db } from '@/lib/db';
import { NotFoundError, RuleError } from '@/lib/errors';
import type { EmailStatus } from '@/lib/generated/prisma/enums';
import type { retryEmailSchema } from './retry-email.schema';
import { EMAIL_STATUS_WORDS } from './status-words';

/** Emails per page of the outbox. */
export const EMAILS_PER_PAGE = 50;

/**
 * The outbox, for admins: every email the app sent or would have sent,
 * newest first, by status. Without SMTP_URL, this is where they are read.
 */
export async function listEmails(actor: Actor, { status, page = 1 }: { status?: EmailStatus; page?: number }) {
  assertCan(actor, 'outbox:manage');
  const where = status ? { status } : {};
  const [emails, total, byStatus] = await Promise.all([
    db.emailMessage.findMany({
      where,
      orderBy: [{ createdAt: 'desc' }, { id: 'asc' }],
      skip: (page - 1) * EMAILS_PER_PAGE,
      take: EMAILS_PER_PAGE,
      select: { id: true, kind: true, status: true, subject: true, toAddress: true, attempts: true, lastError: true, createdAt: true, sentAt: true, recipient: { select: { name: true, email: true } } },
    }),
    db.emailMessage.count({ where }),
    db.emailMessage.groupBy({ by: ['status'], _count: { _all: true } }),
  ]);
  const counts = Object.fromEntries(byStatus.map((s) => [s.status, s._count._all])) as Partial<Record<EmailStatus, number>>;
  return { emails, total, counts, page, pageCount: Math.max(1, Math.ceil(total / EMAILS_PER_PAGE)) };
}

/** One email as it was (or would be) sent: its text part, for an admin to read. */
export async function getEmail(actor: Actor, emailId: string) {
  assertCan(actor, 'outbox:manage');
  const email = await db.emailMessage.findUnique({ where: { id: emailId }, include: { recipient: { select: { name: true, email: true, active: true } } } });
  if (!email) throw new NotFoundError('email');
  return email;
}

/**
 * Sends a failed email again: queued for the next delivery (within the
 * minute), with its attempts counted afresh. Only a failed one: a sent email
 * is never sent twice, and one that is still being tried is in hand.
 */
export async function retryEmail(actor: Actor, input: z.output<typeof retryEmailSchema>): Promise<{ id: string }> {
  assertCan(actor, 'outbox:manage');
  return db.$transaction(async (tx) => {
    const email = await tx.emailMessage.findUnique({ where: { id: input.emailId }, select: { status: true, lastError: true, recipient: { select: { id: true, name: true } } } });
    if (!email) throw new NotFoundError('email');
    // Only from FAILED, in one statement: two admins pressing at once queue it once.
    const { count } = await tx.emailMessage.updateMany({
      where: { id: input.emailId, status: 'FAILED' },
      data: { status: 'QUEUED', attempts: 0, nextAttemptAt: new Date(), claimedAt: null, claimToken: null },
    });
    if (count !== 1) throw new RuleError(`Only a failed email can be tried again: this one is ${EMAIL_STATUS_WORDS[email.status].toLowerCase()}`);
    await recordEvent(tx, {
      actorId: actor.id,
      kind: 'email.retried',
      subjectId: input.emailId,
      before: { status: 'FAILED', lastError: email.lastError },
      after: { status: 'QUEUED', recipientId: email.recipient.id, recipient: email.recipient.name },
    });
    return { id: input.emailId };
  });
}
