import 'server-only';
import { contentSha256 } from '@/lib/audit/chain';
import { recordEvent } from '@/lib/audit/record-event';
import { assertCan } from '@/lib/auth/permissions';
import type { Actor } from '@/lib/auth/session-user';
import { db } from '@/lib/db';
import { NotFoundError } from '@/lib/errors';
import type { AddCommentValues } from './comment.schema';

/**
 * A comment on a recommendation, shown in its timeline. The body lives in the
 * Comment table (the timeline reads it from there); the event records who
 * commented and when. Comments are not progress: the stall clock is untouched.
 */
export async function addComment(actor: Actor, input: AddCommentValues) {
  return db.$transaction(async (tx) => {
    const recommendation = await tx.recommendation.findFirst({
      where: { id: input.recommendationId, archivedAt: null },
      select: { id: true, reviewId: true, ownerAgencyId: true },
    });
    if (!recommendation) throw new NotFoundError('recommendation');
    assertCan(actor, 'comment:add', recommendation);

    const comment = await tx.comment.create({
      data: { recommendationId: recommendation.id, authorId: actor.id, body: input.body },
    });
    await recordEvent(tx, {
      actorId: actor.id,
      kind: 'comment.added',
      subjectId: comment.id,
      after: { bodySha256: contentSha256(comment.body) },
      note: null,
      reviewId: recommendation.reviewId,
      recommendationId: recommendation.id,
    });
    return { commentId: comment.id };
  });
}
