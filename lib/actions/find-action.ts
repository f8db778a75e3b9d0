import 'server-only';
import type { Tx } from '@/lib/db';
import { NotFoundError } from '@/lib/errors';
import type { RecommendationStatus } from '@/lib/generated/prisma/enums';

/**
 * A live action of a live recommendation, with what a permission check and its
 * history event need (and its status), having locked its recommendation's row.
 *
 * Every write to an action rewrites its recommendation's roll-up: taking the
 * recommendation's row first orders concurrent writers (no deadlock, no lost
 * roll-up). One statement, as a status update is the busiest write there is.
 * The action's columns are as the statement found them; a write that changed
 * the action while this one waited for the lock also moved its version, which
 * the caller's `claimVersion` then refuses.
 */
export async function findLiveAction(tx: Tx, id: string) {
  const [action] = await tx.$queryRaw<
    { id: string; ownerAgencyId: string; status: RecommendationStatus; recommendationId: string; reviewId: string; reference: string }[]
  >`
    SELECT x.id, x."ownerAgencyId", x.status::text AS status, x."recommendationId", r."reviewId", r.reference
    FROM "Action" x
    JOIN "Recommendation" r ON r.id = x."recommendationId"
    WHERE x.id = ${id} AND x."archivedAt" IS NULL AND r."archivedAt" IS NULL
    FOR UPDATE OF r`;
  if (!action) throw new NotFoundError('action');
  const { reviewId, reference, ...rest } = action;
  return { ...rest, recommendation: { reviewId, reference }, scope: { reviewId, recommendationId: action.recommendationId } };
}

export const ACTION_REFERENCE_TAKEN = 'That reference is already used by an action of this recommendation';

/** The next free number among a recommendation's action references ("3" after "1" and "2"). */
export async function nextActionReference(tx: Tx, recommendationId: string): Promise<string> {
  const references = await tx.action.findMany({ where: { recommendationId }, select: { reference: true } });
  const numbers = references.map(({ reference }) => Number.parseInt(reference, 10)).filter(Number.isFinite);
  return String(Math.max(0, ...numbers) + 1);
}
