// RAG rating and overdue, computed, never typed (PRODUCT.md, "RAG").
import type { Rag, RecommendationStatus } from '@/lib/generated/prisma/enums';

/** Days without an update of substance after which an open recommendation counts as stalled. */
export const STALL_DAYS = 60;
/** How far (as a share of the whole) progress may trail the time elapsed before it counts as lagging. */
export const LAG_TOLERANCE = 0.1;

const DAY = 24 * 60 * 60 * 1000;

export type RagInput = {
  status: RecommendationStatus;
  /** Date-only values, stored at UTC midnight. */
  dueDate: Date;
  originalDueDate: Date;
  /** When the work started to count: the recommendation's creation. */
  startedAt: Date;
  lastProgressAt: Date;
  measures: { target: number; currentValue: number }[];
  override?: Rag | null;
};

export type RagResult = { rating: Rag | null; reasons: string[]; overridden: boolean };

/** The start of the UTC day a moment falls in. */
function dayOf(date: Date) {
  return Math.floor(date.getTime() / DAY) * DAY;
}

/** Past its due date and neither implemented nor closed. */
export function isOverdue(status: RecommendationStatus, dueDate: Date, now: Date): boolean {
  return (status === 'NOT_STARTED' || status === 'IN_PROGRESS') && dayOf(now) > dayOf(dueDate);
}

/** Whole days past the due date (0 when not overdue). */
export function daysOverdue(status: RecommendationStatus, dueDate: Date, now: Date): number {
  return isOverdue(status, dueDate, now) ? Math.round((dayOf(now) - dayOf(dueDate)) / DAY) : 0;
}

/** Share of the way to target across the measures (each capped at 1), or null without measures. */
export function measureProgress(measures: RagInput['measures']): number | null {
  const usable = measures.filter((m) => m.target > 0);
  if (usable.length === 0) return null;
  return usable.reduce((sum, m) => sum + Math.min(1, Math.max(0, m.currentValue / m.target)), 0) / usable.length;
}

/**
 * Red when overdue or stalled; amber when progress lags the time elapsed
 * towards the due date, or the due date has moved; green otherwise. Closed
 * recommendations have no rating. A reviewer's override wins, and says so.
 */
export function computeRag(input: RagInput, now: Date): RagResult {
  const computed = computedRag(input, now);
  if (input.override && computed.rating !== null) {
    return { rating: input.override, reasons: ['Set by a reviewer', ...computed.reasons], overridden: true };
  }
  return { ...computed, overridden: false };
}

function computedRag(input: RagInput, now: Date): Omit<RagResult, 'overridden'> {
  if (input.status === 'VERIFIED' || input.status === 'NOT_ACCEPTED' || input.status === 'SUPERSEDED') {
    return { rating: null, reasons: [] };
  }
  if (input.status === 'IMPLEMENTED') return { rating: 'GREEN', reasons: ['Implemented, awaiting verification'] };

  const red: string[] = [];
  if (isOverdue(input.status, input.dueDate, now)) red.push(`Overdue by ${daysOverdue(input.status, input.dueDate, now)} days`);
  const idleDays = Math.floor((now.getTime() - input.lastProgressAt.getTime()) / DAY);
  if (idleDays > STALL_DAYS) red.push(`No update for ${idleDays} days`);
  if (red.length) return { rating: 'RED', reasons: red };

  const amber: string[] = [];
  if (dayOf(input.dueDate) !== dayOf(input.originalDueDate)) amber.push('Due date has moved');
  const span = dayOf(input.dueDate) - input.startedAt.getTime();
  const elapsed = span > 0 ? Math.min(1, Math.max(0, (now.getTime() - input.startedAt.getTime()) / span)) : 1;
  // Without measures the only progress we know of is "not started" (none).
  const progress = measureProgress(input.measures) ?? (input.status === 'NOT_STARTED' ? 0 : null);
  if (progress !== null && progress + LAG_TOLERANCE < elapsed) {
    amber.push(`Progress ${Math.round(progress * 100)}% with ${Math.round(elapsed * 100)}% of the time gone`);
  }
  if (amber.length) return { rating: 'AMBER', reasons: amber };
  return { rating: 'GREEN', reasons: ['On track'] };
}
