import 'server-only';
import type { z } from 'zod';
import { insertAction } from '@/lib/actions/create-action';
import { recordEvent } from '@/lib/audit/record-event';
import { assertCan } from '@/lib/auth/permissions';
import type { Actor } from '@/lib/auth/session-user';
import { db } from '@/lib/db';
import { NotFoundError } from '@/lib/errors';
import { assertReferenceFree, refusingDuplicateReference } from '@/lib/reviews/references';
import type { createRecommendationSchema } from './recommendation.schema';
import { checkFindings, checkOwner, findingValues } from './recommendation-links';

/**
 * A new recommendation answering one or more findings of the same review,
 * with its first action: the recommendation as written, owned by the agency
 * chosen, due on the date given (its original due date, kept for ever).
 * Records 'recommendation.created' and 'action.created'.
 */
export async function createRecommendation(actor: Actor, input: z.output<typeof createRecommendationSchema>) {
  assertCan(actor, 'recommendation:edit');
  assertCan(actor, 'recommendation:assign-owner');
  return refusingDuplicateReference(() =>
    db.$transaction(async (tx) => {
      const review = await tx.review.findFirst({ where: { id: input.reviewId, archivedAt: null }, select: { id: true } });
      if (!review) throw new NotFoundError('review');
      await assertReferenceFree(tx, 'recommendation', review.id, input.reference);
      const findings = await checkFindings(tx, review.id, input.findingIds);
      const owner = await checkOwner(tx, input);

      const fields = { reference: input.reference, text: input.text, response: input.response, priority: input.priority };
      // The owner and dates are rolled up from the first action (written next); they are set here because they are required.
      const recommendation = await tx.recommendation.create({
        data: {
          reviewId: review.id,
          ...fields,
          ownerAgencyId: owner.agency.id,
          leadOfficerId: owner.leadOfficer?.id ?? null,
          originalDueDate: input.dueDate,
          dueDate: input.dueDate,
          findings: { connect: findings.map(({ id }) => ({ id })) },
        },
      });
      await recordEvent(tx, {
        actorId: actor.id,
        kind: 'recommendation.created',
        subjectId: recommendation.id,
        subjectVersion: recommendation.version,
        after: { ...fields, ...findingValues(findings) },
        reviewId: review.id,
        recommendationId: recommendation.id,
      });
      const action = await insertAction(tx, actor.id, recommendation, {
        reference: '1',
        text: null,
        ownerAgencyId: input.ownerAgencyId,
        leadOfficerId: input.leadOfficerId,
        dueDate: input.dueDate,
      });
      return { id: recommendation.id, version: recommendation.version, actionId: action.id };
    }),
  );
}
