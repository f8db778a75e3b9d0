import 'server-only';
import type { z } from 'zod';
import { recordAccessDenied } from '@/lib/auth/access-denied';
import { ForbiddenError } from '@/lib/auth/permissions';
import type { Actor } from '@/lib/auth/session-user';
import { formatDay } from '@/lib/days';
import { db } from '@/lib/db';
import { ConflictError, NotFoundError, RuleError } from '@/lib/errors';
import type { RecommendationStatus } from '@/lib/generated/prisma/enums';
import { STATUS_LABELS } from '@/lib/labels';
import { actionLabel } from './roll-up';
import type { bulkUpdateSchema } from './bulk-update.schema';
import { updateAction } from './update-action';
import { updateProgress } from './update-progress';

export type BulkItemResult = { actionId: string; label: string; message: string };
export type BulkUpdateResult = { changed: BulkItemResult[]; refused: BulkItemResult[] };

/**
 * Many actions, one change, one note: each action through the use case a form
 * would call (`updateProgress` for a status, `updateAction` for a due date),
 * in its own transaction, so each is checked by the same rules and
 * permissions, at the version the list showed, and gets its own history
 * event. One refused does not stop the others. When none could be changed the
 * whole request is refused: as forbidden when the user may change none of
 * them, else with every reason.
 */
export async function bulkUpdateActions(actor: Actor, input: z.output<typeof bulkUpdateSchema>): Promise<BulkUpdateResult> {
  const ids = [...new Set(input.items.map((item) => item.actionId))];
  const found = await db.action.findMany({ where: { id: { in: ids } }, select: { id: true, reference: true, recommendation: { select: { reference: true } } } });
  const labels = new Map(found.map((a) => [a.id, actionLabel(a.recommendation.reference, a.reference)]));
  const result: BulkUpdateResult = { changed: [], refused: [] };
  const forbidden: { actionId: string; error: ForbiddenError }[] = [];
  const seen = new Set<string>();
  for (const item of input.items) {
    if (seen.has(item.actionId)) continue;
    seen.add(item.actionId);
    const label = labels.get(item.actionId) ?? 'An action';
    try {
      const message = input.change === 'status' && input.status ? await changeStatus(actor, item, input.status, input.note) : await moveDueDate(actor, item, input.dueDate!, input.note);
      result.changed.push({ actionId: item.actionId, label, message });
    } catch (error) {
      if (error instanceof ForbiddenError) forbidden.push({ actionId: item.actionId, error });
      result.refused.push({ actionId: item.actionId, label, message: reasonFor(error) });
    }
  }
  // Nothing the user may do at all: refused as any forbidden request is (the Server Action records it once).
  if (!result.changed.length && forbidden.length === result.refused.length) throw forbidden[0]!.error;
  // Each refused permission recorded, as a Server Action's is.
  for (const { actionId, error } of forbidden) await recordAccessDenied(actor.id, error.action, actionId);
  if (!result.changed.length) {
    throw new RuleError(`None of the selected actions was changed. ${result.refused.map((r) => `${r.label}: ${r.message}`).join(' ')}`);
  }
  return result;
}

async function changeStatus(actor: Actor, item: { actionId: string; version: number }, status: RecommendationStatus, note: string) {
  const before = await db.action.findUnique({ where: { id: item.actionId }, select: { status: true } });
  await updateProgress(actor, { actionId: item.actionId, version: item.version, status, note });
  return before?.status === status ? `Progress note added (already ${STATUS_LABELS[status].toLowerCase()})` : `Status changed to ${STATUS_LABELS[status].toLowerCase()}`;
}

async function moveDueDate(actor: Actor, item: { actionId: string; version: number }, dueDate: Date, reason: string) {
  const action = await db.action.findFirst({
    where: { id: item.actionId, archivedAt: null },
    select: { reference: true, text: true, ownerAgencyId: true, leadOfficerId: true, dueDate: true, recommendation: { select: { text: true } } },
  });
  if (!action) throw new NotFoundError('action');
  if (action.dueDate.getTime() === dueDate.getTime()) return `Already due on ${formatDay(dueDate)}`;
  // Everything else as it is: the edit form's use case, with only the due date moved and the note as its reason.
  await updateAction(actor, {
    id: item.actionId,
    version: item.version,
    reference: action.reference,
    text: action.text ?? action.recommendation.text,
    ownerAgencyId: action.ownerAgencyId,
    leadOfficerId: action.leadOfficerId,
    dueDate,
    dueDateChangeReason: reason,
  });
  return `Due date moved to ${formatDay(dueDate)}`;
}

/** Why an action was not changed, in words for the list of results. */
function reasonFor(error: unknown): string {
  if (error instanceof ForbiddenError) return 'You may not make this change to this action.';
  if (error instanceof ConflictError) {
    const who = error.changes.at(-1);
    return `Changed${who ? ` by ${who.actorName}` : ''} since the list was loaded: reload the list to see it, then try again.`;
  }
  if (error instanceof RuleError || error instanceof NotFoundError) return error.message;
  throw error;
}
