import 'server-only';
import { recordEvent } from '@/lib/audit/record-event';
import { claimVersion } from '@/lib/audit/versions';
import { assertCan, ForbiddenError } from '@/lib/auth/permissions';
import type { Actor } from '@/lib/auth/session-user';
import { db } from '@/lib/db';
import { NotFoundError, RuleError } from '@/lib/errors';
import type { updateProgressSchema } from './update-progress.schema';
import type { z } from 'zod';
import { checkTransition } from './workflow';

/**
 * An update from the owner or a reviewer: a note, and a new status when the
 * workflow allows it (same status = a progress note only). Writes the change
 * and its history event in one transaction, refusing a stale version.
 */
export async function updateProgress(actor: Actor, input: z.output<typeof updateProgressSchema>) {
  return db.$transaction(async (tx) => {
    const existing = await tx.recommendation.findFirst({
      where: { id: input.recommendationId, archivedAt: null },
      select: { ownerAgencyId: true },
    });
    if (!existing) throw new NotFoundError('recommendation');
    assertCan(actor, 'recommendation:update-progress', existing);

    const version = await claimVersion(tx, 'recommendation', input.recommendationId, input.version);
    const recommendation = await tx.recommendation.findUniqueOrThrow({
      where: { id: input.recommendationId },
      include: { evidence: { where: { archivedAt: null }, select: { assessment: true, submittedById: true } } },
    });
    const now = new Date();
    const scope = { reviewId: recommendation.reviewId, recommendationId: recommendation.id };

    if (input.status === recommendation.status) {
      await tx.recommendation.update({ where: { id: recommendation.id }, data: { progressNote: input.note, lastProgressAt: now } });
      await recordEvent(tx, {
        actorId: actor.id,
        kind: 'recommendation.progress_updated',
        subjectId: recommendation.id,
        subjectVersion: version,
        note: input.note,
        ...scope,
      });
      return { version };
    }

    const check = checkTransition(recommendation, input.status, actor);
    // A move the user may not make at all is refused as any forbidden action is; one that needs something first says what, at the field.
    if (!check.allowed) throw check.missing ? new ForbiddenError(check.missing) : new RuleError(check.reason, 'status');

    await tx.recommendation.update({
      where: { id: recommendation.id },
      data: { status: input.status, statusChangedAt: now, lastProgressAt: now, progressNote: input.note },
    });
    await recordEvent(tx, {
      actorId: actor.id,
      kind: 'recommendation.status_changed',
      subjectId: recommendation.id,
      subjectVersion: version,
      before: { status: recommendation.status },
      after: { status: input.status },
      note: input.note,
      ...scope,
    });
    return { version };
  });
}
