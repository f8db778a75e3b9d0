// Issue 5, item 7: K people save a status update to one recommendation's action
// at the same moment, all based on the version they saw. Exactly one wins; the others
// are told of the conflict; nothing is lost or half-written; the hash chain,
// appended to under its advisory lock, stays intact.
import { describe, expect, it } from 'vitest';
import { recordEvent } from '@/lib/audit/record-event';
import { verifyChain } from '@/lib/audit/verify-chain';
import type { Actor } from '@/lib/auth/session-user';
import { createPrismaClient, db } from '@/lib/db';
import { ConflictError } from '@/lib/errors';
import { updateProgress } from '@/lib/actions/update-progress';
import { createAgency, createUser } from '@/tests/support/factories';
import { unchainedEvents } from './support/chain-checks';

const K = 20;

/** Recommendations, each with its one action: returns the actions' ids (status updates are made on actions). */
async function createRecommendations(count: number, ownerAgencyId: string) {
  const review = await db.review.create({
    data: { title: 'A review', kind: 'LEARNING_REVIEW', commissioningBody: 'The board', status: 'PUBLISHED' },
  });
  const ids: string[] = [];
  for (let i = 0; i < count; i++) {
    const recommendation = await db.recommendation.create({
      data: {
        reviewId: review.id,
        reference: `R${i + 1}`,
        text: `Recommendation ${i + 1}`,
        ownerAgencyId,
        originalDueDate: new Date('2030-01-31'),
        dueDate: new Date('2030-01-31'),
      },
    });
    const action = await db.action.create({
      data: {
        recommendationId: recommendation.id,
        reference: '1',
        ownerAgencyId,
        originalDueDate: recommendation.originalDueDate,
        dueDate: recommendation.dueDate,
      },
    });
    ids.push(action.id);
  }
  return ids;
}

async function people() {
  const agency = await createAgency();
  const board = await createAgency(undefined, true);
  const actors: Actor[] = [];
  // Owners of the agency and reviewers of the board, alternately: all may make this move.
  for (let i = 0; i < K; i++) actors.push(await createUser(i % 2 === 0 ? 'OWNER' : 'REVIEWER', i % 2 === 0 ? agency.id : board.id));
  return { agency, actors };
}

