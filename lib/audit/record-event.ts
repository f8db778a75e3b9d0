import 'server-only';
import type { Prisma, Tx } from '@/lib/db';
import type { EventKind, FieldValues, SubjectType } from './events';

export type HistoryEventInput = {
  actorId: string | null;
  kind: EventKind;
  subjectId: string;
  /** The subject's version after the change, for versioned records. */
  subjectVersion?: number;
  before?: FieldValues | null;
  after?: FieldValues | null;
  note?: string | null;
  reviewId?: string | null;
  recommendationId?: string | null;
  /** Only the seed and tests back-date events; the app always records now. */
  occurredAt?: Date;
};

/**
 * Appends one history event. Always called with the transaction that makes
 * the change, so the change and its record commit or fail together.
 */
export async function recordEvent(tx: Tx, event: HistoryEventInput) {
  const subjectType = event.kind.split('.')[0] as SubjectType;
  return tx.historyEvent.create({
    data: {
      actorId: event.actorId,
      kind: event.kind,
      subjectType,
      subjectId: event.subjectId,
      subjectVersion: event.subjectVersion ?? null,
      before: toJson(event.before),
      after: toJson(event.after),
      note: event.note ?? null,
      reviewId: event.reviewId ?? null,
      recommendationId: event.recommendationId ?? null,
      ...(event.occurredAt ? { occurredAt: event.occurredAt } : {}),
    },
  });
}

function toJson(values: FieldValues | null | undefined): Prisma.InputJsonValue | undefined {
  if (!values) return undefined;
  // Dates as ISO strings, Decimals as numbers: the event must read back the same.
  // (`this[key]` is the value before its own toJSON ran.)
  return JSON.parse(
    JSON.stringify(values, function (this: Record<string, unknown>, key, value) {
      const raw = this[key];
      return raw !== null && typeof raw === 'object' && 'toNumber' in raw ? (raw as { toNumber(): number }).toNumber() : value;
    }),
  ) as Prisma.InputJsonValue;
}
