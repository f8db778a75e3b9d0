import 'server-only';
import type { z } from 'zod';
import { recordEvent } from '@/lib/audit/record-event';
import { assertCan } from '@/lib/auth/permissions';
import type { Actor } from '@/lib/auth/session-user';
import { db, type Tx } from '@/lib/db';
import { refusingDuplicate } from '@/lib/db/unique';
import { NotFoundError, RuleError } from '@/lib/errors';
import { checkOwner, ownerValues } from '@/lib/recommendations/recommendation-links';
import { isSetAside } from '@/lib/recommendations/status';
import type { createActionSchema } from './action.schema';
import { ACTION_REFERENCE_TAKEN } from './find-action';
import { refreshRecommendation } from './refresh-recommendation';

export type NewAction = {
  reference: string;
  text: string | null;
  ownerAgencyId: string;
  leadOfficerId: string | null;
  dueDate: Date;
};

/**
 * Writes a new action of a recommendation and its 'action.created' event, and
 * rolls the recommendation up again. Its original due date is its first,
 * kept for ever. Used by "add an action" and by creating a recommendation.
 */
export async function insertAction(tx: Tx, actorId: string, recommendation: { id: string; reviewId: string }, input: NewAction) {
  const owner = await checkOwner(tx, input);
  const taken = await tx.action.findFirst({
    where: { recommendationId: recommendation.id, reference: { equals: input.reference, mode: 'insensitive' } },
    select: { id: true },
  });
  if (taken) throw new RuleError(ACTION_REFERENCE_TAKEN, 'reference');
  const action = await tx.action.create({
    data: {
      recommendationId: recommendation.id,
      reference: input.reference,
      text: input.text,
      ownerAgencyId: owner.agency.id,
      leadOfficerId: owner.leadOfficer?.id ?? null,
      dueDate: input.dueDate,
      originalDueDate: input.dueDate,
    },
  });
  await refreshRecommendation(tx, recommendation.id);
  await recordEvent(tx, {
    actorId,
    kind: 'action.created',
    subjectId: action.id,
    subjectVersion: action.version,
    after: {
      reference: action.reference,
      text: action.text,
      ...ownerValues(owner),
      status: action.status,
      dueDate: action.dueDate,
      originalDueDate: action.originalDueDate,
    },
    reviewId: recommendation.reviewId,
    recommendationId: recommendation.id,
  });
  return action;
}

/** A reviewer adds an action to a recommendation (one agency's part of it). */
export async function createAction(actor: Actor, input: z.output<typeof createActionSchema>) {
  assertCan(actor, 'recommendation:edit');
  assertCan(actor, 'recommendation:assign-owner');
  return refusingDuplicate(
    () =>
      db.$transaction(async (tx) => {
        const recommendation = await tx.recommendation.findFirst({
          where: { id: input.recommendationId, archivedAt: null },
          select: { id: true, reviewId: true, status: true },
        });
        if (!recommendation) throw new NotFoundError('recommendation');
        if (isSetAside(recommendation.status)) {
          throw new RuleError('This recommendation has been set aside: reopen it before adding actions', 'text');
        }
        const action = await insertAction(tx, actor.id, recommendation, input);
        return { id: action.id, version: action.version };
      }),
    ACTION_REFERENCE_TAKEN,
    'reference',
  );
}
