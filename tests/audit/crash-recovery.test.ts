// Issue 5, item 7: kill the process that writes (SIGKILL: no clean-up, no
// goodbye to the database) at a random moment during a stream of real writes,
// many times. After each kill every write it reported as committed is in the
// database with its history event, nothing is half-written (each record's
// version is accounted for by its events), and the hash chain verifies.
import { type ChildProcess, spawn } from 'node:child_process';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { beforeAll, describe, expect, it } from 'vitest';
import { verifyChain } from '@/lib/audit/verify-chain';
import type { Actor } from '@/lib/auth/session-user';
import { db } from '@/lib/db';
import { createAgency, createUser } from '@/tests/support/factories';
import { unchainedEvents } from './support/chain-checks';
import type { WriteLine, WriteStreamConfig } from './support/write-stream';

const root = path.resolve(import.meta.dirname, '../..');
const WRITERS = 4;
const MAX_ROUNDS = 15;
/** Rounds stop starting after this, so that the file stays well under a minute on a small machine. */
const BUDGET_MS = 35_000;

let actor: Actor;
let targets: WriteStreamConfig['targets'];

beforeAll(async () => {
  const agency = await createAgency();
  actor = await createUser('OWNER', agency.id);
  const review = await db.review.create({
    data: { title: 'A review', kind: 'LEARNING_REVIEW', commissioningBody: 'The board', status: 'PUBLISHED' },
  });
  targets = [];
  for (let i = 0; i < WRITERS; i++) {
    const recommendation = await db.recommendation.create({
      data: {
        reviewId: review.id,
        reference: `R${i + 1}`,
        text: `Recommendation ${i + 1}`,
        ownerAgencyId: agency.id,
        originalDueDate: new Date('2030-01-31'),
        dueDate: new Date('2030-01-31'),
      },
    });
    const action = await db.action.create({
      data: { recommendationId: recommendation.id, reference: '1', ownerAgencyId: agency.id, originalDueDate: recommendation.originalDueDate, dueDate: recommendation.dueDate },
    });
    const measure = await db.measure.create({ data: { recommendationId: recommendation.id, actionId: action.id, name: 'Staff trained', target: 100 } });
    targets.push({ recommendationId: recommendation.id, actionId: action.id, measureId: measure.id });
  }
});

type Round = { lines: WriteLine[]; writingMs: number; stderr: string; signal: NodeJS.Signals | null };

