// A round of notices on a real database: what it makes, that it makes each
// once (again, and with two rounds at once on separate connection pools), the
// history event of each, and the recipient's view of them.
import { beforeEach, describe, expect, it } from 'vitest';
import type { Actor } from '@/lib/auth/session-user';
import { db } from '@/lib/db';
import { createPrismaClient } from '@/lib/db/client';
import { listMyNotices, markAllNoticesRead, noticesForAction } from '@/lib/notices/notices';
import { createAgency, createUser } from '../support/factories';

let lead: Actor;
let reviewer: Actor;
let otherReviewer: Actor;
let actionId: string;

const now = new Date('2013-04-02T09:00:00Z');

beforeEach(async () => {
  // Each test's world alone: earlier tests' reviews archived (a round reads live ones), their notices gone.
  await db.review.updateMany({ where: { archivedAt: null }, data: { archivedAt: new Date() } });
  await db.notice.deleteMany();
  const agency = await createAgency();
  const board = await createAgency(undefined, true);
  lead = await createUser('OWNER', agency.id);
  reviewer = await createUser('REVIEWER', board.id);
  otherReviewer = await createUser('REVIEWER', board.id);
  // Only this test's reviewers are active reviewers.
  await db.user.updateMany({ where: { role: 'REVIEWER', id: { notIn: [reviewer.id, otherReviewer.id] } }, data: { active: false } });
  const review = await db.review.create({ data: { title: 'A review', kind: 'LEARNING_REVIEW', commissioningBody: 'The board', status: 'PUBLISHED' } });
  const due = new Date('2013-03-31');
  const recommendation = await db.recommendation.create({ data: { reviewId: review.id, reference: 'R1', text: 'Train staff', ownerAgencyId: agency.id, originalDueDate: due, dueDate: due } });
  const action = await db.action.create({
    data: { recommendationId: recommendation.id, reference: '1', ownerAgencyId: agency.id, leadOfficerId: lead.id, status: 'IN_PROGRESS', originalDueDate: due, dueDate: due, lastProgressAt: new Date('2013-03-20T10:00:00Z') },
  });
  actionId = action.id;
  // One without a lead officer, due later.
  await db.action.create({ data: { recommendationId: recommendation.id, reference: '2', ownerAgencyId: agency.id, originalDueDate: new Date('2013-12-31'), dueDate: new Date('2013-12-31') } });
});

describe('a round of notices', () => {
  it('reminds the lead officer of an overdue action and flags an unled one to the reviewers, each once, with a history event each', async () => {
    const { runNoticeRound } = await import('@/lib/notices/run-round');
    const first = await runNoticeRound(now);
    expect(first).toMatchObject({ day: '2013-04-02', sent: 3, byRule: { overdue: 1, unled: 2 } });
    const again = await runNoticeRound(now);
    expect(again.sent).toBe(0);
    expect(await db.notice.count()).toBe(3);
    const events = await db.historyEvent.findMany({ where: { kind: 'notice.sent', reviewId: { in: (await db.review.findMany({ where: { archivedAt: null }, select: { id: true } })).map((r) => r.id) } }, orderBy: { id: 'asc' } });
    expect(events).toHaveLength(3);
    expect(events[0]).toMatchObject({ actorId: null, after: { rule: 'overdue', recipientId: lead.id, recipient: 'Test owner', actionId, aboutDay: '2013-03-31' } });

    // The recipient sees it, in words with the reference and dates only; the action shows who was reminded.
    const mine = await listMyNotices(lead, now);
    expect(mine.unread).toBe(1);
    expect(mine.notices.map((n) => [n.text, n.href, n.read])).toEqual([['R1.1 was due on 31 March 2013 and is overdue', `/actions/${actionId}`, false]]);
    expect((await noticesForAction(reviewer, actionId)).map((n) => [n.recipient, n.rule])).toEqual([['Test owner', 'overdue']]);
    expect(await markAllNoticesRead(lead, now)).toEqual({ marked: 1 });
    expect((await listMyNotices(lead, now)).unread).toBe(0);
    // Another user's notices are not theirs to mark.
    expect((await listMyNotices(reviewer, now)).unread).toBe(1);
  });

  it('makes each notice once when two rounds run at the same time on two instances', async () => {
    const { runNoticeRound } = await import('@/lib/notices/run-round');
    // A second instance: its own connection pool, the same database.
    const other = createPrismaClient(process.env.DATABASE_URL!, 4);
    // The history keeps earlier tests' events: count this test's.
    const before = await db.historyEvent.count({ where: { kind: 'notice.sent' } });
    try {
      const results = await Promise.all([runNoticeRound(now), runNoticeRound(now, undefined, other)]);
      expect(results.map((r) => r.sent).reduce((a, b) => a + b, 0)).toBe(3);
      expect(await db.notice.count()).toBe(3);
      expect(await db.historyEvent.count({ where: { kind: 'notice.sent' } })).toBe(before + 3);
    } finally {
      await other.$disconnect();
    }
  });

  it('reminds again about a new due date, and tells reviewers when the lead officer has left', async () => {
    const { runNoticeRound } = await import('@/lib/notices/run-round');
    await runNoticeRound(now);
    await db.action.update({ where: { id: actionId }, data: { dueDate: new Date('2013-04-07') } });
    const moved = await runNoticeRound(now);
    expect(moved.byRule).toEqual({ due_soon: 1 });
    await db.user.update({ where: { id: lead.id }, data: { active: false } });
    const left = await runNoticeRound(now);
    expect(left.byRule).toEqual({ unled: 2 });
  });
});
