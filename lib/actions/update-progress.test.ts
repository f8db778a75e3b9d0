import { beforeEach, describe, expect, it } from 'vitest';
import { ForbiddenError } from '@/lib/auth/permissions';
import type { Actor } from '@/lib/auth/session-user';
import { db } from '@/lib/db';
import { ConflictError, NotFoundError, RuleError } from '@/lib/errors';
import { createAgency, createUser } from '@/tests/support/factories';
import { updateProgress } from './update-progress';
import { versionField } from '@/lib/reviews/review.schema';

let owner: Actor;
let otherOwner: Actor;
let reviewer: Actor;
let secondReviewer: Actor;
let viewer: Actor;
let recommendationId: string;
let actionId: string;

beforeEach(async () => {
  const agency = await createAgency();
  const other = await createAgency();
  const board = await createAgency(undefined, true);
  owner = await createUser('OWNER', agency.id);
  otherOwner = await createUser('OWNER', other.id);
  reviewer = await createUser('REVIEWER', board.id);
  secondReviewer = await createUser('REVIEWER', board.id);
  viewer = await createUser('VIEWER', board.id);
  const review = await db.review.create({
    data: { title: 'A review', kind: 'LEARNING_REVIEW', commissioningBody: 'The board', status: 'PUBLISHED' },
  });
  const recommendation = await db.recommendation.create({
    data: {
      reviewId: review.id,
      reference: 'R1',
      text: 'Train every frontline practitioner',
      ownerAgencyId: agency.id,
      originalDueDate: new Date('2030-01-31'),
      dueDate: new Date('2030-01-31'),
    },
  });
  recommendationId = recommendation.id;
  // Its one action, owned by the same agency, as the recommendation's first action is.
  const action = await db.action.create({
    data: {
      recommendationId,
      reference: '1',
      ownerAgencyId: agency.id,
      originalDueDate: new Date('2030-01-31'),
      dueDate: new Date('2030-01-31'),
    },
  });
  actionId = action.id;
});

async function snapshot() {
  const action = await db.action.findUniqueOrThrow({ where: { id: actionId } });
  const recommendation = await db.recommendation.findUniqueOrThrow({ where: { id: recommendationId } });
  const events = await db.historyEvent.count({ where: { recommendationId } });
  return {
    status: action.status,
    version: action.version,
    note: action.progressNote,
    events,
    // The recommendation follows from its action; its own version is for edits of its text.
    recommendationStatus: recommendation.status,
    recommendationVersion: recommendation.version,
  };
}

async function addEvidence(submittedById: string, assessment: 'PENDING' | 'ACCEPTED' | 'INSUFFICIENT' = 'PENDING') {
  await db.evidence.create({
    data: {
      recommendationId,
      actionId,
      title: 'Training register',
      kind: 'TRAINING_RECORD',
      url: 'https://example.test/register',
      submittedById,
      assessment,
    },
  });
}

