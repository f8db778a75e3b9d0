import 'server-only';
import type { z } from 'zod';
import { changedFields } from '@/lib/audit/events';
import { recordEvent } from '@/lib/audit/record-event';
import { claimVersion } from '@/lib/audit/versions';
import { assertCan } from '@/lib/auth/permissions';
import type { Actor } from '@/lib/auth/session-user';
import { db } from '@/lib/db';
import { refusingDuplicate } from '@/lib/db/unique';
import { RuleError } from '@/lib/errors';
import { DUE_DATE_REASON_NEEDED } from '@/lib/recommendations/recommendation.schema';
import { checkOwner, ownerValues } from '@/lib/recommendations/recommendation-links';
import { NoChanges, unlessNoChanges } from '@/lib/reviews/no-changes';
import type { updateActionSchema } from './action.schema';
import { ACTION_REFERENCE_TAKEN, findLiveAction } from './find-action';
import { refreshRecommendation } from './refresh-recommendation';

/**
 * A reviewer's edit of an action, in one transaction: its reference and text
 * ('action.updated'), its owner agency and lead officer (reassigning it, which
 * needs `recommendation:assign-owner`), and its due date
 * ('action.due_date_changed', with the reason as its note; the original due
 * date never changes, so slippage shows).
 */
export async function updateAction(actor: Actor, input: z.output<typeof updateActionSchema>) {
  return unlessNoChanges(
    () =>
      refusingDuplicate(
        () =>
          db.$transaction(async (tx) => {
            const found = await findLiveAction(tx, input.id);
            assertCan(actor, 'recommendation:edit', found);
            const version = await claimVersion(tx, 'action', input.id, input.version);
            const before = await tx.action.findUniqueOrThrow({
              where: { id: input.id },
              include: { ownerAgency: { select: { id: true, shortName: true } }, leadOfficer: { select: { id: true, name: true } } },
            });

            const ownerChanged = input.ownerAgencyId !== before.ownerAgencyId || input.leadOfficerId !== before.leadOfficerId;
            if (ownerChanged) assertCan(actor, 'recommendation:assign-owner', found);
            const dueDateMoved = input.dueDate.getTime() !== before.dueDate.getTime();
            if (dueDateMoved) {
              assertCan(actor, 'recommendation:change-due-date', found);
              if (!input.dueDateChangeReason) throw new RuleError(DUE_DATE_REASON_NEEDED, 'dueDateChangeReason');
            }
            if (input.reference.toLowerCase() !== before.reference.toLowerCase()) {
              const taken = await tx.action.findFirst({
                where: { recommendationId: before.recommendationId, reference: { equals: input.reference, mode: 'insensitive' } },
                select: { id: true },
              });
              if (taken) throw new RuleError(ACTION_REFERENCE_TAKEN, 'reference');
            }
            // A lead officer who has since left may stay until someone changes the owner.
            const owner = ownerChanged
              ? await checkOwner(tx, input)
              : { agency: before.ownerAgency, leadOfficer: before.leadOfficer };

            const beforeValues = { reference: before.reference, text: before.text, ...ownerValues({ agency: before.ownerAgency, leadOfficer: before.leadOfficer }) };
            // An action made by the migration says "the recommendation as written" until its text is changed.
            const text = before.text === null && input.text === (await recommendationText(before.recommendationId)) ? null : input.text;
            const afterValues = { reference: input.reference, text, ...ownerValues(owner) };
            const changes = changedFields(beforeValues, afterValues);
            // An id and its name travel together.
            for (const [idKey, nameKey] of [['ownerAgencyId', 'ownerAgency'], ['leadOfficerId', 'leadOfficer']] as const) {
              if (idKey in changes.after || nameKey in changes.after) {
                Object.assign(changes.before, { [idKey]: beforeValues[idKey], [nameKey]: beforeValues[nameKey] });
                Object.assign(changes.after, { [idKey]: afterValues[idKey], [nameKey]: afterValues[nameKey] });
              }
            }
            const fieldsChanged = Object.keys(changes.after).length > 0;
            if (!fieldsChanged && !dueDateMoved) throw new NoChanges();

            await tx.action.update({
              where: { id: before.id },
              data: {
                reference: input.reference,
                text,
                ownerAgencyId: owner.agency.id,
                leadOfficerId: owner.leadOfficer?.id ?? null,
                ...(dueDateMoved ? { dueDate: input.dueDate, dueDateChangeReason: input.dueDateChangeReason } : {}),
              },
            });
            await refreshRecommendation(tx, before.recommendationId);
            if (fieldsChanged) {
              await recordEvent(tx, { actorId: actor.id, kind: 'action.updated', subjectId: before.id, subjectVersion: version, ...changes, ...found.scope });
            }
            if (dueDateMoved) {
              await recordEvent(tx, {
                actorId: actor.id,
                kind: 'action.due_date_changed',
                subjectId: before.id,
                subjectVersion: version,
                before: { dueDate: before.dueDate },
                after: { dueDate: input.dueDate },
                note: input.dueDateChangeReason,
                ...found.scope,
              });
            }
            return { id: before.id, version };

            async function recommendationText(recommendationId: string) {
              const recommendation = await tx.recommendation.findUniqueOrThrow({ where: { id: recommendationId }, select: { text: true } });
              return recommendation.text;
            }
          }),
        ACTION_REFERENCE_TAKEN,
        'reference',
      ),
    () => ({ id: input.id, version: input.version }),
  );
}
