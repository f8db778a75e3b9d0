import { beforeAll, describe, expect, it } from 'vitest';
import type { Actor } from '@/lib/auth/session-user';
import { createAgency, createUser } from '@/tests/support/factories';
import { createEvidence, createRecommendation, createReview } from '@/tests/support/list-factories';
import { getWorkQueue, QUEUE_LIMIT, type WorkQueue } from './get-work-queue';

// A fixed "now": 15 June 2026; "due soon" runs to 15 July.
const NOW = new Date('2026-06-15T10:00:00.000Z');
const at = (iso: string) => new Date(`${iso}Z`);

let agencyA: string;
let agencyB: string;
let ownerA: Actor;
let ownerB: Actor;
let reviewer: Actor;
let otherReviewer: Actor;
let admin: Actor;
let viewer: Actor;
const rec: Record<string, string> = {};
const ev: Record<string, string> = {};

beforeAll(async () => {
  agencyA = (await createAgency('Council A')).id;
  agencyB = (await createAgency('Police B')).id;
  const board = (await createAgency('Board', true)).id;
  ownerA = await createUser('OWNER', agencyA);
  ownerB = await createUser('OWNER', agencyB);
  reviewer = await createUser('REVIEWER', board);
  otherReviewer = await createUser('REVIEWER', board);
  admin = await createUser('ADMIN', board);
  viewer = await createUser('VIEWER', board);
  const reviewId = (await createReview({ title: 'Live review' })).id;
  const archivedReviewId = (await createReview({ title: 'Archived review', archivedAt: at('2026-01-01T00:00:00') })).id;

  const make = async (name: string, data: Omit<Parameters<typeof createRecommendation>[0], 'reviewId'> & { reviewId?: string }) => {
    rec[name] = (await createRecommendation({ reviewId, reference: name, ...data })).id;
  };
  await make('aOverdue', { ownerAgencyId: agencyA, status: 'IN_PROGRESS', dueDate: '2026-06-01' });
  await make('aOverdueMost', { ownerAgencyId: agencyA, status: 'NOT_STARTED', dueDate: '2026-05-01' });
  await make('aSoon', { ownerAgencyId: agencyA, status: 'NOT_STARTED', dueDate: '2026-07-01' });
  await make('aLater', { ownerAgencyId: agencyA, status: 'IN_PROGRESS', dueDate: '2026-12-01' });
  await make('aImplemented', { ownerAgencyId: agencyA, status: 'IMPLEMENTED', dueDate: '2026-06-30', statusChangedAt: at('2026-06-10T00:00:00') });
  await make('aVerified', { ownerAgencyId: agencyA, status: 'VERIFIED', dueDate: '2026-04-01' });
  await make('aArchived', { ownerAgencyId: agencyA, status: 'NOT_STARTED', dueDate: '2026-05-01', archivedAt: at('2026-06-01T00:00:00') });
  await make('aOfArchivedReview', { reviewId: archivedReviewId, ownerAgencyId: agencyA, status: 'NOT_STARTED', dueDate: '2026-05-01' });
  await make('bOverdue', { ownerAgencyId: agencyB, status: 'IN_PROGRESS', dueDate: '2026-06-10' });
  await make('bImplemented', { ownerAgencyId: agencyB, status: 'IMPLEMENTED', dueDate: '2026-06-30', statusChangedAt: at('2026-06-01T00:00:00') });

  const evidence = async (name: string, data: Parameters<typeof createEvidence>[0]) => {
    ev[name] = (await createEvidence({ title: name, ...data })).id;
  };
  const assessed = { assessedById: reviewer.id, assessedAt: at('2026-06-12T00:00:00') };
  await evidence('aInsufficient', { recommendationId: rec.aOverdue!, submittedById: ownerA.id, assessment: 'INSUFFICIENT', ...assessed });
  await evidence('aInsufficientClosed', { recommendationId: rec.aVerified!, submittedById: ownerA.id, assessment: 'INSUFFICIENT', ...assessed });
  await evidence('aInsufficientArchived', {
    recommendationId: rec.aOverdue!, submittedById: ownerA.id, assessment: 'INSUFFICIENT', ...assessed, archivedAt: at('2026-06-13T00:00:00'),
  });
  await evidence('bInsufficient', { recommendationId: rec.bOverdue!, submittedById: ownerB.id, assessment: 'INSUFFICIENT', ...assessed });
  await evidence('aPending', { recommendationId: rec.aImplemented!, submittedById: ownerA.id, submittedAt: at('2026-06-09T00:00:00') });
  await evidence('aAccepted', { recommendationId: rec.aImplemented!, submittedById: ownerA.id, assessment: 'ACCEPTED', ...assessed });
  // Submitted by the reviewer: someone else must assess it.
  await evidence('bPendingByReviewer', { recommendationId: rec.bImplemented!, submittedById: reviewer.id, submittedAt: at('2026-06-11T00:00:00') });
  await evidence('pendingArchived', {
    recommendationId: rec.bImplemented!, submittedById: ownerB.id, archivedAt: at('2026-06-12T00:00:00'),
  });
  await evidence('pendingOfArchivedReview', { recommendationId: rec.aOfArchivedReview!, submittedById: ownerA.id });
});

