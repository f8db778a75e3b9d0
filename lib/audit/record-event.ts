import 'server-only';
import { sqlInstant, type Tx } from '@/lib/db';
import { type ChainContent, eventHash } from './chain';
import { type AfterInput, type BeforeInput, type EventKind, payloadToStore, subjectTypeOf } from './event-catalogue';

// Appends to the hash chain are serialised, across every connection and app
// instance, by an advisory lock (key 5074562084552992616, "FlwThrgh" in
// ASCII) that the database function history_chain_head() takes (migration
// 20261128005818). It is held until the caller's transaction commits or rolls
// back, so the next append always sees this event as the latest: chain order
// is id order is commit order.

/** One event to record; `before` and `after` have the kind's shape in the catalogue. */
export type HistoryEventInput<K extends EventKind = EventKind> = {
  [Kind in K]: {
    actorId: string | null;
    kind: Kind;
    subjectId: string;
    /** The subject's version after the change, for versioned records. */
    subjectVersion?: number;
    before?: BeforeInput<Kind>;
    after?: AfterInput<Kind>;
    note?: string | null;
    reviewId?: string | null;
    recommendationId?: string | null;
    /** Only the seed and tests back-date events; the app always records now. */
    occurredAt?: Date;
  };
}[K];

/**
 * Appends one history event. Always called with the transaction that makes
 * the change, so the change and its record commit or fail together.
 *
 * The event is chained to the latest one (lib/audit/chain.ts) under an
 * advisory lock held to the end of the caller's transaction: every write
 * transaction queues here, so call it as the last step of a use case and do
 * nothing slow (or lock-taking) after it. Needs READ COMMITTED (the
 * default): the latest event is read after the lock is granted.
 */
export async function recordEvent<K extends EventKind>(tx: Tx, event: HistoryEventInput<K>): Promise<{ id: number; hash: string }> {
  // Checked against the catalogue before the lock: a payload of the wrong shape is never stored.
  const stored = toStore(event as HistoryEventInput);
  // Hand-written statements: every write waits for this lock, and the fewer
  // and cheaper the steps while it is held, the more writes per second. The
  // database function takes the lock and then reads the head (one round trip).
  const [head] = await tx.$queryRaw<{ hash: string | null }[]>`SELECT history_chain_head() AS hash`;
  const prevHash = head?.hash ?? null;
  // Taken once the lock is ours, so that within one instance time follows the chain.
  const content = stored(event.occurredAt ?? new Date());
  const hash = eventHash(prevHash, content);
  // occurredAt goes as UTC text: timestamp(3) keeps the UTC wall time, as Prisma's own writes do.
  const [row] = await tx.$queryRaw<{ id: number }[]>`
    INSERT INTO "HistoryEvent" ("occurredAt", "actorId", "subjectType", "subjectId", "subjectVersion", kind, before, after, note, "reviewId", "recommendationId", "prevHash", hash)
    VALUES (${sqlInstant(content.occurredAt)}, ${content.actorId}, ${content.subjectType}, ${content.subjectId}, ${content.subjectVersion}::int, ${content.kind},
            ${jsonText(content.before)}::jsonb, ${jsonText(content.after)}::jsonb, ${content.note}, ${content.reviewId}, ${content.recommendationId}, ${prevHash}, ${hash})
    RETURNING id`;
  return { id: row!.id, hash };
}

/** How many events one INSERT of `recordEvents` carries. */
const EVENTS_PER_INSERT = 1000;

/**
 * Appends many history events, in order, as `recordEvent` appends one: under
 * the same lock, chained one to the next, all at the instant the lock was
 * granted. For a use case that changes thousands of records in one
 * transaction (importing a plan): one lock and one INSERT per thousand events
 * instead of two round trips each.
 */
export async function recordEvents(tx: Tx, events: readonly HistoryEventInput[]): Promise<void> {
  if (!events.length) return;
  const stored = events.map(toStore);
  const [head] = await tx.$queryRaw<{ hash: string | null }[]>`SELECT history_chain_head() AS hash`;
  let prevHash = head?.hash ?? null;
  const now = new Date();
  const rows = stored.map((content, i) => {
    const event = content(events[i]!.occurredAt ?? now);
    const hash = eventHash(prevHash, event);
    const row = { ...event, occurredAt: event.occurredAt.toISOString(), prevHash, hash };
    prevHash = hash;
    return row;
  });
  for (let start = 0; start < rows.length; start += EVENTS_PER_INSERT) {
    const chunk = JSON.stringify(rows.slice(start, start + EVENTS_PER_INSERT));
    // ORDER BY the position in the array: ids follow the chain.
    await tx.$executeRaw`
      INSERT INTO "HistoryEvent" ("occurredAt", "actorId", "subjectType", "subjectId", "subjectVersion", kind, before, after, note, "reviewId", "recommendationId", "prevHash", hash)
      SELECT (x->>'occurredAt')::timestamptz AT TIME ZONE 'UTC', x->>'actorId', x->>'subjectType', x->>'subjectId', (x->>'subjectVersion')::int, x->>'kind',
             NULLIF(x->'before', 'null'::jsonb), NULLIF(x->'after', 'null'::jsonb), x->>'note', x->>'reviewId', x->>'recommendationId', x->>'prevHash', x->>'hash'
      FROM jsonb_array_elements(${chunk}::jsonb) WITH ORDINALITY AS e(x, n)
      ORDER BY n`;
  }
}

/** An event's content as stored and hashed, given the instant it is recorded at; its payload checked against the catalogue now. */
function toStore(event: HistoryEventInput): (occurredAt: Date) => ChainContent {
  const payload = payloadToStore<EventKind>(event.kind, event.before as never, event.after as never);
  return (occurredAt) => ({
    occurredAt,
    actorId: event.actorId,
    subjectType: subjectTypeOf(event.kind),
    subjectId: event.subjectId,
    subjectVersion: event.subjectVersion ?? null,
    kind: event.kind,
    before: payload.before ?? null,
    after: payload.after ?? null,
    note: event.note ?? null,
    reviewId: event.reviewId ?? null,
    recommendationId: event.recommendationId ?? null,
  });
}

/** JSON text for a jsonb parameter, or null for SQL NULL (Prisma's create stored undefined as NULL too). */
function jsonText(value: unknown): string | null {
  return value === undefined ? null : JSON.stringify(value);
}
