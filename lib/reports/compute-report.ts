// Report arithmetic: pure functions over replayed state, so that the screen,
// the CSV, the XLSX and the PDF all show numbers from this one computation.
import type { Rag, RecommendationStatus } from '@/lib/generated/prisma/enums';
import { dayOf, daysBetween, formatDay, formatInstantDay, ukDay, ukMonth, nextMonth } from '@/lib/days';
import { type ActionForRag, actionLabel, actionRag, recommendationRag } from '@/lib/actions/roll-up';
import { measureProgress, STALL_DAYS } from '@/lib/recommendations/rag';
import { daysOverdue, isCommitted, isDone, isOpen, isOverdue, STATUS_ORDER } from '@/lib/recommendations/status';
import { byReference } from '@/lib/reviews/reference-order';
import { type ActionState, apply, emptyState, liveActions, type MeasureState, type RecommendationState, type ReplayedState, type ReportEvent, replay } from './replay';

export type Names = {
  agencies: Map<string, string>;
  users: Map<string, string>;
  reviews: Map<string, string>;
};

export type StatusCounts = Record<RecommendationStatus, number>;
export type RagCounts = Record<Rag | 'NONE', number>;

export type ReportRow = {
  id: string;
  reviewTitle: string;
  reference: string;
  text: string;
  status: RecommendationStatus;
  rag: Rag | null;
  ownerAgency: string;
  leadOfficer: string;
  dueDate: Date;
  originalDueDate: Date;
  overdue: boolean;
  daysOverdue: number;
  /** Open, with no update of substance for longer than the RAG rule allows (rag.ts). */
  stalled: boolean;
  lastProgressAt: Date;
  latestNote: string;
};

/** An open recommendation the board must act on, with why in words ("Overdue since 31 December 2012"). */
export type ExceptionRow = ReportRow & { reasons: string[] };

export type Report = {
  asAt: Date;
  since: Date;
  totals: {
    recommendations: number;
    byStatus: StatusCounts;
    byRag: RagCounts;
    /** Implemented or verified, as a share of the recommendations the partnership took on. */
    implementedPercent: number;
    verifiedPercent: number;
    overdue: number;
    actions: { total: number; byStatus: StatusCounts; byRag: RagCounts; overdue: number; slipped: number };
  };
  /** From actions: each agency's part of the recommendations it shares. */
  byAgency: { agency: string; total: number; byStatus: StatusCounts; overdue: number; implementedPercent: number }[];
  overdue: ReportRow[];
  /** Open recommendations that are red, overdue, stalled or whose due date has slipped: red first, then longest overdue. */
  exceptions: ExceptionRow[];
  measures: { reference: string; action: string; name: string; unit: string; target: number; currentValue: number; percent: number }[];
  evidence: {
    submitted: number;
    accepted: number;
    insufficient: number;
    awaitingAssessment: { reference: string; title: string; submittedBy: string; submittedAt: Date }[];
  };
  recommendations: ReportRow[];
  /** Every live action of the live recommendations, named "R3.1". */
  actions: ReportRow[];
  actionExceptions: ReportRow[];
  changes: {
    statusChanges: { reference: string; from: RecommendationStatus; to: RecommendationStatus; by: string; at: Date; note: string }[];
    newEvidence: { reference: string; title: string; by: string; at: Date }[];
    newlyOverdue: ReportRow[];
  };
  progressByMonth: { month: string; implemented: number; verified: number }[];
};

export const emptyStatusCounts = (): StatusCounts =>
  Object.fromEntries(STATUS_ORDER.map((status) => [status, 0])) as StatusCounts;

export function percent(part: number, whole: number): number {
  return whole === 0 ? 0 : Math.round((part / whole) * 1000) / 10;
}

function live(state: ReplayedState) {
  return [...state.recommendations.values()].filter((r) => !r.archived);
}

