import 'server-only';
import type { z } from 'zod';
import { changedFields } from '@/lib/audit/events';
import { recordEvent } from '@/lib/audit/record-event';
import { claimVersion } from '@/lib/audit/versions';
import { assertCan } from '@/lib/auth/permissions';
import type { Actor } from '@/lib/auth/session-user';
import { db } from '@/lib/db';
import { NotFoundError, RuleError } from '@/lib/errors';
import { byReference } from '@/lib/reviews/reference-order';
import { NoChanges, unlessNoChanges } from '@/lib/reviews/no-changes';
import { assertReferenceFree, refusingDuplicateReference } from '@/lib/reviews/references';
import { DUE_DATE_REASON_NEEDED, type updateRecommendationSchema } from './recommendation.schema';
import { checkLinks, linkValues } from './recommendation-links';

/**
 * A reviewer's edit of a recommendation, in one transaction: claim the version
 * the edit was based on, check the rules, update, and record
 * - 'recommendation.updated' with the fields that changed (owner agency and
 *   lead officer by id and by name, findings by id and by reference), and
 * - 'recommendation.due_date_changed' with the reason as its note, when the
 *   due date moves. A moved due date needs a reason; the original due date
 *   never changes, so slippage shows.
 * Links to findings archived since are kept as they are.
 */
export async function updateRecommendation(actor: Actor, input: z.output<typeof updateRecommendationSchema>) {
  return unlessNoChanges(
    () =>
      refusingDuplicateReference(() =>
        db.$transaction(async (tx) => {
          const existing = await tx.recommendation.findFirst({
            where: { id: input.id, archivedAt: null },
            select: { ownerAgencyId: true },
          });
          if (!existing) throw new NotFoundError('recommendation');
          assertCan(actor, 'recommendation:edit', existing);

          const version = await claimVersion(tx, 'recommendation', input.id, input.version);
          const before = await tx.recommendation.findUniqueOrThrow({
            where: { id: input.id },
            include: {
              ownerAgency: { select: { id: true, shortName: true } },
              leadOfficer: { select: { id: true, name: true } },
              findings: { select: { id: true, reference: true, archivedAt: true } },
            },
          });
          const liveFindings = before.findings.filter((finding) => !finding.archivedAt).sort(byReference);
          const beforeLinks = linkValues({ findings: liveFindings, agency: before.ownerAgency, leadOfficer: before.leadOfficer });

          const ownerChanged = input.ownerAgencyId !== before.ownerAgencyId || input.leadOfficerId !== before.leadOfficerId;
          if (ownerChanged) assertCan(actor, 'recommendation:assign-owner', existing);
          const dueDateMoved = input.dueDate.getTime() !== before.dueDate.getTime();
          if (dueDateMoved) {
            assertCan(actor, 'recommendation:change-due-date', existing);
            if (!input.dueDateChangeReason) throw new RuleError(DUE_DATE_REASON_NEEDED, 'dueDateChangeReason');
          }
          if (input.reference !== before.reference) {
            await assertReferenceFree(tx, 'recommendation', before.reviewId, input.reference, before.id);
          }
          const links = await checkLinks(tx, before.reviewId, {
            findingIds: input.findingIds,
            ownerAgencyId: input.ownerAgencyId,
            // A lead officer who has since left may stay until someone changes the owner.
            leadOfficerId: ownerChanged ? input.leadOfficerId : null,
          });
          const afterLinks = linkValues({ ...links, leadOfficer: ownerChanged ? links.leadOfficer : before.leadOfficer });

          const beforeValues = { reference: before.reference, text: before.text, response: before.response, priority: before.priority, ...beforeLinks };
          const afterValues = { reference: input.reference, text: input.text, response: input.response, priority: input.priority, ...afterLinks };
          const changes = changedFields(beforeValues, afterValues);
          // An id and its name travel together: two lead officers may share a role name.
          for (const [idKey, nameKey] of [['ownerAgencyId', 'ownerAgency'], ['leadOfficerId', 'leadOfficer'], ['findingIds', 'findings']] as const) {
            if (idKey in changes.after || nameKey in changes.after) {
              Object.assign(changes.before, { [idKey]: beforeValues[idKey], [nameKey]: beforeValues[nameKey] });
              Object.assign(changes.after, { [idKey]: afterValues[idKey], [nameKey]: afterValues[nameKey] });
            }
          }
          const fieldsChanged = Object.keys(changes.after).length > 0;
          if (!fieldsChanged && !dueDateMoved) throw new NoChanges();

          const archivedLinks = before.findings.filter((finding) => finding.archivedAt).map(({ id }) => ({ id }));
          await tx.recommendation.update({
            where: { id: before.id },
            data: {
              reference: input.reference,
              text: input.text,
              response: input.response,
              priority: input.priority,
              ownerAgencyId: afterLinks.ownerAgencyId,
              leadOfficerId: afterLinks.leadOfficerId,
              ...('findingIds' in changes.after
                ? { findings: { set: [...links.findings.map(({ id }) => ({ id })), ...archivedLinks] } }
                : {}),
              ...(dueDateMoved ? { dueDate: input.dueDate, dueDateChangeReason: input.dueDateChangeReason } : {}),
            },
          });

          const scope = { reviewId: before.reviewId, recommendationId: before.id };
          if (fieldsChanged) {
            await recordEvent(tx, {
              actorId: actor.id,
              kind: 'recommendation.updated',
              subjectId: before.id,
              subjectVersion: version,
              ...changes,
              ...scope,
            });
          }
          if (dueDateMoved) {
            await recordEvent(tx, {
              actorId: actor.id,
              kind: 'recommendation.due_date_changed',
              subjectId: before.id,
              subjectVersion: version,
              before: { dueDate: before.dueDate },
              after: { dueDate: input.dueDate },
              note: input.dueDateChangeReason,
              ...scope,
            });
          }
          return { id: before.id, version };
        }),
      ),
    () => ({ id: input.id, version: input.version }),
  );
}
