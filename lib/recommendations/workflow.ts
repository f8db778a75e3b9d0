// The status workflow (PRODUCT.md, "Status"): which moves exist, who may make
// each (asked of lib/auth/permissions.ts), what each needs, and where it is
// made. Work moves (started, implemented with evidence, verified, sent back)
// are made on an action; a reviewer's decision to set a whole recommendation
// aside (not accepted, superseded) or reopen it is made on the recommendation,
// which otherwise follows from its actions (lib/actions/roll-up.ts). One pure function answers both the server ("may this user make this
// move?") and the status control ("which moves does this user have now, and
// why not the others?").
import { type Action, can, type PermissionSubject, submittedAny } from '@/lib/auth/permissions';
import type { Assessment, RecommendationStatus } from '@/lib/generated/prisma/enums';
import { STATUS_LABELS } from '@/lib/labels';

/** The acting user, as the workflow needs them. */
export type WorkflowActor = PermissionSubject & { id: string };

/** Where a move is made. */
export type WorkflowLevel = 'action' | 'recommendation';

/** The action (or, for a decision, the recommendation), with its live evidence. */
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
  /** A decision on the whole recommendation; otherwise a move of one action. */
  decision?: true;
};

const SET_ASIDE: Rule = { permission: 'recommendation:decide', whoMay: 'A reviewer decides this, with a rationale', decision: true };
const REOPEN: Rule = { permission: 'recommendation:decide', whoMay: 'A reviewer reopens it', decision: true };

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
  NOT_ACCEPTED: { NOT_STARTED: REOPEN },
  SUPERSEDED: { NOT_STARTED: REOPEN },
};

function needsEvidence(recommendation: WorkflowRecommendation) {
  return recommendation.evidence.some((item) => item.assessment !== 'INSUFFICIENT')
    ? null
    : 'Add at least one piece of evidence before marking the action as implemented';
}

function needsAcceptedEvidenceFromSomeoneElse(recommendation: WorkflowRecommendation, actor: WorkflowActor) {
  if (!recommendation.evidence.some((item) => item.assessment === 'ACCEPTED')) {
    return 'A reviewer must accept at least one piece of evidence before the action can be verified';
  }
  if (submittedAny(actor, recommendation.evidence)) {
    return 'You submitted evidence for this action, so another reviewer must verify it';
  }
  return null;
}

const WORK_ON_ACTIONS = 'A recommendation follows from its actions: change the status of each action';
const DECIDED_ON_RECOMMENDATION = 'A reviewer sets the whole recommendation aside (or reopens it) on the recommendation';

/**
 * May this user move the action (level 'action') or the recommendation (level
 * 'recommendation', a reviewer's decision) to `to` now? If not, why not, in
 * words they can act on.
 */
export function checkTransition(
  recommendation: WorkflowRecommendation,
  to: RecommendationStatus,
  actor: WorkflowActor,
  level: WorkflowLevel,
): TransitionCheck {
  const from = recommendation.status;
  const noun = level === 'action' ? 'An action' : 'A recommendation';
  if (from === to) return { allowed: false, reason: `The ${level} already has that status` };
  const rule = RULES[from]?.[to];
  if (!rule) return { allowed: false, reason: `${noun} cannot move from ${STATUS_LABELS[from]} to ${STATUS_LABELS[to]}` };
  if (level === 'recommendation' && !rule.decision) return { allowed: false, reason: WORK_ON_ACTIONS };
  if (level === 'action' && rule.decision) return { allowed: false, reason: DECIDED_ON_RECOMMENDATION };
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

/**
 * The status control's choices for this user on this action (or, for
 * decisions, this recommendation) now, from the same rule the server enforces.
 * Moves made at the other level are not listed.
 */
export function statusChoices(recommendation: WorkflowRecommendation, actor: WorkflowActor, level: WorkflowLevel): StatusChoices {
  const choices: StatusChoices = { offered: [], notOffered: [] };
  const moves = Object.entries(RULES[recommendation.status] ?? {}) as [RecommendationStatus, Rule][];
  for (const [to] of moves.filter(([, rule]) => Boolean(rule.decision) === (level === 'recommendation'))) {
    const check = checkTransition(recommendation, to, actor, level);
    if (check.allowed) choices.offered.push(to);
    else choices.notOffered.push({ status: to, reason: check.reason });
  }
  return choices;
}
