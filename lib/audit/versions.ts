import 'server-only';
import type { Tx } from '@/lib/db';
import { type ConflictingChange, ConflictError, NotFoundError } from '@/lib/errors';
import { describeEvent } from './describe-event';

// The versioned records and their tables (a fixed map: never user input).
const TABLES = {
  review: 'Review',
  finding: 'Finding',
  recommendation: 'Recommendation',
  action: 'Action',
  measure: 'Measure',
  evidence: 'Evidence',
  agency: 'Agency',
  settings: 'NoticeSettings',
} as const;

// Records that are never archived (no "archivedAt"), and what a missing one is called.
const NEVER_ARCHIVED: Partial<Record<keyof typeof TABLES, string>> = { agency: 'agency', settings: 'notice rules' };

export type VersionedSubject = keyof typeof TABLES;

/**
 * Optimistic concurrency. Moves the record from the version the edit was
 * based on to the next one, locking its row for the rest of the transaction,
 * and returns the new version. If someone else saved first, nothing changes
 * and the ConflictError says what they changed, who and when.
 * Call it first in the transaction, then read the record's "before" values.
 */
export async function claimVersion(tx: Tx, type: VersionedSubject, id: string, baseVersion: number): Promise<number> {
  const table = TABLES[type];
  const live = type in NEVER_ARCHIVED ? '' : ' AND "archivedAt" IS NULL';
  const claimed = await tx.$executeRawUnsafe(
    `UPDATE "${table}" SET version = version + 1 WHERE id = $1 AND version = $2${live}`,
    id,
    baseVersion,
  );
  if (claimed === 1) return baseVersion + 1;
  const rows = await tx.$queryRawUnsafe<{ version: number }[]>(
    `SELECT version FROM "${table}" WHERE id = $1${live}`,
    id,
  );
  const current = rows[0];
  if (!current) throw new NotFoundError(NEVER_ARCHIVED[type] ?? type);
  throw await conflictSince(tx, type, id, current.version, baseVersion);
}

async function conflictSince(tx: Tx, type: VersionedSubject, id: string, currentVersion: number, baseVersion: number) {
  const events = await tx.historyEvent.findMany({
    where: { subjectType: type, subjectId: id, subjectVersion: { gt: baseVersion } },
    orderBy: { id: 'asc' },
    include: { actor: { select: { name: true } } },
  });
  const changes: ConflictingChange[] = events.map((event) => ({
    actorName: event.actor?.name ?? 'The system',
    at: event.occurredAt.toISOString(),
    description: describeEvent({ ...event, actorName: event.actor?.name ?? null }),
  }));
  return new ConflictError(changes, currentVersion);
}
