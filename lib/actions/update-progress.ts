import 'server-only';
import type { z } from 'zod';
import { recordEvent } from '@/lib/audit/record-event';
import { claimVersion } from '@/lib/audit/versions';
import { assertCan, ForbiddenError } from '@/lib/auth/permissions';
import type { Actor } from '@/lib/auth/session-user';
import { db } from '@/lib/db';
import { RuleError } from '@/lib/errors';
import { checkTransition } from '@/lib/recommendations/workflow';
import { findLiveAction } from './find-action';
import { refreshRecommendation } from './refresh-recommendation';
import type { updateProgressSchema } from './update-progress.schema';

/**
 * An update of an action from its owner or a reviewer: a note, and a new
 * status when the workflow allows it (same status = a progress note only).
 * Writes the change, the recommendation's roll-up and the history event in one
 * transaction, refusing a stale version.
 */
export async function updateProgress(actor: Actor, input: z.output<typeof updateProgressSchema>) {
  return db.$transaction(async (tx) => {
    const found = await findLiveAction(tx, input.actionId);
    assertCan(actor, 'recommendation:update-progress', found);

    const version = await claimVersion(tx, 'action', input.actionId, input.version);
    const now = new Date();

    // A progress note (the status kept): nothing more to read.
    if (input.status === found.status) {
      await tx.action.updateMany({ where: { id: found.id }, data: { progressNote: input.note, lastProgressAt: now } });
      await refreshRecommendation(tx, found.recommendationId);
      await recordEvent(tx, {
        actorId: actor.id,
        kind: 'action.progress_updated',
        subjectId: found.id,
        subjectVersion: version,
        note: input.note,
        ...found.scope,
      });
      return { version };
    }

    const action = await tx.action.findUniqueOrThrow({
      where: { id: input.actionId },
      include: { evidence: { where: { archivedAt: null }, select: { assessment: true, submittedById: true } } },
    });
    const check = checkTransition(action, input.status, actor, 'action');
    // A move the user may not make at all is refused as any forbidden action is; one that needs something first says what, at the field.
    if (!check.allowed) throw check.missing ? new ForbiddenError(check.missing) : new RuleError(check.reason, 'status');

    await tx.action.update({
      where: { id: action.id },
      data: { status: input.status, statusChangedAt: now, lastProgressAt: now, progressNote: input.note },
    });
    await refreshRecommendation(tx, found.recommendationId);
    await recordEvent(tx, {
      actorId: actor.id,
      kind: 'action.status_changed',
      subjectId: action.id,
      subjectVersion: version,
      before: { status: action.status },
      after: { status: input.status },
      note: input.note,
      ...found.scope,
    });
    return { version };
  });
}
