import 'server-only';
import type { z } from 'zod';
import { changedFields } from '@/lib/audit/events';
import { recordEvent } from '@/lib/audit/record-event';
import { claimVersion } from '@/lib/audit/versions';
import { assertCan } from '@/lib/auth/permissions';
import type { Actor } from '@/lib/auth/session-user';
import { db } from '@/lib/db';
import { NotFoundError } from '@/lib/errors';
import { byReference } from '@/lib/reviews/reference-order';
import { NoChanges, unlessNoChanges } from '@/lib/reviews/no-changes';
import { assertReferenceFree, refusingDuplicateReference } from '@/lib/reviews/references';
import type { updateRecommendationSchema } from './recommendation.schema';
import { checkFindings, findingValues } from './recommendation-links';

/**
 * A reviewer's edit of what a recommendation says, in one transaction: claim
 * the version the edit was based on, check the rules, update, and record
 * 'recommendation.updated' with the fields that changed (findings by id and by
 * reference). Its owners and due dates are its actions' (lib/actions).
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
            include: { findings: { select: { id: true, reference: true, archivedAt: true } } },
          });
          const liveFindings = before.findings.filter((finding) => !finding.archivedAt).sort(byReference);
          if (input.reference !== before.reference) {
            await assertReferenceFree(tx, 'recommendation', before.reviewId, input.reference, before.id);
          }
          const findings = await checkFindings(tx, before.reviewId, input.findingIds);

          const beforeValues = { reference: before.reference, text: before.text, response: before.response, priority: before.priority, ...findingValues(liveFindings) };
          const afterValues = { reference: input.reference, text: input.text, response: input.response, priority: input.priority, ...findingValues(findings) };
          const changes = changedFields(beforeValues, afterValues);
          // Ids and references travel together.
          if ('findingIds' in changes.after || 'findings' in changes.after) {
            Object.assign(changes.before, { findingIds: beforeValues.findingIds, findings: beforeValues.findings });
            Object.assign(changes.after, { findingIds: afterValues.findingIds, findings: afterValues.findings });
          }
          if (Object.keys(changes.after).length === 0) throw new NoChanges();

          const archivedLinks = before.findings.filter((finding) => finding.archivedAt).map(({ id }) => ({ id }));
          await tx.recommendation.update({
            where: { id: before.id },
            data: {
              reference: input.reference,
              text: input.text,
              response: input.response,
              priority: input.priority,
              ...('findingIds' in changes.after ? { findings: { set: [...findings.map(({ id }) => ({ id })), ...archivedLinks] } } : {}),
            },
          });
          await recordEvent(tx, {
            actorId: actor.id,
            kind: 'recommendation.updated',
            subjectId: before.id,
            subjectVersion: version,
            ...changes,
            reviewId: before.reviewId,
            recommendationId: before.id,
          });
          return { id: before.id, version };
        }),
      ),
    () => ({ id: input.id, version: input.version }),
  );
}
