import 'server-only';
import type { z } from 'zod';
import { recordEvent } from '@/lib/audit/record-event';
import { claimVersion } from '@/lib/audit/versions';
import { assertCan } from '@/lib/auth/permissions';
import type { Actor } from '@/lib/auth/session-user';
import { db } from '@/lib/db';
import { NotFoundError } from '@/lib/errors';
import type { archiveSchema } from '@/lib/reviews/review.schema';

/** Archives a recommendation: it drops out of pages and lists; its row, evidence and history stay. */
export async function archiveRecommendation(actor: Actor, input: z.output<typeof archiveSchema>) {
  return db.$transaction(async (tx) => {
    const existing = await tx.recommendation.findFirst({ where: { id: input.id, archivedAt: null }, select: { ownerAgencyId: true } });
    if (!existing) throw new NotFoundError('recommendation');
    assertCan(actor, 'recommendation:edit', existing);
    const version = await claimVersion(tx, 'recommendation', input.id, input.version);
    const now = new Date();
    const recommendation = await tx.recommendation.update({ where: { id: input.id }, data: { archivedAt: now } });
    await recordEvent(tx, {
      actorId: actor.id,
      kind: 'recommendation.archived',
      subjectId: recommendation.id,
      subjectVersion: version,
      before: { archivedAt: null },
      after: { reference: recommendation.reference, archivedAt: now },
      note: input.archiveReason,
      reviewId: recommendation.reviewId,
      recommendationId: recommendation.id,
    });
    return { id: recommendation.id, reviewId: recommendation.reviewId, version };
  });
}
