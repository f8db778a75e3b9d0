// What each recommendation status means, written once (decision 0012). The
// TypeScript rules below, the SQL lists of `status-sql.ts`, the counts and the
// charts all come from this table: adding a status is one row here plus its
// words in lib/labels.ts. Safe for client components.
import type { RecommendationStatus } from '@/lib/generated/prisma/enums';
import { type Day, dayOf, daysBetween } from '@/lib/days';

export type StatusMeaning = {
  /** Work is still to be done on it. */
  open: boolean;
  /** The work is done: counts towards "implemented or verified". */
  done: boolean;
  /** Nothing more is expected of anybody (closed in the product's words). */
  closed: boolean;
  /** Part of what the partnership took on (not set aside by a reviewer). */
  committed: boolean;
  /** Done, and waiting for a reviewer to verify it. */
  awaitsVerification: boolean;
  /** Work on it has started (a finding it answers is being addressed). */
  underWay: boolean;
  /** Past its due date it is overdue. */
  canBeOverdue: boolean;
};

/** In workflow order: the order of counts, reports, charts and the list's status sort (the enum's own order). */
export const STATUSES: Readonly<Record<RecommendationStatus, StatusMeaning>> = {
  NOT_STARTED: { open: true, done: false, closed: false, committed: true, awaitsVerification: false, underWay: false, canBeOverdue: true },
  IN_PROGRESS: { open: true, done: false, closed: false, committed: true, awaitsVerification: false, underWay: true, canBeOverdue: true },
  IMPLEMENTED: { open: false, done: true, closed: false, committed: true, awaitsVerification: true, underWay: true, canBeOverdue: false },
  VERIFIED: { open: false, done: true, closed: true, committed: true, awaitsVerification: false, underWay: true, canBeOverdue: false },
  NOT_ACCEPTED: { open: false, done: false, closed: true, committed: false, awaitsVerification: false, underWay: false, canBeOverdue: false },
  SUPERSEDED: { open: false, done: false, closed: true, committed: false, awaitsVerification: false, underWay: false, canBeOverdue: false },
};

/** Every status, in workflow order. */
export const STATUS_ORDER = Object.keys(STATUSES) as RecommendationStatus[];

type Quality = keyof StatusMeaning;

/** The statuses with a quality, in workflow order: `statusesWhere('open')`. */
export function statusesWhere(quality: Quality, value = true): RecommendationStatus[] {
  return STATUS_ORDER.filter((status) => STATUSES[status][quality] === value);
}

export const isOpen = (status: RecommendationStatus) => STATUSES[status].open;
export const isDone = (status: RecommendationStatus) => STATUSES[status].done;
export const isClosed = (status: RecommendationStatus) => STATUSES[status].closed;
export const isCommitted = (status: RecommendationStatus) => STATUSES[status].committed;
export const isUnderWay = (status: RecommendationStatus) => STATUSES[status].underWay;
/** Set aside by a reviewer: not accepted or superseded. */
export const isSetAside = (status: RecommendationStatus) => !STATUSES[status].committed;

/** What "overdue" needs: the status and the due date (a date-only value or a day). */
export type Dated = { status: RecommendationStatus; dueDate: Date | Day };

/**
 * Overdue: past its due date (today, a UK day, is later than the due day) and
 * still to be done. The one definition; SQL uses `overdueSql`, built from it.
 */
export function isOverdue(item: Dated, today: Day): boolean {
  return STATUSES[item.status].canBeOverdue && dueDay(item) < today;
}

/** Whole days past the due date (0 when not overdue). */
export function daysOverdue(item: Dated, today: Day): number {
  return isOverdue(item, today) ? daysBetween(dueDay(item), today) : 0;
}

function dueDay(item: Dated): Day {
  return typeof item.dueDate === 'string' ? item.dueDate : dayOf(item.dueDate);
}
