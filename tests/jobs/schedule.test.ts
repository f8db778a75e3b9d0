// The schedule on the real job queue (pg-boss on the test PostgreSQL), with
// two workers as two app instances would run: each slot's job runs once,
// and what it runs makes each notice and email once.
import { afterEach, describe, expect, it } from 'vitest';
import type PgBoss from 'pg-boss';
import { db } from '@/lib/db';
import type { JobName } from '@/lib/jobs/queues';
import { startJobs } from '@/lib/jobs/worker';
import { runNoticeRound } from '@/lib/notices/run-round';
import { createAgency, createUser } from '../support/factories';

const bosses: PgBoss[] = [];
afterEach(async () => {
  await Promise.all(bosses.splice(0).map((boss) => boss.stop({ graceful: false, wait: true })));
});

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('the schedule', () => {
  it('runs each slot of a scheduled job once, with two instances working the queue', async () => {
    // An overdue action, so that the round has something to make.
    const agency = await createAgency();
    const lead = await createUser('OWNER', agency.id);
    const review = await db.review.create({ data: { title: 'A review', kind: 'LEARNING_REVIEW', commissioningBody: 'The board', status: 'PUBLISHED' } });
    const due = new Date('2020-01-31');
    const recommendation = await db.recommendation.create({ data: { reviewId: review.id, reference: 'R1', text: 'Text', ownerAgencyId: agency.id, originalDueDate: due, dueDate: due } });
    await db.action.create({ data: { recommendationId: recommendation.id, reference: '1', ownerAgencyId: agency.id, leadOfficerId: lead.id, status: 'IN_PROGRESS', originalDueDate: due, dueDate: due } });

    // Start well inside a minute: a slot is a minute, and this test must see exactly one.
    if (new Date().getSeconds() > 40) await sleep((61 - new Date().getSeconds()) * 1000);
    const runs: { instance: number; job: JobName; sent?: number }[] = [];
    const handlersOf = (instance: number) => ({
      notice_round: async () => {
        const round = await runNoticeRound();
        runs.push({ instance, job: 'notice_round', sent: round.sent });
      },
      email_digest: async () => void runs.push({ instance, job: 'email_digest' }),
      email_delivery: async () => void runs.push({ instance, job: 'email_delivery' }),
    });
    const everyMinute = { notice_round: '* * * * *', email_digest: '* * * * *', email_delivery: '* * * * *' };
    const fast = { cronMonitorIntervalSeconds: 1, cronWorkerIntervalSeconds: 1 };
    for (const instance of [1, 2]) {
      bosses.push(await startJobs({ handlers: handlersOf(instance), schedule: everyMinute, options: fast }));
    }
    const started = Date.now();
    while (runs.length < 3 && Date.now() - started < 15_000) await sleep(250);
    // Both instances kept checking the schedule every second meanwhile: still once.
    await sleep(4_000);
    expect(runs.map((r) => r.job).sort()).toEqual(['email_delivery', 'email_digest', 'notice_round']);
    expect(runs.find((r) => r.job === 'notice_round')!.sent).toBeGreaterThan(0);
    expect(await db.notice.count()).toBe(runs.find((r) => r.job === 'notice_round')!.sent);
  }, 90_000);
});
