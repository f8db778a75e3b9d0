// The status workflow of a recommendation (PRODUCT.md, "Status"), as plain
// data and one pure function, so that the rules have a test for every case.
import type { RecommendationStatus, Role } from '@/lib/generated/prisma/enums';

export type WorkflowContext = {
  role: Role;
  /** The acting user belongs to the agency that owns the recommendation. */
  ownAgency: boolean;
  /** Evidence on record that has not been judged insufficient. */
  usableEvidenceCount: number;
  /** Evidence a reviewer has accepted. */
  acceptedEvidenceCount: number;
  /** The acting user submitted any of the recommendation's evidence: nobody verifies their own work. */
  actorSubmittedEvidence: boolean;
};

export type TransitionCheck = { allowed: true } | { allowed: false; reason: string };

const CLOSED: ReadonlySet<RecommendationStatus> = new Set(['VERIFIED', 'NOT_ACCEPTED', 'SUPERSEDED']);

export function isClosed(status: RecommendationStatus) {
  return CLOSED.has(status);
}

type Rule = { who: 'owner-or-reviewer' | 'reviewer'; check?: (ctx: WorkflowContext) => string | null };

// from -> to -> who may make the move, and what it needs. Anything missing is not a move.
const RULES: Partial<Record<RecommendationStatus, Partial<Record<RecommendationStatus, Rule>>>> = {
  NOT_STARTED: {
    IN_PROGRESS: { who: 'owner-or-reviewer' },
    IMPLEMENTED: { who: 'owner-or-reviewer', check: needsEvidence },
    NOT_ACCEPTED: { who: 'reviewer' },
    SUPERSEDED: { who: 'reviewer' },
  },
  IN_PROGRESS: {
    IMPLEMENTED: { who: 'owner-or-reviewer', check: needsEvidence },
    NOT_ACCEPTED: { who: 'reviewer' },
    SUPERSEDED: { who: 'reviewer' },
  },
  IMPLEMENTED: {
    // A reviewer sends it back when the evidence does not show the change.
    IN_PROGRESS: { who: 'reviewer' },
    VERIFIED: { who: 'reviewer', check: needsAcceptedEvidenceFromSomeoneElse },
    SUPERSEDED: { who: 'reviewer' },
  },
  // Closed is closed; a reviewer may reopen with a reason when it was wrong.
  VERIFIED: { IN_PROGRESS: { who: 'reviewer' } },
  NOT_ACCEPTED: { NOT_STARTED: { who: 'reviewer' } },
  SUPERSEDED: { NOT_STARTED: { who: 'reviewer' } },
};

function needsEvidence(ctx: WorkflowContext) {
  return ctx.usableEvidenceCount > 0
    ? null
    : 'Add at least one piece of evidence before marking the recommendation as implemented';
}

function needsAcceptedEvidenceFromSomeoneElse(ctx: WorkflowContext) {
  if (ctx.acceptedEvidenceCount === 0) {
    return 'A reviewer must accept at least one piece of evidence before the recommendation can be verified';
  }
  if (ctx.actorSubmittedEvidence) {
    return 'You submitted evidence for this recommendation, so another reviewer must verify it';
  }
  return null;
}

function mayAct(who: Rule['who'], ctx: WorkflowContext) {
  if (ctx.role === 'ADMIN' || ctx.role === 'REVIEWER') return true;
  return who === 'owner-or-reviewer' && ctx.role === 'OWNER' && ctx.ownAgency;
}

export function checkTransition(from: RecommendationStatus, to: RecommendationStatus, ctx: WorkflowContext): TransitionCheck {
  if (from === to) return { allowed: false, reason: 'The recommendation already has that status' };
  const rule = RULES[from]?.[to];
  if (!rule) return { allowed: false, reason: `A recommendation cannot move from ${label(from)} to ${label(to)}` };
  if (!mayAct(rule.who, ctx)) {
    return {
      allowed: false,
      reason: rule.who === 'reviewer' ? 'Only a reviewer can make this change' : "Only the owning agency or a reviewer can make this change",
    };
  }
  const problem = rule.check?.(ctx) ?? null;
  return problem ? { allowed: false, reason: problem } : { allowed: true };
}

/** The statuses the acting user could choose from now, with why any of them is not yet possible. */
export function nextStatuses(from: RecommendationStatus, ctx: WorkflowContext) {
  return Object.keys(RULES[from] ?? {}).map((to) => ({
    status: to as RecommendationStatus,
    check: checkTransition(from, to as RecommendationStatus, ctx),
  }));
}

function label(status: RecommendationStatus) {
  return status.toLowerCase().replace('_', ' ');
}
