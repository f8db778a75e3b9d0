// RAG rating, computed, never typed (PRODUCT.md, "RAG"). Overdue is status.ts's.
import { dayOf, daysBetween, formatDay, ukDay } from '@/lib/days';
import type { Rag, RecommendationStatus } from '@/lib/generated/prisma/enums';
import { plural } from '@/lib/labels';
import { isClosed, isDone, isOverdue, isUnderWay } from './status';

/** Days without an update of substance after which an open recommendation counts as stalled. */
export const STALL_DAYS = 60;
/** How far (as a share of the whole) progress may trail the time elapsed before it counts as lagging. */
export const LAG_TOLERANCE = 0.1;

export type RagInput = {
  status: RecommendationStatus;
  /** Date-only values (a day, stored at UTC midnight). */
  dueDate: Date;
  originalDueDate: Date;
  /** When the work started to count: the recommendation's creation. */
  startedAt: Date;
  lastProgressAt: Date;
  measures: { target: number; currentValue: number }[];
  override?: Rag | null;
};

export type RagResult = { rating: Rag | null; reasons: string[]; overridden: boolean };

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
  if (isClosed(input.status)) return { rating: null, reasons: [] };
  if (isDone(input.status)) return { rating: 'GREEN', reasons: ['Implemented, awaiting verification'] };

  // Every count is of UK calendar days (lib/days.ts).
  const today = ukDay(now);
  const due = dayOf(input.dueDate);
  const red: string[] = [];
  // A date reads better than a count that grows every day ("Overdue by 5080 days").
  if (isOverdue(input, today)) red.push(`Overdue since ${formatDay(due)}`);
  const idleDays = daysBetween(ukDay(input.lastProgressAt), today);
  if (idleDays > STALL_DAYS) red.push(`No update for ${plural(idleDays, 'day')}`);
  if (red.length) return { rating: 'RED', reasons: red };

  const amber: string[] = [];
  if (due !== dayOf(input.originalDueDate)) amber.push('Due date has moved');
  const start = ukDay(input.startedAt);
  const span = daysBetween(start, due);
  const elapsed = span > 0 ? Math.min(1, Math.max(0, daysBetween(start, today) / span)) : 1;
  // Without measures the only progress we know of is none: work not under way.
  const progress = measureProgress(input.measures) ?? (isUnderWay(input.status) ? null : 0);
  if (progress !== null && progress + LAG_TOLERANCE < elapsed) {
    amber.push(`Progress ${Math.round(progress * 100)}% with ${Math.round(elapsed * 100)}% of the time gone`);
  }
  if (amber.length) return { rating: 'AMBER', reasons: amber };
  return { rating: 'GREEN', reasons: ['On track'] };
}
