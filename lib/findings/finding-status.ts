// A finding's status follows from the recommendations that answer it
// (PRODUCT.md, "Finding"). Pure, so that every case has a test.
import type { RecommendationStatus } from '@/lib/generated/prisma/enums';

export type FindingStatus = 'UNANSWERED' | 'OPEN' | 'BEING_ADDRESSED' | 'ADDRESSED';

export const FINDING_STATUS_LABELS: Record<FindingStatus, string> = {
  UNANSWERED: 'Unanswered',
  OPEN: 'Open',
  BEING_ADDRESSED: 'Being addressed',
  ADDRESSED: 'Addressed',
};

/** Recommendations that are not (or no longer) being pursued: closed without doing the work. */
const SET_ASIDE: ReadonlySet<RecommendationStatus> = new Set(['NOT_ACCEPTED', 'SUPERSEDED']);
const WORK_UNDER_WAY: ReadonlySet<RecommendationStatus> = new Set(['IN_PROGRESS', 'IMPLEMENTED', 'VERIFIED']);

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
  const verified = statuses.some((status) => status === 'VERIFIED');
  if (verified && statuses.every((status) => status === 'VERIFIED' || SET_ASIDE.has(status))) return 'ADDRESSED';
  if (statuses.some((status) => WORK_UNDER_WAY.has(status))) return 'BEING_ADDRESSED';
  return 'OPEN';
}
