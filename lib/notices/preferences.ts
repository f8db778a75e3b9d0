import 'server-only';
import type { z } from 'zod';
import { recordEvent } from '@/lib/audit/record-event';
import { assertCan } from '@/lib/auth/permissions';
import type { Actor } from '@/lib/auth/session-user';
import { db } from '@/lib/db';
import { userOfUnsubscribeToken } from '@/lib/email/unsubscribe-token';
import { RuleError } from '@/lib/errors';
import type { NoticeEmail } from '@/lib/generated/prisma/enums';
import type { noticeEmailSchema } from './notice-email.schema';

export type NoticeEmailChoice = { noticeEmail: NoticeEmail; changed: boolean };

/** The signed-in user's own choice of reminder emails. */
export async function getNoticeEmail(actor: Actor): Promise<NoticeEmail> {
  assertCan(actor, 'own-notice-email:choose');
  const user = await db.user.findUniqueOrThrow({ where: { id: actor.id }, select: { noticeEmail: true } });
  return user.noticeEmail;
}

/**
 * A user chooses how reminders reach them by email: as they happen, in a
 * weekly digest, or not at all (escalations always come at once, and every
 * notice is in the app either way). Only ever the actor's own row: the input
 * names no user. The change and its history event share a transaction; the
 * choice they already have changes nothing and records nothing. No version:
 * the choice is one value only its owner sets (by this form or their own
 * unsubscribe link), so the latest choice is simply theirs.
 */
export async function setNoticeEmail(actor: Actor, input: z.output<typeof noticeEmailSchema>): Promise<NoticeEmailChoice> {
  assertCan(actor, 'own-notice-email:choose');
  return changeNoticeEmail(actor.id, input.noticeEmail, null);
}

/** What an unsubscribe link that we did not make (or that was altered) is told: nothing changed. */
export const BAD_UNSUBSCRIBE_LINK =
  'This unsubscribe link is not valid: it may have been cut short or changed. Nothing was changed. Sign in and choose your reminder emails under "Reminder emails" instead.';

export const UNSUBSCRIBED_NOTE = 'Unsubscribed by the link in an email';

/** The `from` field the /unsubscribe page's button sends (app/api/unsubscribe): answered with the page, not plain text. */
export const FROM_UNSUBSCRIBE_PAGE = 'unsubscribe-page';

/** Longer than any token we make: refused before any work. */
const MAX_TOKEN_LENGTH = 200;

/**
 * The unsubscribe link in an email, without signing in (RFC 8058 one-click,
 * and the /unsubscribe page's button): its token proves which user it was
 * sent to, and it can only ever turn that user's reminder emails off. Recorded
 * as the user's own change, with a note saying how. A token we did not make
 * is refused (RuleError) and changes nothing.
 */
export async function unsubscribeByToken(token: unknown): Promise<NoticeEmailChoice> {
  const userId = userOfToken(token);
  if (!userId) throw new RuleError(BAD_UNSUBSCRIBE_LINK);
  return changeNoticeEmail(userId, 'NONE', UNSUBSCRIBED_NOTE);
}

/** What the /unsubscribe page shows for a link, before anything is changed (a GET changes nothing). */
export async function readUnsubscribeLink(token: unknown): Promise<'invalid' | 'subscribed' | 'unsubscribed'> {
  const userId = userOfToken(token);
  const user = userId ? await db.user.findUnique({ where: { id: userId }, select: { noticeEmail: true } }) : null;
  if (!user) return 'invalid';
  return user.noticeEmail === 'NONE' ? 'unsubscribed' : 'subscribed';
}

function userOfToken(token: unknown): string | null {
  if (typeof token !== 'string' || token.length === 0 || token.length > MAX_TOKEN_LENGTH) return null;
  return userOfUnsubscribeToken(token);
}

async function changeNoticeEmail(userId: string, noticeEmail: NoticeEmail, note: string | null): Promise<NoticeEmailChoice> {
  return db.$transaction(async (tx) => {
    // Locked: two changes at once each record the choice the other left.
    const [user] = await tx.$queryRaw<{ noticeEmail: NoticeEmail }[]>`SELECT "noticeEmail"::text AS "noticeEmail" FROM "User" WHERE id = ${userId} FOR UPDATE`;
    // Only a token's user can be missing (a session's user always exists): the link is not one of ours.
    if (!user) throw new RuleError(BAD_UNSUBSCRIBE_LINK);
    if (user.noticeEmail === noticeEmail) return { noticeEmail, changed: false };
    await tx.user.update({ where: { id: userId }, data: { noticeEmail } });
    await recordEvent(tx, {
      actorId: userId,
      kind: 'user.notice_email_changed',
      subjectId: userId,
      before: { noticeEmail: user.noticeEmail },
      after: { noticeEmail },
      note,
    });
    return { noticeEmail, changed: true };
  });
}