const refs = (items: { reference: string }[]) => items.map((item) => item.reference);
const titles = (items: { title: string }[]) => items.map((item) => item.title);

function expectKind<K extends WorkQueue['kind']>(queue: WorkQueue, kind: K): Extract<WorkQueue, { kind: K }> {
  expect(queue.kind).toBe(kind);
  return queue as Extract<WorkQueue, { kind: K }>;
}

describe('getWorkQueue', () => {
  it("gives an owner their own agency's open work, overdue first, with counts and insufficient evidence", async () => {
    const queue = expectKind(await getWorkQueue(ownerA, NOW), 'owner');
    expect(queue.agency).toEqual({ id: agencyA, name: 'Council A' });
    expect(queue.counts).toEqual({ total: 6, open: 4, overdue: 2, dueSoon: 1, awaitingVerification: 1, verified: 1 });
    // An owner works on actions: each recommendation here has one, "1".
    expect(refs(queue.open.items)).toEqual(['aOverdueMost.1', 'aOverdue.1', 'aSoon.1', 'aLater.1']);
    expect(queue.open.items.map((item) => [item.overdue, item.daysOverdue])).toEqual([
      [true, 45],
      [true, 14],
      [false, 0],
      [false, 0],
    ]);
    expect(queue.open.total).toBe(4);
    expect(titles(queue.insufficientEvidence.items)).toEqual(['aInsufficient']);
    expect(queue.insufficientEvidence.items[0]).toMatchObject({
      assessedBy: reviewer.name,
      submittedBy: ownerA.name,
      recommendation: { id: rec.aOverdue, reference: 'aOverdue', review: { title: 'Live review' } },
    });
    expect(queue.insufficientEvidence.total).toBe(1);
  });

  it("never shows an owner another agency's queue", async () => {
    const queueA = expectKind(await getWorkQueue(ownerA, NOW), 'owner');
    const queueB = expectKind(await getWorkQueue(ownerB, NOW), 'owner');
    const seenByA = JSON.stringify(queueA);
    for (const name of ['bOverdue', 'bImplemented']) expect(seenByA).not.toContain(rec[name]);
    for (const name of ['bInsufficient', 'bPendingByReviewer']) expect(seenByA).not.toContain(ev[name]);
    for (const item of [...queueA.open.items, ...queueA.insufficientEvidence.items.map((e) => e.recommendation)]) {
      expect(item.ownerAgency.id).toBe(agencyA);
    }

    expect(queueB.agency.id).toBe(agencyB);
    expect(queueB.counts).toEqual({ total: 2, open: 1, overdue: 1, dueSoon: 0, awaitingVerification: 1, verified: 0 });
    expect(refs(queueB.open.items)).toEqual(['bOverdue.1']);
    expect(titles(queueB.insufficientEvidence.items)).toEqual(['bInsufficient']);
    const seenByB = JSON.stringify(queueB);
    for (const id of Object.entries(rec).filter(([name]) => name.startsWith('a')).map(([, id]) => id)) expect(seenByB).not.toContain(id);
  });

  it('gives a reviewer what awaits verification, evidence to assess (not their own) and overdue work everywhere', async () => {
    const queue = expectKind(await getWorkQueue(reviewer, NOW), 'reviewer');
    expect(queue.counts).toEqual({ total: 8, open: 5, overdue: 3, dueSoon: 1, awaitingVerification: 2, verified: 1 });
    // Waiting longest first.
    expect(refs(queue.awaitingVerification.items)).toEqual(['bImplemented', 'aImplemented']);
    expect(queue.awaitingVerification.total).toBe(2);
    expect(titles(queue.pendingEvidence.items)).toEqual(['aPending']);
    expect(queue.pendingEvidence.total).toBe(1);
    expect(queue.pendingEvidence.ownSubmissions).toBe(1);
    expect(refs(queue.overdue.items)).toEqual(['aOverdueMost', 'aOverdue', 'bOverdue']);
    expect(queue.overdue.items.map((item) => item.ownerAgency.id)).toEqual([agencyA, agencyA, agencyB]);
    expect(queue.overdue.total).toBe(3);
  });

  it("shows another reviewer and an admin the evidence the first reviewer may not assess", async () => {
    for (const actor of [otherReviewer, admin]) {
      const queue = expectKind(await getWorkQueue(actor, NOW), 'reviewer');
      expect(titles(queue.pendingEvidence.items)).toEqual(['aPending', 'bPendingByReviewer']);
      expect(queue.pendingEvidence.total).toBe(2);
      expect(queue.pendingEvidence.ownSubmissions).toBe(0);
    }
  });

  it('gives a viewer partnership-wide counts and nothing else', async () => {
    const queue = await getWorkQueue(viewer, NOW);
    expect(queue).toEqual({
      kind: 'viewer',
      counts: { total: 8, open: 5, overdue: 3, dueSoon: 1, awaitingVerification: 2, verified: 1 },
    });
  });

  it('counts UK days: just after midnight in London, what was due yesterday is overdue', async () => {
    // 23:30 UTC on 1 July is 00:30 on 2 July in London: aSoon (due 1 July) is a day overdue.
    const late = new Date('2026-07-01T23:30:00.000Z');
    const queue = expectKind(await getWorkQueue(ownerA, late), 'owner');
    expect(queue.counts).toMatchObject({ open: 4, overdue: 3, dueSoon: 0 });
    expect(queue.open.items.find((item) => item.reference === 'aSoon.1')).toMatchObject({ overdue: true, daysOverdue: 1 });
    const reviewerQueue = expectKind(await getWorkQueue(reviewer, late), 'reviewer');
    expect(refs(reviewerQueue.overdue.items)).toEqual(['aOverdueMost', 'aOverdue', 'bOverdue', 'aSoon']);
  });

  it('refuses a user without read permission', async () => {
    const stranger = { ...viewer, role: 'NOBODY' } as unknown as Actor;
    await expect(getWorkQueue(stranger, NOW)).rejects.toThrow(/permission/);
  });

  // Also adds rows: after the tests that count them.
  it("gives each agency its own part of a joint recommendation, whichever agency leads it", async () => {
    const agencyD = (await createAgency('Health D')).id;
    const agencyE = (await createAgency('Probation E')).id;
    const ownerD = await createUser('OWNER', agencyD);
    const ownerE = await createUser('OWNER', agencyE);
    const reviewId = (await createReview()).id;
    const joint = await createRecommendation({
      reviewId,
      reference: 'J',
      ownerAgencyId: agencyD,
      dueDate: '2026-06-01',
      actions: [
        { reference: '1', ownerAgencyId: agencyD, status: 'VERIFIED', dueDate: '2026-03-01' },
        { reference: '2', ownerAgencyId: agencyE, status: 'IN_PROGRESS', dueDate: '2026-06-01', text: 'Train probation staff' },
      ],
    });

    const queueE = expectKind(await getWorkQueue(ownerE, NOW), 'owner');
    expect(queueE.counts).toEqual({ total: 1, open: 1, overdue: 1, dueSoon: 0, awaitingVerification: 0, verified: 0 });
    expect(queueE.open.items).toEqual([
      expect.objectContaining({
        id: joint.id,
        actionId: joint.actionIds[1],
        reference: 'J.2',
        text: 'Train probation staff',
        ownerAgency: { id: agencyE, shortName: 'Probation E' },
        status: 'IN_PROGRESS',
        overdue: true,
        daysOverdue: 14,
      }),
    ]);
    // The lead agency's part is done: nothing open for it, though the recommendation is.
    const queueD = expectKind(await getWorkQueue(ownerD, NOW), 'owner');
    expect(queueD.counts).toEqual({ total: 1, open: 0, overdue: 0, dueSoon: 0, awaitingVerification: 0, verified: 1 });
    expect(queueD.open.items).toEqual([]);
  });

  // Last: it adds rows every role's counts would see.
  it(`shows at most ${QUEUE_LIMIT} items per list, with the full count`, async () => {
    const agencyC = (await createAgency('Education C')).id;
    const ownerC = await createUser('OWNER', agencyC);
    const reviewId = (await createReview()).id;
    for (let i = 0; i < QUEUE_LIMIT + 2; i++) {
      await createRecommendation({ reviewId, ownerAgencyId: agencyC, status: 'NOT_STARTED', dueDate: '2026-03-01' });
    }
    const queueC = expectKind(await getWorkQueue(ownerC, NOW), 'owner');
    expect(queueC.open.items).toHaveLength(QUEUE_LIMIT);
    expect(queueC.open.total).toBe(QUEUE_LIMIT + 2);
    const queue = expectKind(await getWorkQueue(reviewer, NOW), 'reviewer');
    expect(queue.overdue.items).toHaveLength(QUEUE_LIMIT);
    // The joint recommendation above is overdue too.
    expect(queue.overdue.total).toBe(QUEUE_LIMIT + 2 + 3 + 1);
  });
});
