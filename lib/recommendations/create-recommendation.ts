import 'server-only';
import type { z } from 'zod';
import { recordEvent } from '@/lib/audit/record-event';
import { assertCan } from '@/lib/auth/permissions';
import type { Actor } from '@/lib/auth/session-user';
import { db } from '@/lib/db';
import { NotFoundError } from '@/lib/errors';
import { assertReferenceFree, refusingDuplicateReference } from '@/lib/reviews/references';
import type { createRecommendationSchema } from './recommendation.schema';
import { checkLinks, linkValues } from './recommendation-links';

/**
 * A new recommendation answering one or more findings of the same review. Its
 * original due date is its first due date, kept for ever. The
 * 'recommendation.created' event carries the initial values.
 */
export async function createRecommendation(actor: Actor, input: z.output<typeof createRecommendationSchema>) {
  assertCan(actor, 'recommendation:edit');
  assertCan(actor, 'recommendation:assign-owner');
  return refusingDuplicateReference(() =>
    db.$transaction(async (tx) => {
      const review = await tx.review.findFirst({ where: { id: input.reviewId, archivedAt: null }, select: { id: true } });
      if (!review) throw new NotFoundError('review');
      await assertReferenceFree(tx, 'recommendation', review.id, input.reference);
      const links = await checkLinks(tx, review.id, input);

      const fields = {
        reference: input.reference,
        text: input.text,
        response: input.response,
        ownerAgencyId: links.agency.id,
        leadOfficerId: links.leadOfficer?.id ?? null,
        priority: input.priority,
        originalDueDate: input.dueDate,
        dueDate: input.dueDate,
      };
      const recommendation = await tx.recommendation.create({
        data: { reviewId: review.id, ...fields, findings: { connect: links.findings.map(({ id }) => ({ id })) } },
      });
      await recordEvent(tx, {
        actorId: actor.id,
        kind: 'recommendation.created',
        subjectId: recommendation.id,
        subjectVersion: recommendation.version,
        after: { ...fields, status: recommendation.status, ...linkValues(links) },
        reviewId: review.id,
        recommendationId: recommendation.id,
      });
      return { id: recommendation.id, version: recommendation.version };
    }),
  );
}
