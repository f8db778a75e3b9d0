import 'server-only';
import type { z } from 'zod';
import { recordEvent } from '@/lib/audit/record-event';
import { claimVersion } from '@/lib/audit/versions';
import { assertCan } from '@/lib/auth/permissions';
import type { Actor } from '@/lib/auth/session-user';
import { db, type Tx } from '@/lib/db';
import { NotFoundError, RuleError } from '@/lib/errors';
import type { overrideRagSchema, withdrawRagOverrideSchema } from './override-rag.schema';
import { isClosed } from './status';

async function claim(tx: Tx, actor: Actor, id: string, baseVersion: number) {
  const existing = await tx.recommendation.findFirst({ where: { id, archivedAt: null }, select: { ownerAgencyId: true } });
  if (!existing) throw new NotFoundError('recommendation');
  assertCan(actor, 'recommendation:override-rag', existing);
  const version = await claimVersion(tx, 'recommendation', id, baseVersion);
  const recommendation = await tx.recommendation.findUniqueOrThrow({ where: { id } });
  return { version, recommendation };
}

/**
 * A reviewer sets the RAG rating by hand, with a justification that stays on
 * record (on the recommendation until withdrawn, and in its history for ever).
 */
export async function overrideRag(actor: Actor, input: z.output<typeof overrideRagSchema>) {
  return db.$transaction(async (tx) => {
    const { version, recommendation } = await claim(tx, actor, input.recommendationId, input.version);
    if (isClosed(recommendation.status)) {
      throw new RuleError('A closed recommendation has no RAG rating to override', 'rating');
    }
    await tx.recommendation.update({
      where: { id: recommendation.id },
      data: {
        ragOverride: input.rating,
        ragOverrideJustification: input.justification,
        ragOverrideById: actor.id,
        ragOverrideAt: new Date(),
      },
    });
    await recordEvent(tx, {
      actorId: actor.id,
      kind: 'recommendation.rag_overridden',
      subjectId: recommendation.id,
      subjectVersion: version,
      before: { rating: recommendation.ragOverride, justification: recommendation.ragOverrideJustification },
      after: { rating: input.rating, justification: input.justification },
      note: input.justification,
      reviewId: recommendation.reviewId,
      recommendationId: recommendation.id,
    });
    return { version };
  });
}

/** A reviewer withdraws the override, with a reason: the computed rating applies again. */
export async function withdrawRagOverride(actor: Actor, input: z.output<typeof withdrawRagOverrideSchema>) {
  return db.$transaction(async (tx) => {
    const { version, recommendation } = await claim(tx, actor, input.recommendationId, input.version);
    if (!recommendation.ragOverride) throw new RuleError('The RAG rating is not overridden, so there is nothing to withdraw');
    await tx.recommendation.update({
      where: { id: recommendation.id },
      data: { ragOverride: null, ragOverrideJustification: null, ragOverrideById: null, ragOverrideAt: null },
    });
    await recordEvent(tx, {
      actorId: actor.id,
      kind: 'recommendation.rag_override_withdrawn',
      subjectId: recommendation.id,
      subjectVersion: version,
      before: { rating: recommendation.ragOverride, justification: recommendation.ragOverrideJustification },
      after: { rating: null, justification: null },
      note: input.reason,
      reviewId: recommendation.reviewId,
      recommendationId: recommendation.id,
    });
    return { version };
  });
}
