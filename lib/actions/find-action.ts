import 'server-only';
import type { Tx } from '@/lib/db';
import { NotFoundError } from '@/lib/errors';

/** A live action of a live recommendation, with what a permission check and its history event need; locks the recommendation. */
export async function findLiveAction(tx: Tx, id: string) {
  const action = await tx.action.findFirst({
    where: { id, archivedAt: null, recommendation: { archivedAt: null } },
    select: { id: true, ownerAgencyId: true, recommendationId: true, recommendation: { select: { reviewId: true, reference: true } } },
  });
  if (!action) throw new NotFoundError('action');
  // Every write to an action rewrites its recommendation's roll-up: taking the
  // recommendation's row first orders concurrent writers (no deadlock, no lost roll-up).
  await tx.$executeRaw`SELECT 1 FROM "Recommendation" WHERE id = ${action.recommendationId} FOR UPDATE`;
  return { ...action, scope: { reviewId: action.recommendation.reviewId, recommendationId: action.recommendationId } };
}

export const ACTION_REFERENCE_TAKEN = 'That reference is already used by an action of this recommendation';

/** The next free number among a recommendation's action references ("3" after "1" and "2"). */
export async function nextActionReference(tx: Tx, recommendationId: string): Promise<string> {
  const references = await tx.action.findMany({ where: { recommendationId }, select: { reference: true } });
  const numbers = references.map(({ reference }) => Number.parseInt(reference, 10)).filter(Number.isFinite);
  return String(Math.max(0, ...numbers) + 1);
}