describe('updateProgress', () => {
  it('moves the status and writes its history event in the same transaction', async () => {
    const result = await updateProgress(owner, { actionId, version: 1, status: 'IN_PROGRESS', note: 'Training booked' });
    expect(result).toEqual({ version: 2 });
    expect(await snapshot()).toEqual({
      status: 'IN_PROGRESS',
      version: 2,
      note: 'Training booked',
      events: 1,
      recommendationStatus: 'IN_PROGRESS',
      recommendationVersion: 1,
    });
    const event = await db.historyEvent.findFirstOrThrow({ where: { recommendationId } });
    expect(event).toMatchObject({
      actorId: owner.id,
      kind: 'action.status_changed',
      subjectType: 'action',
      subjectId: actionId,
      subjectVersion: 2,
      before: { status: 'NOT_STARTED' },
      after: { status: 'IN_PROGRESS' },
      note: 'Training booked',
    });
  });

  it('records a note without a status change as a progress update', async () => {
    await updateProgress(owner, { actionId, version: 1, status: 'NOT_STARTED', note: 'Planning under way' });
    const event = await db.historyEvent.findFirstOrThrow({ where: { recommendationId } });
    expect(event).toMatchObject({ kind: 'action.progress_updated', subjectId: actionId, note: 'Planning under way', subjectVersion: 2 });
  });

  it('refuses implemented without evidence, and changes nothing', async () => {
    const before = await snapshot();
    await expect(updateProgress(owner, { actionId, version: 1, status: 'IMPLEMENTED', note: 'Done' })).rejects.toThrow(
      new RuleError('Add at least one piece of evidence before marking the action as implemented', 'status'),
    );
    expect(await snapshot()).toEqual(before);
  });

  it('allows implemented with evidence, and verified only by a reviewer who accepted evidence and did not submit it', async () => {
    await addEvidence(owner.id, 'ACCEPTED');
    await updateProgress(owner, { actionId, version: 1, status: 'IMPLEMENTED', note: 'All staff trained' });
    await updateProgress(reviewer, { actionId, version: 2, status: 'VERIFIED', note: 'Register checked' });
    expect(await snapshot()).toMatchObject({ status: 'VERIFIED', recommendationStatus: 'VERIFIED' });
  });

  it('refuses verification by the reviewer who submitted evidence', async () => {
    await addEvidence(reviewer.id, 'ACCEPTED');
    await updateProgress(owner, { actionId, version: 1, status: 'IMPLEMENTED', note: 'Done' });
    const before = await snapshot();
    await expect(updateProgress(reviewer, { actionId, version: 2, status: 'VERIFIED', note: 'Verified' })).rejects.toThrow(
      /another reviewer must verify/,
    );
    expect(await snapshot()).toEqual(before);
    await updateProgress(secondReviewer, { actionId, version: 2, status: 'VERIFIED', note: 'Verified' });
  });

  it('lets a reviewer send an implemented action back, with the reason on record', async () => {
    await addEvidence(owner.id);
    await updateProgress(owner, { actionId, version: 1, status: 'IMPLEMENTED', note: 'Done' });
    await updateProgress(reviewer, { actionId, version: 2, status: 'IN_PROGRESS', note: 'Register covers one team only' });
    const latest = await db.historyEvent.findFirstOrThrow({ where: { recommendationId }, orderBy: { id: 'desc' } });
    expect(latest).toMatchObject({ actorId: reviewer.id, after: { status: 'IN_PROGRESS' }, note: 'Register covers one team only' });
  });

  it("forbids another agency's owner and a viewer, and changes nothing", async () => {
    const before = await snapshot();
    for (const actor of [otherOwner, viewer]) {
      await expect(updateProgress(actor, { actionId, version: 1, status: 'IN_PROGRESS', note: 'x' })).rejects.toBeInstanceOf(ForbiddenError);
    }
    expect(await snapshot()).toEqual(before);
  });

  it('refuses a stale edit, says who changed what, and changes nothing', async () => {
    await updateProgress(owner, { actionId, version: 1, status: 'IN_PROGRESS', note: 'Started' });
    const before = await snapshot();
    const attempt = updateProgress(reviewer, { actionId, version: 1, status: 'IMPLEMENTED', note: 'All done' });
    await expect(attempt).rejects.toBeInstanceOf(ConflictError);
    const error = (await attempt.catch((e: unknown) => e)) as ConflictError;
    expect(error.currentVersion).toBe(2);
    expect(error.changes).toHaveLength(1);
    expect(error.changes[0]!.description).toBe('Test owner changed the status of an action from Not started to In progress');
    expect(await snapshot()).toEqual(before);
  });

  it('lets exactly one of several concurrent edits of the same version win', async () => {
    const actors = [owner, reviewer, secondReviewer, owner, reviewer];
    const results = await Promise.allSettled(
      actors.map((actor, i) => updateProgress(actor, { actionId, version: 1, status: 'IN_PROGRESS', note: `Edit ${i}` })),
    );
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    const refused = results.filter((r) => r.status === 'rejected');
    expect(refused).toHaveLength(4);
    for (const r of refused) expect((r as PromiseRejectedResult).reason).toBeInstanceOf(ConflictError);
    const after = await snapshot();
    expect(after.version).toBe(2);
    expect(after.events).toBe(1);
  });
});

describe('updateProgress: moves that are not an action\'s', () => {
  it('refuses setting one action aside (a reviewer decides that on the recommendation), and changes nothing', async () => {
    const before = await snapshot();
    await expect(updateProgress(reviewer, { actionId, version: 1, status: 'NOT_ACCEPTED', note: 'Out of scope' })).rejects.toThrow(
      new RuleError('A reviewer sets the whole recommendation aside (or reopens it) on the recommendation', 'status'),
    );
    expect(await snapshot()).toEqual(before);
  });

  it('refuses an archived action, and a missing one, as not found', async () => {
    await db.action.update({ where: { id: actionId }, data: { archivedAt: new Date() } });
    await expect(updateProgress(owner, { actionId, version: 1, status: 'IN_PROGRESS', note: 'x' })).rejects.toBeInstanceOf(NotFoundError);
    await expect(updateProgress(owner, { actionId: 'no-such-action', version: 1, status: 'IN_PROGRESS', note: 'x' })).rejects.toBeInstanceOf(NotFoundError);
  });
});

describe('versionField', () => {
  it('takes a whole number from 1 to the largest PostgreSQL integer, as text or number', () => {
    expect(versionField.parse('7')).toBe(7);
    expect(versionField.parse(2_147_483_647)).toBe(2_147_483_647);
    // Larger would never match a stored version and would fail in the query (found by the Server Action fuzzing).
    for (const bad of ['2147483648', '6168081920356969', '0', '-1', '1.5', 'x']) expect(versionField.safeParse(bad).success).toBe(false);
  });
});
