import { describe, expect, it } from 'vitest';
import { getWorkQueue } from '@/lib/dashboard/get-work-queue';
import { addDays } from '@/lib/days';
import { db, Prisma } from '@/lib/db';
import { RecommendationStatus } from '@/lib/generated/prisma/enums';
import { computeReport } from '@/lib/reports/compute-report';
import { createAgency, createUser } from '@/tests/support/factories';
import { createRecommendation, createReview } from '@/tests/support/list-factories';
import { listRecommendations } from './list-recommendations';
import { parseListParams } from './list-recommendations.schema';
import { daysOverdue, isOpen, isOverdue, STATUS_ORDER, type StatusMeaning, STATUSES, statusesWhere } from './status';
import { openSql, overdueSql, overdueWhere, statusListSql } from './status-sql';

describe('the status table', () => {
  it('says what each status means', () => {
    const table = Object.fromEntries(
      STATUS_ORDER.map((status) => {
        const m = STATUSES[status];
        return [status, [m.open, m.done, m.closed, m.committed, m.awaitsVerification, m.underWay, m.canBeOverdue]];
      }),
    );
    //                                 open   done   closed committed awaits underWay overdue
    expect(table).toEqual({
      NOT_STARTED: /*               */ [true, false, false, true, false, false, true],
      IN_PROGRESS: /*               */ [true, false, false, true, false, true, true],
      IMPLEMENTED: /*               */ [false, true, false, true, true, true, false],
      VERIFIED: /*                  */ [false, true, true, true, false, true, false],
      NOT_ACCEPTED: /*              */ [false, false, true, false, false, false, false],
      SUPERSEDED: /*                */ [false, false, true, false, false, false, false],
    });
  });

  it('covers every status of the database enum, in its order (the list sorts by it)', () => {
    expect(STATUS_ORDER).toEqual(Object.values(RecommendationStatus));
  });

  it('gives SQL the same lists as the TypeScript rules, quality by quality', () => {
    for (const quality of Object.keys(STATUSES.NOT_STARTED) as (keyof StatusMeaning)[]) {
      const rule = STATUS_ORDER.filter((status) => STATUSES[status][quality]);
      expect(statusListSql(statusesWhere(quality)).values, quality).toEqual(rule);
    }
    expect(overdueSql('r', '2026-07-02').values).toEqual([...statusesWhere('canBeOverdue'), '2026-07-02']);
  });

  it('gives the same answers in PostgreSQL as in TypeScript, for every status due before, on and after today', async () => {
    const agency = await createAgency();
    const review = await createReview();
    const today = '2026-07-02';
    const rows = [];
    for (const status of STATUS_ORDER) {
      for (const dueDate of [addDays(today, -1), today, addDays(today, 1)]) {
        rows.push(await createRecommendation({ reviewId: review.id, ownerAgencyId: agency.id, status, dueDate }));
      }
    }
    const inSql = await db.$queryRaw<{ id: string; open: boolean; overdue: boolean }[]>(Prisma.sql`
      SELECT r.id, ${openSql('r')} AS open, ${overdueSql('r', today)} AS overdue
      FROM "Recommendation" r WHERE r."reviewId" = ${review.id}`);
    const asSql = Object.fromEntries(inSql.map((r) => [r.id, { open: r.open, overdue: r.overdue }]));
    expect(asSql).toEqual(Object.fromEntries(rows.map((r) => [r.id, { open: isOpen(r.status), overdue: isOverdue(r, today) }])));

    const inFilter = await db.recommendation.findMany({ where: { reviewId: review.id, ...overdueWhere(today) }, select: { id: true } });
    expect(inFilter.map((r) => r.id).sort()).toEqual(rows.filter((r) => isOverdue(r, today)).map((r) => r.id).sort());
  });
});

describe('overdue', () => {
  it('is past the due day (a UK day) and still to be done', () => {
    const due = new Date('2013-03-31T00:00:00Z');
    expect(isOverdue({ status: 'IN_PROGRESS', dueDate: due }, '2013-03-31')).toBe(false);
    expect(isOverdue({ status: 'IN_PROGRESS', dueDate: due }, '2013-04-01')).toBe(true);
    expect(isOverdue({ status: 'NOT_STARTED', dueDate: '2013-03-31' }, '2013-04-10')).toBe(true);
    for (const status of ['IMPLEMENTED', 'VERIFIED', 'NOT_ACCEPTED', 'SUPERSEDED'] as const) {
      expect(isOverdue({ status, dueDate: due }, '2014-01-01')).toBe(false);
    }
    expect(daysOverdue({ status: 'IN_PROGRESS', dueDate: due }, '2013-04-10')).toBe(10);
    expect(daysOverdue({ status: 'VERIFIED', dueDate: due }, '2013-04-10')).toBe(0);
  });

  it('is the same in the rule, RAG, the list, the work queue and the report just after UK midnight in summer', async () => {
    const agency = await createAgency();
    const owner = await createUser('OWNER', agency.id);
    const review = await createReview();
    const started = new Date('2026-06-20T09:00:00Z');
    const due = await createRecommendation({
      reviewId: review.id, ownerAgencyId: agency.id, status: 'IN_PROGRESS', dueDate: '2026-07-01', createdAt: started, lastProgressAt: started,
    });
    await createRecommendation({ reviewId: review.id, ownerAgencyId: agency.id, status: 'IMPLEMENTED', dueDate: '2026-06-01' });
    const created = {
      id: 1, occurredAt: started, kind: 'recommendation.created', subjectId: due.id, reviewId: review.id, recommendationId: due.id, actorId: owner.id, note: null,
      // As the version before actions wrote it: the replay reads it as the recommendation's one action.
      before: null,
      after: JSON.parse(JSON.stringify({
        reference: due.reference, text: due.text, response: 'ACCEPTED', priority: due.priority, status: due.status, ownerAgencyId: agency.id, ownerAgency: 'Agency',
        leadOfficerId: null, leadOfficer: null, findingIds: [], findings: [], dueDate: due.dueDate, originalDueDate: due.originalDueDate,
      })) as unknown,
    };
    const names = { agencies: new Map([[agency.id, 'Agency']]), users: new Map(), reviews: new Map([[review.id, 'Review']]) };

    const everywhere = async (now: Date) => {
      const list = await listRecommendations(owner, parseListParams({ agency: agency.id, overdue: '1' }).filters, now);
      const queue = await getWorkQueue(owner, now);
      const report = computeReport([created], names, now, new Date('2026-06-01T00:00:00Z'));
      return {
        list: list.rows.map((row) => [row.id, row.overdue, row.daysOverdue, row.rag.rating, row.rag.reasons]),
        queue: queue.kind === 'owner' ? queue.counts.overdue : -1,
        report: report.overdue.map((row) => [row.reference, row.daysOverdue, row.rag]),
      };
    };
    // 22:59 UTC on 1 July is 23:59 in London: due today, not overdue anywhere.
    expect(await everywhere(new Date('2026-07-01T22:59:00Z'))).toEqual({ list: [], queue: 0, report: [] });
    // 23:30 UTC on 1 July is 00:30 on 2 July in London: overdue by a day everywhere.
    expect(await everywhere(new Date('2026-07-01T23:30:00Z'))).toEqual({
      list: [[due.id, true, 1, 'RED', ['Overdue since 1 July 2026']]],
      queue: 1,
      report: [[due.reference, 1, 'RED']],
    });
    expect(isOverdue(due, '2026-07-02')).toBe(true);
  });
});
