// Verifies the history's hash chain straight from PostgreSQL, a batch at a
// time (memory stays flat at a million events), with lib/audit/chain.ts's
// own eventHash: each event's prevHash is the previous event's hash and its
// hash is the SHA-256 of its content. Used after generating the data and
// after the benchmark's writes (from the last event verified before them).
import { type ChainContent, eventHash } from '@/lib/audit/chain';
import { benchPgClient } from './load';

export type ChainCheck = {
  ok: boolean;
  /** Events checked. */
  checked: number;
  fromId: number;
  lastId: number;
  lastHash: string | null;
  /** The first event that does not verify, and why. */
  problem?: { id: number; reason: string };
};

type EventRow = ChainContent & { id: number; prevHash: string | null; hash: string | null };

const BATCH = 10_000;

/**
 * Checks every event with id > `afterId` (all of them by default), given the
 * hash of the event at `afterId` (null: the chain starts here).
 */
export async function checkChain(databaseUrl: string, options: { afterId?: number; afterHash?: string | null } = {}): Promise<ChainCheck> {
  const client = benchPgClient(databaseUrl);
  await client.connect();
  const fromId = options.afterId ?? 0;
  let lastId = fromId;
  let prev = options.afterHash ?? null;
  let checked = 0;
  try {
    if (fromId > 0 && options.afterHash === undefined) {
      const { rows } = await client.query<{ hash: string | null }>(`SELECT hash FROM "HistoryEvent" WHERE id = $1`, [fromId]);
      prev = rows[0]?.hash ?? null;
    }
    for (;;) {
      const { rows } = await client.query<EventRow>(
        `SELECT id, "occurredAt", "actorId", "subjectType", "subjectId", "subjectVersion", kind, "before", "after", note,
                "reviewId", "recommendationId", "prevHash", hash
         FROM "HistoryEvent" WHERE id > $1 ORDER BY id LIMIT ${BATCH}`,
        [lastId],
      );
      if (rows.length === 0) break;
      for (const row of rows) {
        if ((row.prevHash ?? null) !== prev) {
          return { ok: false, checked, fromId, lastId, lastHash: prev, problem: { id: row.id, reason: 'prevHash is not the previous event’s hash' } };
        }
        const expected = eventHash(prev, row);
        if (row.hash !== expected) {
          return { ok: false, checked, fromId, lastId, lastHash: prev, problem: { id: row.id, reason: 'hash does not match the event’s content' } };
        }
        prev = row.hash;
        lastId = row.id;
        checked++;
      }
    }
    return { ok: true, checked, fromId, lastId, lastHash: prev };
  } finally {
    await client.end();
  }
}

/**
 * The audit engineer's own verifier (lib/audit/verify-chain.ts), when it
 * exists: its result as it gives it, or "not present".
 */
export async function appVerifyChain(databaseUrl: string): Promise<{ present: boolean; ok?: boolean; detail?: unknown }> {
  let module: Record<string, unknown>;
  try {
    module = (await import(/* @vite-ignore */ '@/lib/audit/verify-chain' as string)) as Record<string, unknown>;
  } catch {
    return { present: false };
  }
  const verify = module.verifyChain as ((db: unknown, ...rest: unknown[]) => Promise<unknown>) | undefined;
  if (typeof verify !== 'function') return { present: false };
  const { createPrismaClient } = await import('@/lib/db/client');
  const db = createPrismaClient(databaseUrl, 2);
  try {
    const detail = await verify(db);
    // Its ChainCheck says `firstBroken: null` when the chain holds (an `ok` field or a boolean would do too).
    const result = detail as { ok?: unknown; firstBroken?: unknown } | boolean | null;
    const ok =
      typeof result === 'boolean'
        ? result
        : result && typeof result === 'object'
          ? 'firstBroken' in result
            ? result.firstBroken === null
            : 'ok' in result
              ? Boolean(result.ok)
              : undefined
          : undefined;
    return { present: true, ok, detail };
  } finally {
    await db.$disconnect();
  }
}