/** The replayed state with its measures grouped by action (one pass, not one scan per action). */
type Indexed = ReplayedState & { measuresByAction: Map<string, MeasureState[]> };

function indexed(state: ReplayedState): Indexed {
  const measuresByAction = new Map<string, MeasureState[]>();
  for (const measure of state.measures.values()) measuresByAction.set(measure.actionId, [...(measuresByAction.get(measure.actionId) ?? []), measure]);
  return Object.assign(state, { measuresByAction });
}

function ragInput(action: ActionState, state: Indexed): ActionForRag {
  return { ...action, measures: state.measuresByAction.get(action.id) ?? [] };
}

/** A recommendation's row: its rolled-up values, and the RAG of its live actions. */
function row(r: RecommendationState, state: Indexed, names: Names, at: Date): ReportRow {
  const rag = recommendationRag(r, liveActions(state, r).map((action) => ragInput(action, state)), at);
  return {
    id: r.id,
    reviewTitle: names.reviews.get(r.reviewId) ?? '',
    reference: r.reference,
    text: r.text,
    status: r.status,
    rag: rag.rating,
    ownerAgency: names.agencies.get(r.ownerAgencyId) ?? 'Unknown agency',
    leadOfficer: r.leadOfficerId ? (names.users.get(r.leadOfficerId) ?? '') : '',
    dueDate: r.dueDate,
    originalDueDate: r.originalDueDate,
    overdue: isOverdue(r, ukDay(at)),
    daysOverdue: daysOverdue(r, ukDay(at)),
    stalled: isOpen(r.status) && daysBetween(ukDay(r.lastProgressAt), ukDay(at)) > STALL_DAYS,
    lastProgressAt: r.lastProgressAt,
    latestNote: r.latestNote ?? '',
  };
}

/** An action's row, named "R3.1"; its text is the recommendation's when it has none of its own. */
function actionRow(action: ActionState, r: RecommendationState, state: Indexed, names: Names, at: Date): ReportRow {
  return {
    id: action.id,
    reviewTitle: names.reviews.get(r.reviewId) ?? '',
    reference: actionLabel(r.reference, action.reference),
    text: action.text ?? r.text,
    status: action.status,
    rag: actionRag(ragInput(action, state), at).rating,
    ownerAgency: names.agencies.get(action.ownerAgencyId) ?? 'Unknown agency',
    leadOfficer: action.leadOfficerId ? (names.users.get(action.leadOfficerId) ?? '') : '',
    dueDate: action.dueDate,
    originalDueDate: action.originalDueDate,
    overdue: isOverdue(action, ukDay(at)),
    daysOverdue: daysOverdue(action, ukDay(at)),
    stalled: isOpen(action.status) && daysBetween(ukDay(action.lastProgressAt), ukDay(at)) > STALL_DAYS,
    lastProgressAt: action.lastProgressAt,
    latestNote: action.latestNote ?? '',
  };
}

/** A due date moved later is a slip; one brought forward is not. */
const slipped = (r: Pick<ReportRow, 'dueDate' | 'originalDueDate'>) => dayOf(r.dueDate) > dayOf(r.originalDueDate);

function counts(rows: readonly ReportRow[]) {
  const byStatus = emptyStatusCounts();
  const byRag: RagCounts = { GREEN: 0, AMBER: 0, RED: 0, NONE: 0 };
  for (const r of rows) {
    byStatus[r.status] += 1;
    byRag[r.rag ?? 'NONE'] += 1;
  }
  return { byStatus, byRag };
}

/** Why a recommendation is an exception, in the order a chair would ask; none when it is not one. */
function exceptionReasons(r: ReportRow): string[] {
  if (!isOpen(r.status)) return [];
  const reasons: string[] = [];
  if (r.overdue) reasons.push(`Overdue since ${formatDay(r.dueDate)}`);
  if (slipped(r)) reasons.push(`Due date moved from ${formatDay(r.originalDueDate)}`);
  if (r.stalled) reasons.push(`No update since ${formatInstantDay(r.lastProgressAt)}`);
  // Red for one of the reasons above says nothing new; red by a reviewer's override does.
  if (r.rag === 'RED' && reasons.length === 0) reasons.push('Rated red');
  return reasons;
}