describe('concurrent edits', () => {
  it(`lets exactly one of ${K} simultaneous status updates from different people win, and loses nothing`, async () => {
    const { agency, actors } = await people();
    const [actionId] = await createRecommendations(1, agency.id);
    const { recommendationId } = await db.action.findUniqueOrThrow({ where: { id: actionId } });
    const eventsBefore = await db.historyEvent.count();

    const results = await Promise.allSettled(
      actors.map((actor, i) =>
        updateProgress(actor, { actionId: actionId!, version: 1, status: 'IN_PROGRESS', note: `Update from person ${i}` }),
      ),
    );

    const won = results.flatMap((r, i) => (r.status === 'fulfilled' ? [{ i, value: r.value }] : []));
    const refused = results.flatMap((r) => (r.status === 'rejected' ? [r.reason as unknown] : []));
    expect(won).toHaveLength(1);
    expect(won[0]!.value).toEqual({ version: 2 });
    expect(refused).toHaveLength(K - 1);
    const winner = actors[won[0]!.i]!;
    for (const reason of refused) {
      // Each is told who saved first, what they changed and the version to base a retry on.
      expect(reason).toBeInstanceOf(ConflictError);
      const conflict = reason as ConflictError;
      expect(conflict.currentVersion).toBe(2);
      expect(conflict.changes).toHaveLength(1);
      expect(conflict.changes[0]!.actorName).toBe(winner.name);
    }

    // The winner's change, whole, and its one event; no trace of the refused attempts.
    const action = await db.action.findUniqueOrThrow({ where: { id: actionId } });
    expect(action).toMatchObject({ version: 2, status: 'IN_PROGRESS', progressNote: `Update from person ${won[0]!.i}` });
    // The recommendation rolled up once, from the winner's change.
    expect(await db.recommendation.findUniqueOrThrow({ where: { id: recommendationId } })).toMatchObject({ status: 'IN_PROGRESS', version: 1 });
    const events = await db.historyEvent.findMany({ where: { recommendationId } });
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({ actorId: winner.id, subjectVersion: 2, note: `Update from person ${won[0]!.i}`, after: { status: 'IN_PROGRESS' } });
    expect(await db.historyEvent.count()).toBe(eventsBefore + 1);
    expect(await unchainedEvents()).toBe(0);
    expect((await verifyChain(db)).firstBroken).toBeNull();

    // The losers retry on what they now know: every retry is refused or applied, never lost.
    const retry = await updateProgress(actors[(won[0]!.i + 1) % K]!, { actionId: actionId!, version: 2, status: 'IN_PROGRESS', note: 'Seen it' });
    expect(retry).toEqual({ version: 3 });
  });

  it("applies many simultaneous updates to different recommendations' actions, each once, in one unbroken chain", async () => {
    const { agency, actors } = await people();
    const count = 60;
    const ids = await createRecommendations(count, agency.id);
    const eventsBefore = await db.historyEvent.count();

    // Three rounds of all 60 at once, each round based on the version the previous one returned.
    const versions = new Map(ids.map((id) => [id, 1]));
    for (let round = 0; round < 3; round++) {
      const results = await Promise.all(
        ids.map((id, i) =>
          updateProgress(actors[i % K]!, { actionId: id, version: versions.get(id)!, status: 'IN_PROGRESS', note: `Round ${round}, recommendation ${i}` }),
        ),
      );
      results.forEach((result, i) => versions.set(ids[i]!, result.version));
    }

    for (const id of ids) expect(versions.get(id)).toBe(4);
    const rows = await db.action.findMany({ where: { id: { in: ids } }, select: { id: true, version: true } });
    expect(rows).toHaveLength(count);
    expect(rows.every((row) => row.version === 4)).toBe(true);
    const events = await db.historyEvent.findMany({ where: { subjectId: { in: ids } }, orderBy: { id: 'asc' } });
    expect(events).toHaveLength(count * 3);
    for (const id of ids) {
      expect(events.filter((e) => e.subjectId === id).map((e) => e.subjectVersion)).toEqual([2, 3, 4]);
    }
    // Under the advisory lock, chain order is id order: each event links to the one with the id before it.
    const all = await db.historyEvent.findMany({ where: { id: { gt: 0 } }, orderBy: { id: 'asc' }, select: { id: true, prevHash: true, hash: true } });
    for (let i = 1; i < all.length; i++) expect(all[i]!.prevHash).toBe(all[i - 1]!.hash);
    expect(await db.historyEvent.count()).toBe(eventsBefore + count * 3);
    expect(await verifyChain(db)).toMatchObject({ checked: eventsBefore + count * 3, firstBroken: null });
  });

  it(`applies ${K} simultaneous updates to the ${K} actions of one recommendation, each once, and rolls the recommendation up from all of them`, async () => {
    const { agency, actors } = await people();
    const [firstActionId] = await createRecommendations(1, agency.id);
    const { recommendationId, dueDate } = await db.action.findUniqueOrThrow({ where: { id: firstActionId } });
    const actionIds = [firstActionId!];
    for (let i = 2; i <= K; i++) {
      actionIds.push((await db.action.create({ data: { recommendationId, reference: String(i), ownerAgencyId: agency.id, originalDueDate: dueDate, dueDate } })).id);
    }
    const eventsBefore = await db.historyEvent.count();

    const results = await Promise.all(
      actionIds.map((actionId, i) => updateProgress(actors[i]!, { actionId, version: 1, status: 'IN_PROGRESS', note: `Action ${i + 1} started` })),
    );
    expect(results).toEqual(actionIds.map(() => ({ version: 2 })));
    const actions = await db.action.findMany({ where: { recommendationId } });
    expect(actions.every((action) => action.status === 'IN_PROGRESS' && action.version === 2)).toBe(true);
    // The recommendation's rolled-up values come from every action, whichever committed last.
    const recommendation = await db.recommendation.findUniqueOrThrow({ where: { id: recommendationId } });
    expect(recommendation).toMatchObject({ status: 'IN_PROGRESS', version: 1 });
    expect.soft(recommendation.lastProgressAt.getTime()).toBe(Math.max(...actions.map((action) => action.lastProgressAt.getTime())));
    expect(await db.historyEvent.count({ where: { recommendationId, kind: 'action.status_changed' } })).toBe(K);
    expect(await db.historyEvent.count()).toBe(eventsBefore + K);

    // Then every action implemented at once: the recommendation is implemented, whichever action committed last.
    for (const actionId of actionIds) {
      await db.evidence.create({ data: { recommendationId, actionId, title: 'Register', kind: 'TRAINING_RECORD', url: 'https://example.test/r', submittedById: actors[0]!.id } });
    }
    await Promise.all(actionIds.map((actionId, i) => updateProgress(actors[i]!, { actionId, version: 2, status: 'IMPLEMENTED', note: `Action ${i + 1} done` })));
    expect(await db.recommendation.findUniqueOrThrow({ where: { id: recommendationId } })).toMatchObject({ status: 'IMPLEMENTED', version: 1 });
    expect(await db.historyEvent.count()).toBe(eventsBefore + 2 * K);
    expect(await unchainedEvents()).toBe(0);
    expect((await verifyChain(db)).firstBroken).toBeNull();
  });

  it('keeps one chain when several app instances (connection pools) append at once', async () => {
    const instances = Array.from({ length: 4 }, () => createPrismaClient(process.env.DATABASE_URL!, 5));
    try {
      const eventsBefore = await db.historyEvent.count();
      const perInstance = 50;
      await Promise.all(
        instances.flatMap((instance, n) =>
          Array.from({ length: perInstance }, (_, i) =>
            instance.$transaction(async (tx) => {
              // Some work before the event, as a use case does, so that transactions overlap.
              await tx.$executeRawUnsafe('SELECT pg_sleep(0.001)');
              await recordEvent(tx, { actorId: null, kind: 'review.updated', subjectId: `instance-${n}`, before: { summary: '' }, after: { summary: `Write ${i}` }, note: `Write ${i}` });
            }, { maxWait: 30_000, timeout: 30_000 }),
          ),
        ),
      );
      expect(await db.historyEvent.count()).toBe(eventsBefore + instances.length * perInstance);
      expect(await unchainedEvents()).toBe(0);
      expect(await verifyChain(db)).toMatchObject({ checked: eventsBefore + instances.length * perInstance, firstBroken: null });
    } finally {
      await Promise.all(instances.map((instance) => instance.$disconnect()));
    }
  });
});
