import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import { db } from '@/lib/db';
import { createPrismaClient } from '@/lib/db/client';

const root = path.resolve(import.meta.dirname, '../../..');
export const TSX = path.join(root, 'node_modules/.bin/tsx');

/**
 * The test database as its superuser: someone with the database itself, not
 * the app (which connects as a role that may only INSERT and SELECT the history).
 */
export const superuser = createPrismaClient(process.env.TEST_SUPERUSER_DATABASE_URL!, 2);

/**
 * What only a superuser (or the tables' owner) can do: switch the append-only
 * trigger off for one change "behind the app's back", and on again.
 */
export async function behindTheAppsBack(sql: string, ...params: unknown[]) {
  await superuser.$executeRawUnsafe('ALTER TABLE "HistoryEvent" DISABLE TRIGGER history_event_no_update_or_delete');
  try {
    return await superuser.$executeRawUnsafe(sql, ...params);
  } finally {
    await superuser.$executeRawUnsafe('ALTER TABLE "HistoryEvent" ENABLE TRIGGER history_event_no_update_or_delete');
  }
}

/** Runs `npm run audit:verify` (its script, without npm) on this test file's database. */
export async function runAuditVerify(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await promisify(execFile)(TSX, ['--conditions=react-server', 'scripts/audit-verify.ts', ...args], {
      cwd: root,
      env: { ...process.env, DATABASE_URL: process.env.DATABASE_URL },
      timeout: 60_000,
    });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const failed = error as { code?: number; stdout?: string; stderr?: string };
    if (typeof failed.code !== 'number') throw error;
    return { code: failed.code, stdout: failed.stdout ?? '', stderr: failed.stderr ?? '' };
  }
}

/** Every event carries a hash and a link (only the very first links to nothing). */
export async function unchainedEvents() {
  return db.historyEvent.count({ where: { OR: [{ hash: null }, { prevHash: null, id: { gt: (await firstEventId()) ?? 0 } }] } });
}

async function firstEventId() {
  return (await db.historyEvent.findFirst({ orderBy: { id: 'asc' }, select: { id: true } }))?.id;
}
