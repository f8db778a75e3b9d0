import 'server-only';
import type { z } from 'zod';
import { recordEvent } from '@/lib/audit/record-event';
import { claimVersion } from '@/lib/audit/versions';
import { assertCan } from '@/lib/auth/permissions';
import type { Actor } from '@/lib/auth/session-user';
import { db } from '@/lib/db';
import { RuleError } from '@/lib/errors';
import { isOpen, isSetAside } from '@/lib/recommendations/status';
import type { archiveSchema } from '@/lib/reviews/review.schema';
import { findLiveAction } from './find-action';
import { refreshRecommendation } from './refresh-recommendation';

export const LAST_ACTION = "This is the recommendation's only action: add another before archiving this one";
export const LAST_OPEN_ACTION =
  "This is the recommendation's last open action: archiving it would count the recommendation as done. Add another action first, or a reviewer can set the recommendation aside";

/**
 * A reviewer archives an action (added by mistake, or folded into another): it
 * drops out of pages, lists and the recommendation's roll-up; its row,
 * evidence and history stay. The last action, and the last open action of a
 * recommendation still being worked on, stay.
 */
export async function archiveAction(actor: Actor, input: z.output<typeof archiveSchema>) {
  return db.$transaction(async (tx) => {
    const found = await findLiveAction(tx, input.id);
    assertCan(actor, 'recommendation:edit', found);
    const version = await claimVersion(tx, 'action', input.id, input.version);
    // Locks the recommendation's actions so that two archives cannot each leave the other as the last.
    const siblings = await tx.$queryRaw<{ id: string; status: string }[]>`
      SELECT id, status::text AS status FROM "Action"
      WHERE "recommendationId" = ${found.recommendationId} AND "archivedAt" IS NULL FOR UPDATE`;
    const action = siblings.find((sibling) => sibling.id === input.id)!;
    const others = siblings.filter((sibling) => sibling.id !== input.id);
    if (others.length === 0) throw new RuleError(LAST_ACTION, 'archiveReason');
    const status = action.status as Parameters<typeof isOpen>[0];
    if (isOpen(status) && !isSetAside(status) && !others.some((other) => isOpen(other.status as typeof status))) {
      throw new RuleError(LAST_OPEN_ACTION, 'archiveReason');
    }
    const now = new Date();
    const archived = await tx.action.update({ where: { id: input.id }, data: { archivedAt: now } });
    await refreshRecommendation(tx, found.recommendationId);
    await recordEvent(tx, {
      actorId: actor.id,
      kind: 'action.archived',
      subjectId: archived.id,
      subjectVersion: version,
      before: { archivedAt: null },
      after: { reference: archived.reference, archivedAt: now },
      note: input.archiveReason,
      ...found.scope,
    });
    return { id: archived.id, recommendationId: found.recommendationId, version };
  });
}
