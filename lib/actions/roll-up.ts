// How a recommendation follows from its actions (issue 11, decision 0015),
// written once: the database keeps the rolled-up values on the recommendation
// (lib/actions/refresh-recommendation.ts), the replay rebuilds them for past
// reports, and both call these functions. Pure; safe for client components.
import type { Rag, RecommendationStatus } from '@/lib/generated/prisma/enums';
import { isDone, isSetAside, STATUSES } from '@/lib/recommendations/status';
import { computeRag, type RagResult } from '@/lib/recommendations/rag';
import { byReference } from '@/lib/reviews/reference-order';

/** What a recommendation's roll-up needs of each of its live (not archived) actions. */
export type ActionForRollUp = {
  reference: string;
  status: RecommendationStatus;
  ownerAgencyId: string;
  leadOfficerId: string | null;
  dueDate: Date;
  originalDueDate: Date;
  statusChangedAt: Date;
  lastProgressAt: Date;
};

export type RolledUp = {
  status: RecommendationStatus;
  ownerAgencyId: string;
  leadOfficerId: string | null;
  dueDate: Date;
  originalDueDate: Date;
  statusChangedAt: Date;
  lastProgressAt: Date;
};

/**
 * The recommendation's status from its actions':
 * - set aside (not accepted, superseded) when a reviewer set it aside: that decision closes its unfinished actions with it;
 * - verified when every action is verified; implemented when every action is done;
 * - not started when no action has started; otherwise in progress.
 */
export function rolledUpStatus(actions: readonly Pick<ActionForRollUp, 'status'>[]): RecommendationStatus {
  const setAside = actions.find((action) => isSetAside(action.status));
  if (setAside) return setAside.status;
  if (actions.length === 0) return 'NOT_STARTED';
  if (actions.every((action) => action.status === 'VERIFIED')) return 'VERIFIED';
  if (actions.every((action) => isDone(action.status))) return 'IMPLEMENTED';
  if (actions.every((action) => action.status === 'NOT_STARTED')) return 'NOT_STARTED';
  return 'IN_PROGRESS';
}

const latest = (dates: readonly Date[]) => new Date(Math.max(...dates.map((date) => date.getTime())));

/**
 * Everything the recommendation shows of its actions: the status above; the
 * latest due date (and latest original one, so slippage shows); the first
 * action's agency and lead officer as the recommendation's lead; the latest
 * status change and update of substance. Null without live actions (a live
 * recommendation always has one: archiving the last is refused).
 */
export function rollUp(actions: readonly ActionForRollUp[]): RolledUp | null {
  if (actions.length === 0) return null;
  const first = [...actions].sort(byReference)[0]!;
  return {
    status: rolledUpStatus(actions),
    ownerAgencyId: first.ownerAgencyId,
    leadOfficerId: first.leadOfficerId,
    dueDate: latest(actions.map((action) => action.dueDate)),
    originalDueDate: latest(actions.map((action) => action.originalDueDate)),
    statusChangedAt: latest(actions.map((action) => action.statusChangedAt)),
    lastProgressAt: latest(actions.map((action) => action.lastProgressAt)),
  };
}

const RAG_ORDER: Record<Rag, number> = { GREEN: 0, AMBER: 1, RED: 2 };

/**
 * The recommendation's RAG: the worst of its open actions' ratings, each
 * reason naming its action ("R3.2: Overdue since ..."). Closed: none; done and
 * awaiting verification: green.
 */
export function rolledUpRag(
  status: RecommendationStatus,
  actions: readonly { label: string; status: RecommendationStatus; rag: RagResult }[],
): RagResult {
  if (STATUSES[status].closed) return { rating: null, reasons: [], overridden: false };
  const open = actions.filter((action) => STATUSES[action.status].open && action.rag.rating !== null);
  if (open.length === 0) return { rating: 'GREEN', reasons: ['Implemented, awaiting verification'], overridden: false };
  const worst = Math.max(...open.map((action) => RAG_ORDER[action.rag.rating!]));
  const rating = (Object.keys(RAG_ORDER) as Rag[]).find((key) => RAG_ORDER[key] === worst)!;
  const worstActions = open.filter((action) => action.rag.rating === rating);
  const single = actions.length === 1;
  return {
    rating,
    reasons: worstActions.flatMap((action) => action.rag.reasons.map((reason) => (single ? reason : `${action.label}: ${reason}`))),
    overridden: worstActions.every((action) => action.rag.overridden),
  };
}

/** How an action is named beside its recommendation: "R3.1". */
export function actionLabel(recommendationReference: string, actionReference: string): string {
  return `${recommendationReference}.${actionReference}`;
}

/** What an action's RAG needs (the measures are its live ones; decimals as numbers). */
export type ActionForRag = {
  reference: string;
  status: RecommendationStatus;
  dueDate: Date;
  originalDueDate: Date;
  createdAt: Date;
  lastProgressAt: Date;
  ragOverride: Rag | null;
  measures: readonly { target: number; currentValue: number }[];
};

/** An action's RAG (rag.ts's rule, started when the action was added). */
export function actionRag(action: ActionForRag, now: Date): RagResult {
  return computeRag(
    {
      status: action.status,
      dueDate: action.dueDate,
      originalDueDate: action.originalDueDate,
      startedAt: action.createdAt,
      lastProgressAt: action.lastProgressAt,
      measures: [...action.measures],
      override: action.ragOverride,
    },
    now,
  );
}

/** A recommendation's RAG from its live actions: `rolledUpRag` over each action's `actionRag`. */
export function recommendationRag(
  recommendation: { reference: string; status: RecommendationStatus },
  actions: readonly ActionForRag[],
  now: Date,
): RagResult {
  return rolledUpRag(
    recommendation.status,
    actions.map((action) => ({
      label: actionLabel(recommendation.reference, action.reference),
      status: action.status,
      rag: actionRag(action, now),
    })),
  );
}
