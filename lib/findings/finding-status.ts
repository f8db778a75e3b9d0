// A finding's status follows from the recommendations that answer it
// (PRODUCT.md, "Finding"). Pure, so that every case has a test.
import type { RecommendationStatus } from '@/lib/generated/prisma/enums';
import { isClosed, isDone, isSetAside, isUnderWay } from '@/lib/recommendations/status';

export type FindingStatus = 'UNANSWERED' | 'OPEN' | 'BEING_ADDRESSED' | 'ADDRESSED';

export const FINDING_STATUS_LABELS: Record<FindingStatus, string> = {
  UNANSWERED: 'Unanswered',
  OPEN: 'Open',
  BEING_ADDRESSED: 'Being addressed',
  ADDRESSED: 'Addressed',
};

/**
 * The status of a finding, from the statuses of the live (not archived)
 * recommendations that answer it:
 *
 * - UNANSWERED: no recommendation answers it yet. Flagged on screen.
 * - ADDRESSED: every answering recommendation is closed (verified, not
 *   accepted or superseded) and at least one of them was verified: work
 *   was done and checked.
 * - BEING_ADDRESSED: at least one is in progress, implemented or verified.
 * - OPEN: otherwise, i.e. nothing is under way yet.
 *
 * Decision: when every answering recommendation was not accepted or
 * superseded, the finding is OPEN, not ADDRESSED. PRODUCT.md counts them as
 * "closed", but nothing was done about the finding: calling it addressed would
 * hide exactly what the board needs to see. It is not UNANSWERED either (a
 * recommendation was made and answered by the partnership); the recommendations
 * table shows why.
 */
export function findingStatus(statuses: readonly RecommendationStatus[]): FindingStatus {
  if (statuses.length === 0) return 'UNANSWERED';
  // Closed with the work done (verified), as against closed by being set aside.
  const doneAndClosed = (status: RecommendationStatus) => isDone(status) && isClosed(status);
  if (statuses.some(doneAndClosed) && statuses.every((status) => doneAndClosed(status) || isSetAside(status))) return 'ADDRESSED';
  if (statuses.some(isUnderWay)) return 'BEING_ADDRESSED';
  return 'OPEN';
}
