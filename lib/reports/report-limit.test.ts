import { beforeAll, describe, expect, it } from 'vitest';
import { recordEvent } from '@/lib/audit/record-event';
import type { Actor } from '@/lib/auth/session-user';
import { db } from '@/lib/db';
import { ReportTooLargeError } from '@/lib/errors';
import { createAgency, createUser } from '@/tests/support/factories';
import { createReview, day } from '@/tests/support/list-factories';
import { getReport, PARTNERSHIP, REPORT_RECOMMENDATION_LIMIT } from './get-report';

let viewer: Actor;
let agencyId: string;

beforeAll(async () => {
  agencyId = (await createAgency()).id;
  viewer = await createUser('VIEWER', agencyId);
});

/** A review with this many recommendations (inserted directly: the history holds only the review's creation). */
async function reviewWith(recommendations: number) {
  const review = await createReview();
  // As every change in the app does: built reports are kept until the next event.
  await db.$transaction((tx) => recordEvent(tx, {
      actorId: null,
      kind: 'review.created',
      subjectId: review.id,
      after: { title: review.title, kind: review.kind, commissioningBody: review.commissioningBody, status: review.status },
      reviewId: review.id,
    }));
  await db.recommendation.createMany({
    data: Array.from({ length: recommendations }, (_, n) => ({
      reviewId: review.id,
      reference: `R${n + 1}`,
      text: `Recommendation ${n + 1}`,
      ownerAgencyId: agencyId,
      originalDueDate: day('2027-03-31'),
      dueDate: day('2027-03-31'),
    })),
  });
  return review;
}

describe('the partnership report', () => {
  it('is built up to the limit, and refused (nothing loaded) beyond it', async () => {
    await reviewWith(REPORT_RECOMMENDATION_LIMIT - 1);
    const closed = await reviewWith(5);
    // Closed as the app closes a review: the row and its event (the report reads which reviews were open from the history).
    await db.$transaction(async (tx) => {
      await tx.review.update({ where: { id: closed.id }, data: { status: 'CLOSED' } });
      await recordEvent(tx, { actorId: null, kind: 'review.updated', subjectId: closed.id, before: { status: closed.status }, after: { status: 'CLOSED' }, reviewId: closed.id });
    });
    // Closed reviews are outside the partnership report: still within the limit.
    await expect(getReport(viewer, PARTNERSHIP, {})).resolves.toMatchObject({ scope: PARTNERSHIP });

    const second = await reviewWith(2);
    const refusal = await getReport(viewer, PARTNERSHIP, {}).catch((error: unknown) => error);
    expect(refusal).toBeInstanceOf(ReportTooLargeError);
    expect(refusal).toMatchObject({ recommendations: REPORT_RECOMMENDATION_LIMIT + 1, limit: REPORT_RECOMMENDATION_LIMIT });
    expect((refusal as Error).message).toContain('Choose the report of a review instead');
    // A review's own report is not limited by the others.
    await expect(getReport(viewer, second.id, {})).resolves.toMatchObject({ scope: second.id });
  });
});
