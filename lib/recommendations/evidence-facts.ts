import type { Assessment } from '@/lib/generated/prisma/enums';
import type { WorkflowContext } from './workflow';

type EvidenceFacts = { assessment: Assessment; submittedById: string };

/** What the workflow needs to know about a recommendation's live evidence, seen by one user. */
export function evidenceFacts(evidence: EvidenceFacts[], actorId: string): Omit<WorkflowContext, 'role' | 'ownAgency'> {
  return {
    usableEvidenceCount: evidence.filter((e) => e.assessment !== 'INSUFFICIENT').length,
    acceptedEvidenceCount: evidence.filter((e) => e.assessment === 'ACCEPTED').length,
    actorSubmittedEvidence: evidence.some((e) => e.submittedById === actorId),
  };
}
