import 'server-only';
import type { Tx } from '@/lib/db';
import { RuleError } from '@/lib/errors';
import { byReference } from '@/lib/reviews/reference-order';

export const FINDINGS_FROM_THIS_REVIEW = 'Choose findings from this review only';
export const CHOOSE_OWNER_AGENCY = 'Choose the owner agency';
export const LEAD_OFFICER_FROM_OWNER = 'Choose a lead officer who works for the owner agency';

/**
 * The rules a recommendation's links must meet, checked in the transaction
 * that writes them: the findings it answers are live findings of the same
 * review; the owner agency exists; the lead officer, if any, is an active user
 * of that agency. Returns the names the history event shows.
 */
export async function checkLinks(
  tx: Tx,
  reviewId: string,
  input: { findingIds: string[]; ownerAgencyId: string; leadOfficerId: string | null },
) {
  const findings = await tx.finding.findMany({
    where: { id: { in: input.findingIds }, reviewId, archivedAt: null },
    select: { id: true, reference: true },
  });
  if (findings.length !== new Set(input.findingIds).size) throw new RuleError(FINDINGS_FROM_THIS_REVIEW, 'findingIds');

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
  return { findings: findings.sort(byReference), agency, leadOfficer };
}

/**
 * The linked values as a history event holds them: ids (for whoever replays
 * history) beside names and references (for the person reading the timeline).
 */
export function linkValues(links: {
  findings: { id: string; reference: string }[];
  agency: { id: string; shortName: string };
  leadOfficer: { id: string; name: string } | null;
}) {
  return {
    ownerAgencyId: links.agency.id,
    ownerAgency: links.agency.shortName,
    leadOfficerId: links.leadOfficer?.id ?? null,
    leadOfficer: links.leadOfficer?.name ?? null,
    findingIds: links.findings.map((finding) => finding.id),
    findings: links.findings.map((finding) => finding.reference),
  };
}
