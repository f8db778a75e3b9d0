import 'server-only';
import type { z } from 'zod';
import { changedFields } from '@/lib/audit/events';
import { recordEvent } from '@/lib/audit/record-event';
import { claimVersion } from '@/lib/audit/versions';
import { assertCan } from '@/lib/auth/permissions';
import type { Actor } from '@/lib/auth/session-user';
import { db } from '@/lib/db';
import { NoChanges, unlessNoChanges } from '@/lib/reviews/no-changes';
import { reviewValues } from './create-review';
import type { updateReviewSchema } from './review.schema';

/**
 * Edits a review's fields. One transaction: claim the version the edit was
 * based on (a stale one changes nothing), update, and record the changed
 * fields. Saving without changing anything changes nothing, not even the version.
 */
export async function updateReview(actor: Actor, input: z.output<typeof updateReviewSchema>) {
  assertCan(actor, 'review:edit');
  return unlessNoChanges(
  () =>
    db.$transaction(async (tx) => {
      const version = await claimVersion(tx, 'review', input.id, input.version);
      const before = await tx.review.findUniqueOrThrow({ where: { id: input.id } });
      const after = reviewValues(input);
      const changes = changedFields(reviewValues(before), after);
      if (Object.keys(changes.after).length === 0) throw new NoChanges();
      await tx.review.update({ where: { id: input.id }, data: after });
      await recordEvent(tx, {
        actorId: actor.id,
        kind: 'review.updated',
        subjectId: input.id,
        subjectVersion: version,
        ...changes,
        reviewId: input.id,
      });
      return { id: input.id, version };
    }),
    () => ({ id: input.id, version: input.version }),
  );
}
