import { beforeAll, describe, expect, it } from 'vitest';
import { ForbiddenError } from '@/lib/auth/permissions';
import type { Actor } from '@/lib/auth/session-user';
import { db } from '@/lib/db';
import { ConflictError, NotFoundError, RuleError } from '@/lib/errors';
import { getReview } from '@/lib/reviews/get-review';
import { refusingDuplicateReference } from '@/lib/reviews/references';
import { archiveSchema } from '@/lib/reviews/review.schema';
import { createAgency, createUser } from '@/tests/support/factories';
import { createReviewer, eventsFor, makeFinding, makeRecommendation, makeReview } from '@/tests/support/review-factories';
import { archiveFinding } from './archive-finding';
import { createFindingSchema, updateFindingSchema } from './finding.schema';
import { updateFinding } from './update-finding';

let reviewer: Actor;
let owner: Actor;
let viewer: Actor;
let agencyId: string;

beforeAll(async () => {
  reviewer = await createReviewer();
  const agency = await createAgency();
  agencyId = agency.id;
  owner = await createUser('OWNER', agency.id);
  viewer = await createUser('VIEWER', agency.id);
});

const editInput = (id: string, version: number, overrides: Record<string, unknown> = {}) =>
  updateFindingSchema.parse({
    id,
    version,
    reference: 'F1',
    text: 'Concerns were not escalated.',
    theme: 'Escalation',
    severity: 'HIGH',
    ...overrides,
  });

async function expectRuleError(promise: Promise<unknown>, field: string, message: RegExp) {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(RuleError);
  expect(error).toMatchObject({ field, message: expect.stringMatching(message) });
}

describe('finding form schema', () => {
  it('asks for each missing field by name', () => {
    const result = createFindingSchema.safeParse({ reviewId: 'r', reference: 'F 1', text: '', theme: '', severity: '' });
    expect(result.error?.issues.map((issue) => [issue.path.join('.'), issue.message])).toEqual([
      ['reference', 'Reference must be a short code without spaces, for example F1'],
      ['text', 'Enter the text of the finding'],
      ['theme', 'Enter a theme, for example Escalation'],
      ['severity', 'Choose a severity'],
    ]);
  });
});

describe('createFinding', () => {
  it('creates the finding and exactly one finding.created event', async () => {
    const { id: reviewId } = await makeReview(reviewer);
    const { id } = await makeFinding(reviewer, reviewId, { reference: 'F1', theme: 'Training' });
    expect(await db.finding.findUniqueOrThrow({ where: { id } })).toMatchObject({ reviewId, reference: 'F1', theme: 'Training', version: 1 });
    const events = await eventsFor(id);
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({
      kind: 'finding.created',
      actorId: reviewer.id,
      subjectVersion: 1,
      reviewId,
      after: { reference: 'F1', text: 'Concerns were not escalated.', theme: 'Training', severity: 'HIGH' },
    });
  });

  it('refuses a reference already used in the review (whatever its case, even by an archived finding) with a field error', async () => {
    const { id: reviewId } = await makeReview(reviewer);
    const first = await makeFinding(reviewer, reviewId, { reference: 'F1' });
    const count = await db.finding.count();
    const eventCount = await db.historyEvent.count();

    await expectRuleError(makeFinding(reviewer, reviewId, { reference: 'F1' }), 'reference', /^That reference is already used in this review$/);
    await expectRuleError(makeFinding(reviewer, reviewId, { reference: 'f1' }), 'reference', /already used/);
    await archiveFinding(reviewer, archiveSchema.parse({ id: first.id, version: 1 }));
    await expectRuleError(makeFinding(reviewer, reviewId, { reference: 'F1' }), 'reference', /by an archived finding/);

    expect(await db.finding.count()).toBe(count);
    expect(await db.historyEvent.count()).toBe(eventCount + 1); // the archive only
  });

  it('turns the unique index refusing a duplicate (two saves racing past the check) into the same field error', async () => {
    const { id: reviewId } = await makeReview(reviewer);
    await makeFinding(reviewer, reviewId, { reference: 'F1' });
    const race = refusingDuplicateReference(() =>
      db.finding.create({ data: { reviewId, reference: 'F1', text: 'Raced', theme: 'Training', severity: 'LOW' } }),
    );
    await expectRuleError(race, 'reference', /^That reference is already used in this review$/);
  });

  it('allows the same reference in another review', async () => {
    const a = await makeReview(reviewer);
    const b = await makeReview(reviewer);
    await makeFinding(reviewer, a.id, { reference: 'F1' });
    await expect(makeFinding(reviewer, b.id, { reference: 'F1' })).resolves.toMatchObject({ reviewId: b.id });
  });

  it('refuses owners and viewers, and creates nothing', async () => {
    const { id: reviewId } = await makeReview(reviewer);
    for (const actor of [owner, viewer]) await expect(makeFinding(actor, reviewId)).rejects.toBeInstanceOf(ForbiddenError);
    expect(await db.finding.count({ where: { reviewId } })).toBe(0);
  });
});

