import 'server-only';
import type { z } from 'zod';
import { changedFields } from '@/lib/audit/events';
import { recordEvent } from '@/lib/audit/record-event';
import { claimVersion } from '@/lib/audit/versions';
import { assertCan } from '@/lib/auth/permissions';
import type { Actor } from '@/lib/auth/session-user';
import { db } from '@/lib/db';
import { NoChanges, unlessNoChanges } from '@/lib/reviews/no-changes';
import { assertReferenceFree, refusingDuplicateReference } from '@/lib/reviews/references';
import type { updateFindingSchema } from './finding.schema';

/** Edits a finding: claim the version, check the reference, update, record the changed fields; one transaction. */
export async function updateFinding(actor: Actor, input: z.output<typeof updateFindingSchema>) {
  assertCan(actor, 'finding:edit');
  const after = { reference: input.reference, text: input.text, theme: input.theme, severity: input.severity };
  return unlessNoChanges(
    () =>
      refusingDuplicateReference(() =>
        db.$transaction(async (tx) => {
          const version = await claimVersion(tx, 'finding', input.id, input.version);
          const before = await tx.finding.findUniqueOrThrow({ where: { id: input.id } });
          const changes = changedFields(
            { reference: before.reference, text: before.text, theme: before.theme, severity: before.severity },
            after,
          );
          if (Object.keys(changes.after).length === 0) throw new NoChanges();
          if ('reference' in changes.after) await assertReferenceFree(tx, 'finding', before.reviewId, after.reference, before.id);
          await tx.finding.update({ where: { id: before.id }, data: after });
          await recordEvent(tx, {
            actorId: actor.id,
            kind: 'finding.updated',
            subjectId: before.id,
            subjectVersion: version,
            ...changes,
            reviewId: before.reviewId,
          });
          return { id: before.id, version };
        }),
      ),
    () => ({ id: input.id, version: input.version }),
  );
}