/** Starts the writer, lets it write for 50-500 ms, and kills it with SIGKILL. */
async function writeThenKill(round: number): Promise<Round> {
  const config: WriteStreamConfig = { round, actor, targets };
  // Plain node with tsx as a loader: one process, so the SIGKILL hits the writer itself.
  const child: ChildProcess = spawn(
    process.execPath,
    ['--conditions=react-server', '--import', 'tsx', 'tests/audit/support/write-stream.ts', JSON.stringify(config)],
    { cwd: root, env: { ...process.env, DATABASE_URL: process.env.DATABASE_URL }, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  const lines: WriteLine[] = [];
  let stderr = '';
  child.stderr!.on('data', (chunk) => (stderr += chunk));
  const exited = new Promise<NodeJS.Signals | null>((resolve) => child.on('exit', (_code, signal) => resolve(signal)));
  let writingSince = 0;
  let killedAt = 0;
  const ready = new Promise<void>((resolve, reject) => {
    createInterface({ input: child.stdout! }).on('line', (text) => {
      const line = JSON.parse(text) as WriteLine;
      lines.push(line);
      if (line.type === 'ready') {
        writingSince = performance.now();
        resolve();
      }
    });
    exited.then(() => reject(new Error(`The writer exited before it was ready:\n${stderr}`)));
  });
  const startTimeout = setTimeout(() => child.kill('SIGKILL'), 20_000);
  try {
    await ready;
    await new Promise((resolve) => setTimeout(resolve, 50 + Math.random() * 450));
    killedAt = performance.now();
    child.kill('SIGKILL');
    const signal = await exited;
    // Lines it wrote before dying are still in the pipe: wait for the end of its stdout.
    await new Promise<void>((resolve) => (child.stdout!.readableEnded ? resolve() : child.stdout!.on('end', resolve)));
    return { lines, writingMs: killedAt - writingSince, stderr, signal };
  } finally {
    clearTimeout(startTimeout);
    child.kill('SIGKILL');
  }
}

/**
 * The killed writer's connections: PostgreSQL rolls back whatever each had
 * open when it notices the client is gone. Wait until no session but ours is
 * in a transaction or running a query (the test's own pool sits idle), as a
 * restarted app would find the database, so that the checks see the end state.
 */
async function waitForOrphanedSessions() {
  for (let i = 0; i < 400; i++) {
    const [row] = await db.$queryRawUnsafe<{ busy: number }[]>(
      `SELECT count(*)::int AS busy FROM pg_stat_activity
       WHERE datname = current_database() AND pid <> pg_backend_pid() AND backend_type = 'client backend' AND state <> 'idle'`,
    );
    if (row?.busy === 0) return;
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
  throw new Error('The killed writer’s database sessions did not end');
}

async function checkEverythingCommittedIsThere(lines: WriteLine[]) {
  for (const line of lines) {
    if (line.type !== 'committed') continue;
    switch (line.op) {
      case 'progress':
        expect(
          await db.historyEvent.count({
            where: { subjectType: 'action', subjectId: line.actionId, subjectVersion: line.version, kind: 'action.progress_updated', note: line.note },
          }),
          `${line.note} has its event`,
        ).toBe(1);
        break;
      case 'measure':
        expect(
          await db.historyEvent.count({ where: { subjectType: 'measure', subjectId: line.measureId, subjectVersion: line.version, kind: 'measure.updated', note: line.note } }),
          `${line.note} has its event`,
        ).toBe(1);
        break;
      case 'comment':
        expect(await db.comment.findUnique({ where: { id: line.commentId }, select: { body: true } })).toEqual({ body: line.body });
        expect(await db.historyEvent.count({ where: { subjectType: 'comment', subjectId: line.commentId, kind: 'comment.added' } })).toBe(1);
        break;
    }
  }
}

/** Nothing half-written: every record's state is exactly what its events say. */
async function checkStateMatchesHistory() {
  for (const { recommendationId, actionId, measureId } of targets) {
    const action = await db.action.findUniqueOrThrow({ where: { id: actionId } });
    const events = await db.historyEvent.findMany({
      where: { subjectType: 'action', subjectId: actionId, subjectVersion: { not: null } },
      orderBy: { id: 'asc' },
    });
    // Created at version 1 without an event; each versioned event moved it on by exactly one.
    expect(action.version).toBe(1 + events.length);
    expect(events.map((e) => e.subjectVersion)).toEqual(events.map((_, i) => i + 2));
    if (events.length) expect(action.progressNote).toBe(events.at(-1)!.note);
    // No write touched the recommendation's own version (its text was never edited).
    expect((await db.recommendation.findUniqueOrThrow({ where: { id: recommendationId } })).version).toBe(1);

    const measure = await db.measure.findUniqueOrThrow({ where: { id: measureId } });
    const measureEvents = await db.historyEvent.findMany({ where: { subjectType: 'measure', subjectId: measureId }, orderBy: { id: 'asc' } });
    expect(measure.version).toBe(1 + measureEvents.length);
    expect(measureEvents.map((e) => e.subjectVersion)).toEqual(measureEvents.map((_, i) => i + 2));
    if (measureEvents.length) expect(measure.currentValue.toNumber()).toBe((measureEvents.at(-1)!.after as { currentValue: number }).currentValue);

    const comments = await db.comment.findMany({ where: { recommendationId }, select: { id: true } });
    const commentEvents = await db.historyEvent.findMany({ where: { kind: 'comment.added', recommendationId }, select: { subjectId: true } });
    expect(commentEvents.map((e) => e.subjectId).sort()).toEqual(comments.map((c) => c.id).sort());
  }
}

describe('killing the writing process', () => {
  it(
    'leaves every committed change with its history event and the chain intact, kill after kill',
    { timeout: 90_000 },
    async () => {
      const started = performance.now();
      const figures = { rounds: 0, committed: 0, cutShort: 0, unreported: 0, writingMs: 0 };
      for (let round = 0; round < MAX_ROUNDS && performance.now() - started < BUDGET_MS; round++) {
        const eventsBefore = await db.historyEvent.count();
        const { lines, writingMs, stderr, signal } = await writeThenKill(round);
        expect(signal, stderr).toBe('SIGKILL');
        expect(stderr).toBe('');
        await waitForOrphanedSessions();

        const committed = lines.filter((l) => l.type === 'committed').length;
        const startedWrites = lines.filter((l) => l.type === 'start').length;
        const eventsAdded = (await db.historyEvent.count()) - eventsBefore;
        // Every reported write is there; a write may also have committed as the kill landed, unreported.
        expect(eventsAdded).toBeGreaterThanOrEqual(committed);
        expect(eventsAdded).toBeLessThanOrEqual(startedWrites);
        await checkEverythingCommittedIsThere(lines);
        await checkStateMatchesHistory();
        expect(await unchainedEvents()).toBe(0);
        const chain = await verifyChain(db);
        expect(chain.firstBroken).toBeNull();
        expect(chain.checked).toBe(await db.historyEvent.count());

        figures.rounds++;
        figures.committed += committed;
        figures.cutShort += startedWrites - committed;
        figures.unreported += eventsAdded - committed;
        figures.writingMs += writingMs;
      }
      // Enough rounds ran, writes were under way at the kills, and the writer got real work done.
      expect(figures.rounds).toBeGreaterThanOrEqual(8);
      expect(figures.committed).toBeGreaterThan(figures.rounds);
      expect(figures.cutShort).toBeGreaterThan(0);
      console.log(
        `SIGKILL test: ${figures.rounds} rounds, ${figures.committed} committed writes reported and found, ` +
          `${figures.cutShort} writes cut short by the kill (${figures.unreported} of them had committed unreported), ` +
          `${Math.round((figures.committed / figures.writingMs) * 1000)} writes/s by ${WRITERS} concurrent loops, in ${((performance.now() - started) / 1000).toFixed(1)} s`,
      );
    },
  );
});
