import 'server-only';
import type { z } from 'zod';
import { recordEvent } from '@/lib/audit/record-event';
import { assertCan } from '@/lib/auth/permissions';
import type { Actor } from '@/lib/auth/session-user';
import { db } from '@/lib/db';
import type { createReviewSchema } from './review.schema';

/** A new review, with its 'review.created' event in the same transaction. */
export async function createReview(actor: Actor, input: z.output<typeof createReviewSchema>) {
  assertCan(actor, 'review:create');
  const fields = reviewValues(input);
  return db.$transaction(async (tx) => {
    const review = await tx.review.create({ data: fields });
    await recordEvent(tx, {
      actorId: actor.id,
      kind: 'review.created',
      subjectId: review.id,
      subjectVersion: review.version,
      after: fields,
      reviewId: review.id,
    });
    return { id: review.id, version: review.version };
  });
}

/** The stored fields of a review, in one order, for rows and events alike. */
export function reviewValues(input: z.output<typeof createReviewSchema>) {
  return {
    title: input.title,
    kind: input.kind,
    commissioningBody: input.commissioningBody,
    periodStart: input.periodStart,
    periodEnd: input.periodEnd,
    publishedOn: input.publishedOn,
    status: input.status,
    summary: input.summary,
    sourceUrl: input.sourceUrl,
  };
}