const RAG_RANK = { RED: 0, AMBER: 1, GREEN: 2 } as const;

/** Implemented (or verified) and verified counts at the end of each month, from the first event to `asAt`. */
export function progressByMonth(events: readonly ReportEvent[], asAt: Date): Report['progressByMonth'] {
  const inRange = events.filter((e) => e.occurredAt.getTime() <= asAt.getTime());
  if (inRange.length === 0) return [];
  const state = emptyState();
  const months: Report['progressByMonth'] = [];
  const snapshot = (month: string) => {
    const recs = live(state);
    months.push({ month, implemented: recs.filter((r) => isDone(r.status)).length, verified: recs.filter((r) => r.status === 'VERIFIED').length });
  };
  let current = ukMonth(inRange[0]!.occurredAt);
  const last = ukMonth(asAt);
  let i = 0;
  while (current <= last) {
    while (i < inRange.length && ukMonth(inRange[i]!.occurredAt) <= current) apply(state, inRange[i++]!);
    snapshot(current);
    current = nextMonth(current);
  }
  return months;
}

/**
 * The whole report as at `asAt`, with what changed since `since`. `events`
 * are every event of the reviews in the report, in the order they happened.
 */
export function computeReport(events: readonly ReportEvent[], names: Names, asAt: Date, since: Date): Report {
  const state = indexed(replay(events, asAt));
  const rows = live(state)
    .map((r) => row(r, state, names, asAt))
    .sort((a, b) => a.reviewTitle.localeCompare(b.reviewTitle) || byReference(a, b));

  const { byStatus, byRag } = counts(rows);
  const committed = rows.filter((r) => isCommitted(r.status));
  const actionRows = live(state)
    .flatMap((r) => liveActions(state, r).map((action) => actionRow(action, r, state, names, asAt)))
    .sort((a, b) => a.reviewTitle.localeCompare(b.reviewTitle) || byReference(a, b));
  const actionCounts = counts(actionRows);

  // By agency from actions: a recommendation shared by agencies counts once for each agency's part.
  const agencies = new Map<string, ReportRow[]>();
  for (const r of actionRows) agencies.set(r.ownerAgency, [...(agencies.get(r.ownerAgency) ?? []), r]);
  const byAgency = [...agencies.entries()]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([agency, agencyRows]) => {
      const counts = emptyStatusCounts();
      for (const r of agencyRows) counts[r.status] += 1;
      const agencyCommitted = agencyRows.filter((r) => isCommitted(r.status));
      return {
        agency,
        total: agencyRows.length,
        byStatus: counts,
        overdue: agencyRows.filter((r) => r.overdue).length,
        implementedPercent: percent(agencyCommitted.filter((r) => isDone(r.status)).length, agencyCommitted.length),
      };
    });

  const references = new Map(rows.map((r) => [r.id, r.reference]));
  const liveIds = new Set(rows.map((r) => r.id));
  const measures = [...state.measures.values()]
    .filter((m) => liveIds.has(m.recommendationId))
    .map((m) => ({
      reference: references.get(m.recommendationId) ?? '',
      action: actionLabel(references.get(m.recommendationId) ?? '', state.actions.get(m.actionId)?.reference ?? '?'),
      name: m.name,
      unit: m.unit,
      target: m.target,
      currentValue: m.currentValue,
      percent: Math.round((measureProgress([m]) ?? 0) * 1000) / 10,
    }))
    .sort(byReference);

  const evidence = [...state.evidence.values()].filter((e) => liveIds.has(e.recommendationId));
  const userName = (id: string | null) => (id ? (names.users.get(id) ?? 'Unknown user') : 'The system');

  const before = replay(events, since);
  const wasOverdue = new Set(
    live(before)
      .filter((r) => isOverdue(r, ukDay(since)))
      .map((r) => r.id),
  );
  const between = events.filter((e) => e.occurredAt > since && e.occurredAt <= asAt);

  return {
    asAt,
    since,
    totals: {
      recommendations: rows.length,
      byStatus,
      byRag,
      implementedPercent: percent(committed.filter((r) => isDone(r.status)).length, committed.length),
      verifiedPercent: percent(committed.filter((r) => r.status === 'VERIFIED').length, committed.length),
      overdue: rows.filter((r) => r.overdue).length,
      actions: {
        total: actionRows.length,
        byStatus: actionCounts.byStatus,
        byRag: actionCounts.byRag,
        overdue: actionRows.filter((r) => r.overdue).length,
        slipped: actionRows.filter((r) => isOpen(r.status) && slipped(r)).length,
      },
    },
    byAgency,
    overdue: rows.filter((r) => r.overdue).sort((a, b) => b.daysOverdue - a.daysOverdue || byReference(a, b)),
    exceptions: rows
      .map((r) => ({ ...r, reasons: exceptionReasons(r) }))
      .filter((r) => r.reasons.length > 0)
      .sort((a, b) => (a.rag ? RAG_RANK[a.rag] : 3) - (b.rag ? RAG_RANK[b.rag] : 3) || b.daysOverdue - a.daysOverdue || a.reviewTitle.localeCompare(b.reviewTitle) || byReference(a, b)),
    measures,
    evidence: {
      submitted: evidence.length,
      accepted: evidence.filter((e) => e.assessment === 'ACCEPTED').length,
      insufficient: evidence.filter((e) => e.assessment === 'INSUFFICIENT').length,
      awaitingAssessment: evidence
        .filter((e) => e.assessment === 'PENDING')
        .map((e) => ({ reference: references.get(e.recommendationId) ?? '', title: e.title, submittedBy: userName(e.submittedById), submittedAt: e.submittedAt }))
        .sort(byReference),
    },
    recommendations: rows,
    actions: actionRows,
    /** Open actions overdue or whose due date has slipped: longest overdue first. */
    actionExceptions: actionRows
      .filter((r) => isOpen(r.status) && (r.overdue || slipped(r)))
      .sort((a, b) => b.daysOverdue - a.daysOverdue || a.reviewTitle.localeCompare(b.reviewTitle) || byReference(a, b)),
    changes: {
      statusChanges: between
        .filter(
          (e) =>
            (e.kind === 'recommendation.status_changed' || e.kind === 'action.status_changed' || (e.kind === 'action.imported' && (e.after as { status?: string }).status)) &&
            e.recommendationId &&
            liveIds.has(e.recommendationId),
        )
        .map((e) => ({
          reference:
            e.kind !== 'recommendation.status_changed'
              ? actionLabel(references.get(e.recommendationId!) ?? '', state.actions.get(e.subjectId)?.reference ?? '?')
              : (references.get(e.recommendationId!) ?? ''),
          from: (e.before as { status: RecommendationStatus }).status,
          to: (e.after as { status: RecommendationStatus }).status,
          by: userName(e.actorId),
          at: e.occurredAt,
          note: e.note ?? '',
        })),
      newEvidence: between
        .filter((e) => e.kind === 'evidence.submitted' && e.recommendationId && liveIds.has(e.recommendationId))
        .map((e) => ({
          reference: references.get(e.recommendationId!) ?? '',
          title: String((e.after as { title?: string } | null)?.title ?? ''),
          by: userName(e.actorId),
          at: e.occurredAt,
        })),
      newlyOverdue: rows.filter((r) => r.overdue && !wasOverdue.has(r.id)),
    },
    progressByMonth: progressByMonth(events, asAt),
  };
}