describe('updateFinding', () => {
  it('records exactly one finding.updated event with only the changed fields', async () => {
    const { id: reviewId } = await makeReview(reviewer);
    const { id } = await makeFinding(reviewer, reviewId);
    const result = await updateFinding(reviewer, editInput(id, 1, { reference: 'F2', severity: 'CRITICAL' }));
    expect(result).toEqual({ id, version: 2 });
    expect(await db.finding.findUniqueOrThrow({ where: { id } })).toMatchObject({ reference: 'F2', severity: 'CRITICAL', version: 2 });
    const events = await eventsFor(id);
    expect(events.map((e) => e.kind)).toEqual(['finding.created', 'finding.updated']);
    expect(events[1]).toMatchObject({
      actorId: reviewer.id,
      subjectVersion: 2,
      reviewId,
      before: { reference: 'F1', severity: 'HIGH' },
      after: { reference: 'F2', severity: 'CRITICAL' },
    });
  });

  it('refuses a reference another finding of the review uses, and changes nothing', async () => {
    const { id: reviewId } = await makeReview(reviewer);
    await makeFinding(reviewer, reviewId, { reference: 'F1' });
    const { id } = await makeFinding(reviewer, reviewId, { reference: 'F2' });
    const row = await db.finding.findUniqueOrThrow({ where: { id } });
    await expectRuleError(updateFinding(reviewer, editInput(id, 1, { reference: 'F1', text: 'New text' })), 'reference', /already used/);
    expect(await db.finding.findUniqueOrThrow({ where: { id } })).toEqual(row);
    expect(await eventsFor(id)).toHaveLength(1);
  });

  it('refuses a stale version with a ConflictError, and changes nothing', async () => {
    const { id: reviewId } = await makeReview(reviewer);
    const { id } = await makeFinding(reviewer, reviewId);
    await updateFinding(reviewer, editInput(id, 1, { text: 'First edit' }));
    const row = await db.finding.findUniqueOrThrow({ where: { id } });
    await expect(updateFinding(reviewer, editInput(id, 1, { text: 'Second edit' }))).rejects.toBeInstanceOf(ConflictError);
    expect(await db.finding.findUniqueOrThrow({ where: { id } })).toEqual(row);
    expect(await eventsFor(id)).toHaveLength(2);
  });

  it('refuses owners and viewers, and changes nothing', async () => {
    const { id: reviewId } = await makeReview(reviewer);
    const { id } = await makeFinding(reviewer, reviewId);
    const row = await db.finding.findUniqueOrThrow({ where: { id } });
    for (const actor of [owner, viewer]) {
      await expect(updateFinding(actor, editInput(id, 1, { text: 'Changed' }))).rejects.toBeInstanceOf(ForbiddenError);
      await expect(archiveFinding(actor, archiveSchema.parse({ id, version: 1 }))).rejects.toBeInstanceOf(ForbiddenError);
    }
    expect(await db.finding.findUniqueOrThrow({ where: { id } })).toEqual(row);
    expect(await eventsFor(id)).toHaveLength(1);
  });
});

describe('archiveFinding', () => {
  it('hides the finding from its review, keeps the row and its links, and records the event', async () => {
    const { id: reviewId } = await makeReview(reviewer);
    const f1 = await makeFinding(reviewer, reviewId, { reference: 'F1' });
    const f2 = await makeFinding(reviewer, reviewId, { reference: 'F2' });
    const recommendation = await makeRecommendation(reviewer, reviewId, { findingIds: [f1.id, f2.id], ownerAgencyId: agencyId });

    await archiveFinding(reviewer, archiveSchema.parse({ id: f1.id, version: 1, archiveReason: 'Duplicate of F2' }));

    const review = await getReview(reviewer, reviewId);
    expect(review.findings.map((f) => f.reference)).toEqual(['F2']);
    expect(review.recommendations[0]!.findings.map((f) => f.reference)).toEqual(['F2']);
    const row = await db.finding.findUniqueOrThrow({ where: { id: f1.id }, include: { recommendations: { select: { id: true } } } });
    expect(row.archivedAt).toBeInstanceOf(Date);
    expect(row.recommendations).toEqual([{ id: recommendation.id }]);
    const events = await eventsFor(f1.id);
    expect(events.map((e) => e.kind)).toEqual(['finding.created', 'finding.archived']);
    expect(events[1]).toMatchObject({ actorId: reviewer.id, subjectVersion: 2, note: 'Duplicate of F2', reviewId });
    await expect(updateFinding(reviewer, editInput(f1.id, 2))).rejects.toBeInstanceOf(NotFoundError);
  });
});
