import 'server-only';
import { recordEvent } from '@/lib/audit/record-event';
import { claimVersion } from '@/lib/audit/versions';
import { assertCan, canAssess } from '@/lib/auth/permissions';
import type { Actor } from '@/lib/auth/session-user';
import { db } from '@/lib/db';
import { NotFoundError, RuleError } from '@/lib/errors';
import type { AssessEvidenceValues } from './assess-evidence.schema';

/**
 * A reviewer's judgement on a piece of evidence: accepted, or insufficient
 * with a reason. Nobody assesses evidence they submitted themselves, and each
 * piece is assessed once (an insufficient piece is answered by new evidence,
 * so the record of what was judged stays as it was). Refuses a stale version.
 */
export async function assessEvidence(actor: Actor, input: AssessEvidenceValues) {
  return db.$transaction(async (tx) => {
    const existing = await tx.evidence.findFirst({
      where: { id: input.evidenceId, archivedAt: null, recommendation: { archivedAt: null } },
      select: { submittedById: true, recommendation: { select: { ownerAgencyId: true } } },
    });
    if (!existing) throw new NotFoundError('evidence');
    assertCan(actor, 'evidence:assess', existing.recommendation);
    if (!canAssess(actor, existing)) {
      throw new RuleError('You submitted this evidence, so someone else must assess it', 'assessment');
    }

    const version = await claimVersion(tx, 'evidence', input.evidenceId, input.version);
    const evidence = await tx.evidence.findUniqueOrThrow({
      where: { id: input.evidenceId },
      select: { id: true, title: true, assessment: true, recommendationId: true, recommendation: { select: { reviewId: true } } },
    });
    if (evidence.assessment !== 'PENDING') {
      throw new RuleError('This evidence has already been assessed', 'assessment');
    }

    const comment = input.comment || null;
    await tx.evidence.update({
      where: { id: evidence.id },
      data: { assessment: input.assessment, assessedById: actor.id, assessedAt: new Date(), assessmentComment: comment },
    });
    await recordEvent(tx, {
      actorId: actor.id,
      kind: 'evidence.assessed',
      subjectId: evidence.id,
      subjectVersion: version,
      // The title is not a change: it is kept so that the timeline can say which evidence.
      before: { assessment: evidence.assessment, title: evidence.title },
      after: { assessment: input.assessment, title: evidence.title },
      note: comment,
      reviewId: evidence.recommendation.reviewId,
      recommendationId: evidence.recommendationId,
    });
    return { version };
  });
}
