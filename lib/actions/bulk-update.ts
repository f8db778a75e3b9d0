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
  // One read of every action selected, as the list showed it: its label for the result, and what the use case is given besides the change.
  const ids = [...new Set(input.items.map((item) => item.actionId))];
  const selected = new Map(
    (
      await db.action.findMany({
        where: { id: { in: ids }, archivedAt: null },
        select: { id: true, reference: true, text: true, status: true, ownerAgencyId: true, leadOfficerId: true, dueDate: true, recommendation: { select: { reference: true, text: true } } },
      })
    ).map((action) => [action.id, action]),
  );
  const result: BulkUpdateResult = { changed: [], refused: [] };
  const forbidden: { actionId: string; error: ForbiddenError }[] = [];
  const seen = new Set<string>();
  for (const item of input.items) {
    if (seen.has(item.actionId)) continue;
    seen.add(item.actionId);
    const action = selected.get(item.actionId);
    const label = action ? actionLabel(action.recommendation.reference, action.reference) : 'An action';
    try {
      if (!action) throw new NotFoundError('action');
      const message = input.change === 'status' && input.status ? await changeStatus(actor, item, action, input.status, input.note) : await moveDueDate(actor, item, action, input.dueDate!, input.note);
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

type Selected = {
  text: string | null;
  reference: string;
  status: RecommendationStatus;
  ownerAgencyId: string;
  leadOfficerId: string | null;
  dueDate: Date;
  recommendation: { text: string };
};
type Item = { actionId: string; version: number };

async function changeStatus(actor: Actor, item: Item, action: Selected, status: RecommendationStatus, note: string) {
  await updateProgress(actor, { actionId: item.actionId, version: item.version, status, note });
  return action.status === status ? `Progress note added (already ${STATUS_LABELS[status].toLowerCase()})` : `Status changed to ${STATUS_LABELS[status].toLowerCase()}`;
}

/**
 * The edit form's use case with only the due date moved and the note as its
 * reason: it checks the permission and the version even when the date is
 * already the one asked for (then it changes nothing).
 */
async function moveDueDate(actor: Actor, item: Item, action: Selected, dueDate: Date, reason: string) {
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
  return action.dueDate.getTime() === dueDate.getTime() ? `Already due on ${formatDay(dueDate)}` : `Due date moved to ${formatDay(dueDate)}`;
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
