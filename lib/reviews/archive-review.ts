import 'server-only';
import type { z } from 'zod';
import { recordEvent } from '@/lib/audit/record-event';
import { claimVersion } from '@/lib/audit/versions';
import { assertCan } from '@/lib/auth/permissions';
import type { Actor } from '@/lib/auth/session-user';
import { db } from '@/lib/db';
import type { archiveSchema } from './review.schema';

/**
 * Archives a review (nothing tracked is ever deleted): it drops out of lists
 * and pages, its rows stay. Its live findings and recommendations are archived
 * with it, each with its own event, so none is left behind under a review
 * nobody can see. All in one transaction.
 */
export async function archiveReview(actor: Actor, input: z.output<typeof archiveSchema>) {
  assertCan(actor, 'review:edit');
  return db.$transaction(async (tx) => {
    const version = await claimVersion(tx, 'review', input.id, input.version);
    const now = new Date();
    // Every row change first, every event last: recording an event takes the
    // history chain's lock until commit, so no slow work may follow it.
    const review = await tx.review.update({ where: { id: input.id }, data: { archivedAt: now } });
    const recommendations = await tx.recommendation.updateManyAndReturn({
      where: { reviewId: review.id, archivedAt: null },
      data: { archivedAt: now, version: { increment: 1 } },
      select: { id: true, reference: true, version: true },
    });
    const findings = await tx.finding.updateManyAndReturn({
      where: { reviewId: review.id, archivedAt: null },
      data: { archivedAt: now, version: { increment: 1 } },
      select: { id: true, reference: true, version: true },
    });

    await recordEvent(tx, {
      actorId: actor.id,
      kind: 'review.archived',
      subjectId: review.id,
      subjectVersion: version,
      before: { archivedAt: null },
      after: { archivedAt: now },
      note: input.archiveReason,
      reviewId: review.id,
    });
    const note = 'Archived with its review';
    for (const recommendation of recommendations) {
      await recordEvent(tx, {
        actorId: actor.id,
        kind: 'recommendation.archived',
        subjectId: recommendation.id,
        subjectVersion: recommendation.version,
        before: { archivedAt: null },
        after: { reference: recommendation.reference, archivedAt: now },
        note,
        reviewId: review.id,
        recommendationId: recommendation.id,
      });
    }
    for (const finding of findings) {
      await recordEvent(tx, {
        actorId: actor.id,
        kind: 'finding.archived',
        subjectId: finding.id,
        subjectVersion: finding.version,
        before: { archivedAt: null },
        after: { reference: finding.reference, archivedAt: now },
        note,
        reviewId: review.id,
      });
    }
    return { id: review.id, version };
  });
}
