import { describe, expect, it } from 'vitest';
import { getWorkQueue } from '@/lib/dashboard/get-work-queue';
import { db } from '@/lib/db';
import { RecommendationStatus } from '@/lib/generated/prisma/enums';
import { createAgency, createUser } from '@/tests/support/factories';
import { createRecommendation, createReview } from '@/tests/support/list-factories';
import { listRecommendations } from './list-recommendations';
import { parseListParams } from './list-recommendations.schema';
import { daysOverdue, isOverdue, STATUS_ORDER, STATUSES, statusesWhere } from './status';
import { overdueSql, statusListSql } from './status-sql';

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

  it('gives SQL the same lists as the TypeScript rules', () => {
    expect(statusListSql(statusesWhere('open')).values).toEqual(['NOT_STARTED', 'IN_PROGRESS']);
    expect(overdueSql('r', '2026-07-02').values).toEqual([...statusesWhere('canBeOverdue'), '2026-07-02']);
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

  it('is the same in the rule, the list and the work queue just after UK midnight in summer', async () => {
    const agency = await createAgency();
    const owner = await createUser('OWNER', agency.id);
    const review = await createReview();
    const due = await createRecommendation({ reviewId: review.id, ownerAgencyId: agency.id, status: 'IN_PROGRESS', dueDate: '2026-07-01' });
    await createRecommendation({ reviewId: review.id, ownerAgencyId: agency.id, status: 'IMPLEMENTED', dueDate: '2026-06-01' });
    const counts = async (now: Date) => {
      const list = await listRecommendations(owner, parseListParams({ agency: agency.id, overdue: '1' }).filters, now);
      const queue = await getWorkQueue(owner, now);
      return {
        list: list.rows.map((row) => [row.id, row.overdue, row.daysOverdue]),
        queue: queue.kind === 'owner' ? queue.counts.overdue : -1,
      };
    };
    // 22:59 UTC on 1 July is 23:59 in London: due today, not overdue anywhere.
    expect(await counts(new Date('2026-07-01T22:59:00Z'))).toEqual({ list: [], queue: 0 });
    // 23:30 UTC on 1 July is 00:30 on 2 July in London: overdue by a day everywhere.
    expect(await counts(new Date('2026-07-01T23:30:00Z'))).toEqual({ list: [[due.id, true, 1]], queue: 1 });
    expect(isOverdue(await db.recommendation.findUniqueOrThrow({ where: { id: due.id } }), '2026-07-02')).toBe(true);
  });
});
