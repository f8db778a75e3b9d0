// The status workflow of a recommendation (PRODUCT.md, "Status"): which moves
// exist, who may make each (asked of lib/auth/permissions.ts) and what each
// needs. One pure function answers both the server ("may this user make this
// move?") and the status control ("which moves does this user have now, and
// why not the others?").
import { type Action, can, type PermissionSubject, submittedAny } from '@/lib/auth/permissions';
import type { Assessment, RecommendationStatus } from '@/lib/generated/prisma/enums';
import { STATUS_LABELS } from '@/lib/labels';

/** The acting user, as the workflow needs them. */
export type WorkflowActor = PermissionSubject & { id: string };

/** The recommendation, with its live evidence. */
export type WorkflowRecommendation = {
  status: RecommendationStatus;
  ownerAgencyId: string;
  evidence: readonly { assessment: Assessment; submittedById: string }[];
};

/** Refused with the reason; `missing` names the permission when the user may not make the move at all. */
export type TransitionCheck = { allowed: true } | { allowed: false; reason: string; missing?: Action };

type Rule = {
  /** Who may make the move: the owning agency's officers and reviewers, or reviewers only. */
  permission: 'recommendation:update-progress' | 'recommendation:decide';
  /** Why the move is not possible yet, if it is not. */
  needs?: (recommendation: WorkflowRecommendation, actor: WorkflowActor) => string | null;
  /** What to say to someone who may not make the move. */
  whoMay?: string;
};

const SET_ASIDE: Rule = { permission: 'recommendation:decide', whoMay: 'A reviewer decides this, with a rationale' };

// from -> to -> the rule. Anything missing is not a move.
const RULES: Partial<Record<RecommendationStatus, Partial<Record<RecommendationStatus, Rule>>>> = {
  NOT_STARTED: {
    IN_PROGRESS: { permission: 'recommendation:update-progress' },
    IMPLEMENTED: { permission: 'recommendation:update-progress', needs: needsEvidence },
    NOT_ACCEPTED: SET_ASIDE,
    SUPERSEDED: SET_ASIDE,
  },
  IN_PROGRESS: {
    IMPLEMENTED: { permission: 'recommendation:update-progress', needs: needsEvidence },
    NOT_ACCEPTED: SET_ASIDE,
    SUPERSEDED: SET_ASIDE,
  },
  IMPLEMENTED: {
    // A reviewer sends it back when the evidence does not show the change.
    IN_PROGRESS: { permission: 'recommendation:decide', whoMay: 'A reviewer sends it back when the evidence falls short' },
    VERIFIED: { permission: 'recommendation:decide', needs: needsAcceptedEvidenceFromSomeoneElse, whoMay: 'A reviewer verifies it' },
    SUPERSEDED: SET_ASIDE,
  },
  // Closed is closed; a reviewer may reopen with a reason when it was wrong.
  VERIFIED: { IN_PROGRESS: { permission: 'recommendation:decide', whoMay: 'A reviewer reopens it' } },
  NOT_ACCEPTED: { NOT_STARTED: { permission: 'recommendation:decide', whoMay: 'A reviewer reopens it' } },
  SUPERSEDED: { NOT_STARTED: { permission: 'recommendation:decide', whoMay: 'A reviewer reopens it' } },
};

function needsEvidence(recommendation: WorkflowRecommendation) {
  return recommendation.evidence.some((item) => item.assessment !== 'INSUFFICIENT')
    ? null
    : 'Add at least one piece of evidence before marking the recommendation as implemented';
}

function needsAcceptedEvidenceFromSomeoneElse(recommendation: WorkflowRecommendation, actor: WorkflowActor) {
  if (!recommendation.evidence.some((item) => item.assessment === 'ACCEPTED')) {
    return 'A reviewer must accept at least one piece of evidence before the recommendation can be verified';
  }
  if (submittedAny(actor, recommendation.evidence)) {
    return 'You submitted evidence for this recommendation, so another reviewer must verify it';
  }
  return null;
}

/** May this user move the recommendation to `to` now? If not, why not, in words they can act on. */
export function checkTransition(recommendation: WorkflowRecommendation, to: RecommendationStatus, actor: WorkflowActor): TransitionCheck {
  const from = recommendation.status;
  if (from === to) return { allowed: false, reason: 'The recommendation already has that status' };
  const rule = RULES[from]?.[to];
  if (!rule) return { allowed: false, reason: `A recommendation cannot move from ${STATUS_LABELS[from]} to ${STATUS_LABELS[to]}` };
  if (!can(actor, rule.permission, recommendation)) {
    return {
      allowed: false,
      reason: rule.whoMay ?? 'Only the owning agency or a reviewer can make this change',
      missing: rule.permission,
    };
  }
  const problem = rule.needs?.(recommendation, actor) ?? null;
  return problem ? { allowed: false, reason: problem } : { allowed: true };
}

export type StatusChoices = {
  /** The moves this user may make now: what the status control offers. */
  offered: RecommendationStatus[];
  /** The other moves from here, each with why it is not offered (shown beside the control). */
  notOffered: { status: RecommendationStatus; reason: string }[];
};

/** The status control's choices for this user on this recommendation now, from the same rule the server enforces. */
export function statusChoices(recommendation: WorkflowRecommendation, actor: WorkflowActor): StatusChoices {
  const choices: StatusChoices = { offered: [], notOffered: [] };
  for (const to of Object.keys(RULES[recommendation.status] ?? {}) as RecommendationStatus[]) {
    const check = checkTransition(recommendation, to, actor);
    if (check.allowed) choices.offered.push(to);
    else choices.notOffered.push({ status: to, reason: check.reason });
  }
  return choices;
}
