import 'server-only';
import { cache } from 'react';
import { actionLabel } from '@/lib/actions/roll-up';
import { assertCan } from '@/lib/auth/permissions';
import type { Actor } from '@/lib/auth/session-user';
import { dayOf, ukDay } from '@/lib/days';
import { db } from '@/lib/db';
import { noticeText } from './rules';

/** How many of their notices the notifications page shows, newest first. */
export const NOTICES_SHOWN = 50;

const withItem = { action: { select: { id: true, reference: true, recommendation: { select: { reference: true, review: { select: { title: true } } } } } } } as const;

/** The signed-in user's own notices, newest first, in words, each with a link to its item; and how many are unread. */
export async function listMyNotices(actor: Actor, now = new Date()) {
  const [notices, unread] = await Promise.all([
    db.notice.findMany({ where: { recipientId: actor.id }, orderBy: [{ createdAt: 'desc' }, { id: 'asc' }], take: NOTICES_SHOWN, include: withItem }),
    countUnreadNotices(actor),
  ]);
  const today = ukDay(now);
  return {
    unread,
    notices: notices.map((notice) => {
      const label = notice.action ? actionLabel(notice.action.recommendation.reference, notice.action.reference) : 'An action';
      return {
        id: notice.id,
        text: noticeText({ rule: notice.rule, aboutDay: notice.aboutDay ? dayOf(notice.aboutDay) : null }, label, today),
        review: notice.action?.recommendation.review.title ?? null,
        href: notice.action ? `/actions/${notice.action.id}` : null,
        createdAt: notice.createdAt,
        read: notice.readAt !== null,
      };
    }),
  };
}

// Once per request: the header's count and the notifications page's are the same query.
const unreadCountOf = cache((recipientId: string) => db.notice.count({ where: { recipientId, readAt: null } }));

/** The header's count. */
export async function countUnreadNotices(actor: Actor): Promise<number> {
  return unreadCountOf(actor.id);
}

/** Marks every one of the user's unread notices read (only their own: the recipient is the session's user). */
export async function markAllNoticesRead(actor: Actor, now = new Date()): Promise<{ marked: number }> {
  const { count } = await db.notice.updateMany({ where: { recipientId: actor.id, readAt: null }, data: { readAt: now } });
  return { marked: count };
}

/** Who was reminded about an action, and when ("Reminder sent to ... on ..."): anyone who may read it may see. */
export async function noticesForAction(actor: Actor, actionId: string) {
  assertCan(actor, 'review:read');
  const notices = await db.notice.findMany({
    where: { actionId },
    orderBy: [{ createdAt: 'desc' }, { id: 'asc' }],
    take: 50,
    select: { id: true, rule: true, createdAt: true, recipient: { select: { name: true } } },
  });
  return notices.map((n) => ({ id: n.id, rule: n.rule, createdAt: n.createdAt, recipient: n.recipient.name }));
}
