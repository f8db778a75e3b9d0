import 'server-only';
import type { Tx } from '@/lib/db';
import { RuleError } from '@/lib/errors';
import { byReference } from '@/lib/reviews/reference-order';

export const FINDINGS_FROM_THIS_REVIEW = 'Choose findings from this review only';
export const CHOOSE_OWNER_AGENCY = 'Choose the owner agency';
export const LEAD_OFFICER_FROM_OWNER = 'Choose a lead officer who works for the owner agency';

/** The findings a recommendation answers: live findings of the same review. Checked in the transaction that writes them. */
export async function checkFindings(tx: Tx, reviewId: string, findingIds: string[]) {
  const findings = await tx.finding.findMany({
    where: { id: { in: findingIds }, reviewId, archivedAt: null },
    select: { id: true, reference: true },
  });
  if (findings.length !== new Set(findingIds).size) throw new RuleError(FINDINGS_FROM_THIS_REVIEW, 'findingIds');
  return findings.sort(byReference);
}

/**
 * An action's owner: the agency exists; the lead officer, if any, is an active
 * user of that agency. Returns the names the history event shows.
 */
export async function checkOwner(tx: Tx, input: { ownerAgencyId: string; leadOfficerId: string | null }) {
  const agency = await tx.agency.findUnique({ where: { id: input.ownerAgencyId }, select: { id: true, shortName: true } });
  if (!agency) throw new RuleError(CHOOSE_OWNER_AGENCY, 'ownerAgencyId');
  let leadOfficer: { id: string; name: string } | null = null;
  if (input.leadOfficerId) {
    leadOfficer = await tx.user.findFirst({
      where: { id: input.leadOfficerId, agencyId: agency.id, active: true },
      select: { id: true, name: true },
    });
    if (!leadOfficer) throw new RuleError(LEAD_OFFICER_FROM_OWNER, 'leadOfficerId');
  }
  return { agency, leadOfficer };
}

/** Findings as a history event holds them: ids (for whoever replays history) beside references (for the reader). */
export function findingValues(findings: { id: string; reference: string }[]) {
  return { findingIds: findings.map((finding) => finding.id), findings: findings.map((finding) => finding.reference) };
}

/** An owner as a history event holds it: ids beside names (two lead officers may share a role name). */
export function ownerValues(owner: { agency: { id: string; shortName: string }; leadOfficer: { id: string; name: string } | null }) {
  return {
    ownerAgencyId: owner.agency.id,
    ownerAgency: owner.agency.shortName,
    leadOfficerId: owner.leadOfficer?.id ?? null,
    leadOfficer: owner.leadOfficer?.name ?? null,
  };
}
