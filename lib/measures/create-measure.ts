import 'server-only';
import { recordEvent } from '@/lib/audit/record-event';
import { assertCan } from '@/lib/auth/permissions';
import type { Actor } from '@/lib/auth/session-user';
import { db } from '@/lib/db';
import { refusingDuplicate } from '@/lib/db/unique';
import { NotFoundError, RuleError } from '@/lib/errors';
import type { CreateMeasureValues } from './measure.schema';

/** A reviewer defines how progress on a recommendation is measured: a name, a unit and a target. */
export async function createMeasure(actor: Actor, input: CreateMeasureValues) {
  return refusingDuplicate(() => db.$transaction(async (tx) => {
    const recommendation = await tx.recommendation.findFirst({
      where: { id: input.recommendationId, archivedAt: null },
      select: { id: true, reviewId: true, ownerAgencyId: true },
    });
    if (!recommendation) throw new NotFoundError('recommendation');
    assertCan(actor, 'recommendation:edit', recommendation);
    // Adds to one recommendation queue here, so the check below sees a measure added a moment ago
    // (names differ in case only, too); the unique index stops any that still slip through.
    await tx.$executeRaw`SELECT 1 FROM "Recommendation" WHERE id = ${recommendation.id} FOR UPDATE`;

    const duplicate = await tx.measure.findFirst({
      where: { recommendationId: recommendation.id, archivedAt: null, name: { equals: input.name, mode: 'insensitive' } },
      select: { id: true },
    });
    if (duplicate) throw new RuleError(NAME_TAKEN, 'name');

    const measure = await tx.measure.create({
      data: { recommendationId: recommendation.id, name: input.name, unit: input.unit, target: input.target },
    });
    await recordEvent(tx, {
      actorId: actor.id,
      kind: 'measure.created',
      subjectId: measure.id,
      subjectVersion: measure.version,
      after: { name: measure.name, unit: measure.unit, target: measure.target },
      reviewId: recommendation.reviewId,
      recommendationId: recommendation.id,
    });
    return { measureId: measure.id };
  }), NAME_TAKEN, 'name');
}

const NAME_TAKEN = 'This recommendation already has a measure with that name';
