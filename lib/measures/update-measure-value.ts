import 'server-only';
import { recordEvent } from '@/lib/audit/record-event';
import { claimVersion } from '@/lib/audit/versions';
import { assertCan } from '@/lib/auth/permissions';
import type { Actor } from '@/lib/auth/session-user';
import { db } from '@/lib/db';
import { NotFoundError, RuleError } from '@/lib/errors';
import { refreshRecommendation } from '@/lib/actions/refresh-recommendation';
import type { UpdateMeasureValueValues } from './measure.schema';

/**
 * The owner (or a reviewer) records a measure's new current value, with a
 * note saying where it comes from. Refuses a stale version. A new value is
 * progress, so it resets its action's stall clock (lastProgressAt) without
 * touching the action's version.
 */
export async function updateMeasureValue(actor: Actor, input: UpdateMeasureValueValues) {
  return db.$transaction(async (tx) => {
    const existing = await tx.measure.findFirst({
      where: { id: input.measureId, archivedAt: null, action: { archivedAt: null }, recommendation: { archivedAt: null } },
      select: { action: { select: { ownerAgencyId: true } } },
    });
    if (!existing) throw new NotFoundError('measure');
    assertCan(actor, 'recommendation:update-progress', existing.action);

    const version = await claimVersion(tx, 'measure', input.measureId, input.version);
    const measure = await tx.measure.findUniqueOrThrow({
      where: { id: input.measureId },
      include: { recommendation: { select: { id: true, reviewId: true } } },
    });
    if (measure.currentValue.equals(input.currentValue)) {
      throw new RuleError(
        `The current value is already ${measure.currentValue.toNumber().toLocaleString('en-GB')}: enter the new value`,
        'currentValue',
      );
    }

    const updated = await tx.measure.update({ where: { id: measure.id }, data: { currentValue: input.currentValue } });
    await tx.action.update({ where: { id: measure.actionId }, data: { lastProgressAt: updated.updatedAt } });
    await refreshRecommendation(tx, measure.recommendation.id);
    await recordEvent(tx, {
      actorId: actor.id,
      kind: 'measure.updated',
      subjectId: measure.id,
      subjectVersion: version,
      // The name is not a change: it is kept so that the timeline can say which measure.
      before: { currentValue: measure.currentValue, name: measure.name },
      after: { currentValue: updated.currentValue, name: measure.name },
      note: input.note,
      reviewId: measure.recommendation.reviewId,
      recommendationId: measure.recommendation.id,
    });
    return { version };
  });
}
