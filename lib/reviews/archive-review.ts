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
    const review = await tx.review.update({ where: { id: input.id }, data: { archivedAt: now } });
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
    const recommendations = await tx.recommendation.findMany({
      where: { reviewId: review.id, archivedAt: null },
      select: { id: true, reference: true },
    });
    for (const recommendation of recommendations) {
      const updated = await tx.recommendation.update({
        where: { id: recommendation.id },
        data: { archivedAt: now, version: { increment: 1 } },
      });
      await recordEvent(tx, {
        actorId: actor.id,
        kind: 'recommendation.archived',
        subjectId: recommendation.id,
        subjectVersion: updated.version,
        before: { archivedAt: null },
        after: { reference: recommendation.reference, archivedAt: now },
        note,
        reviewId: review.id,
        recommendationId: recommendation.id,
      });
    }
    const findings = await tx.finding.findMany({ where: { reviewId: review.id, archivedAt: null }, select: { id: true, reference: true } });
    for (const finding of findings) {
      const updated = await tx.finding.update({ where: { id: finding.id }, data: { archivedAt: now, version: { increment: 1 } } });
      await recordEvent(tx, {
        actorId: actor.id,
        kind: 'finding.archived',
        subjectId: finding.id,
        subjectVersion: updated.version,
        before: { archivedAt: null },
        after: { reference: finding.reference, archivedAt: now },
        note,
        reviewId: review.id,
      });
    }
    return { id: review.id, version };
  });
}
