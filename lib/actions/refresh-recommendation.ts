import 'server-only';
import { dayOf } from '@/lib/days';
import { sqlInstant, type Tx } from '@/lib/db';
import { type ActionForRollUp, rollUp } from './roll-up';

/**
 * Writes a recommendation's rolled-up values (status, due dates, lead, progress
 * times) from its live actions, in the transaction that changed an action. The
 * recommendation's version is untouched: someone editing its text at the same
 * time is not refused because an action moved.
 *
 * Every write of an action runs this, a status update included (the busiest
 * write there is), so both statements are plain SQL: through Prisma's query
 * builder, status updates under load ran at 80-92 a second against 90-135
 * before actions; as plain SQL at 119-142 in runs paired with 90-108 before
 * (`npm run bench -- --tests status --instances 1`;
 * bench/results/2026-11-29-issue11-status-update.md).
 */
export async function refreshRecommendation(tx: Tx, recommendationId: string, now = new Date()) {
  const actions = await tx.$queryRaw<ActionForRollUp[]>`
    SELECT reference, status::text AS status, "ownerAgencyId", "leadOfficerId", "dueDate", "originalDueDate", "statusChangedAt", "lastProgressAt"
    FROM "Action"
    WHERE "recommendationId" = ${recommendationId} AND "archivedAt" IS NULL`;
  const rolled = rollUp(actions);
  if (!rolled) return;
  await tx.$executeRaw`
    UPDATE "Recommendation"
    SET status = ${rolled.status}::"RecommendationStatus",
        "ownerAgencyId" = ${rolled.ownerAgencyId},
        "leadOfficerId" = ${rolled.leadOfficerId},
        "dueDate" = ${dayOf(rolled.dueDate)}::date,
        "originalDueDate" = ${dayOf(rolled.originalDueDate)}::date,
        "statusChangedAt" = ${sqlInstant(rolled.statusChangedAt)},
        "lastProgressAt" = ${sqlInstant(rolled.lastProgressAt)},
        "updatedAt" = ${sqlInstant(now)}
    WHERE id = ${recommendationId}`;
}
