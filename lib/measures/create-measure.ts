import 'server-only';
import { recordEvent } from '@/lib/audit/record-event';
import { assertCan } from '@/lib/auth/permissions';
import type { Actor } from '@/lib/auth/session-user';
import { db } from '@/lib/db';
import { refusingDuplicate } from '@/lib/db/unique';
import { RuleError } from '@/lib/errors';
import { findLiveAction } from '@/lib/actions/find-action';
import type { CreateMeasureValues } from './measure.schema';

/** A reviewer defines how progress on an action is measured: a name, a unit and a target. */
export async function createMeasure(actor: Actor, input: CreateMeasureValues) {
  return refusingDuplicate(() => db.$transaction(async (tx) => {
    const action = await findLiveAction(tx, input.actionId);
    assertCan(actor, 'recommendation:edit', action);
    // Adds to one action queue here, so the check below sees a measure added a moment ago
    // (names differ in case only, too); the unique index stops any that still slip through.
    await tx.$executeRaw`SELECT 1 FROM "Action" WHERE id = ${action.id} FOR UPDATE`;

    const duplicate = await tx.measure.findFirst({
      where: { actionId: action.id, archivedAt: null, name: { equals: input.name, mode: 'insensitive' } },
      select: { id: true },
    });
    if (duplicate) throw new RuleError(NAME_TAKEN, 'name');

    const measure = await tx.measure.create({
      data: { recommendationId: action.recommendationId, actionId: action.id, name: input.name, unit: input.unit, target: input.target },
    });
    await recordEvent(tx, {
      actorId: actor.id,
      kind: 'measure.created',
      subjectId: measure.id,
      subjectVersion: measure.version,
      after: { actionId: action.id, name: measure.name, unit: measure.unit, target: measure.target },
      ...action.scope,
    });
    return { measureId: measure.id };
  }), NAME_TAKEN, 'name');
}

const NAME_TAKEN = 'This action already has a measure with that name';
