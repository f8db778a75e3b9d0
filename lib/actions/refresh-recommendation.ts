import 'server-only';
import type { Tx } from '@/lib/db';
import { rollUp } from './roll-up';

/**
 * Writes a recommendation's rolled-up values (status, due dates, lead, progress
 * times) from its live actions, in the transaction that changed an action. The
 * recommendation's version is untouched: someone editing its text at the same
 * time is not refused because an action moved.
 */
export async function refreshRecommendation(tx: Tx, recommendationId: string) {
  const actions = await tx.action.findMany({
    where: { recommendationId, archivedAt: null },
    select: {
      reference: true,
      status: true,
      ownerAgencyId: true,
      leadOfficerId: true,
      dueDate: true,
      originalDueDate: true,
      statusChangedAt: true,
      lastProgressAt: true,
    },
  });
  const rolled = rollUp(actions);
  if (rolled) await tx.recommendation.update({ where: { id: recommendationId }, data: rolled });
}
