import { beforeAll, describe, expect, it, vi } from 'vitest';
import { failingHistory } from '@/tests/support/failing-history';
import { ForbiddenError } from '@/lib/auth/permissions';
import type { Actor } from '@/lib/auth/session-user';
import { db } from '@/lib/db';
import { ConflictError, NotFoundError } from '@/lib/errors';
import { createAgency, createUser } from '@/tests/support/factories';
import { createReviewer, eventsFor, makeFinding, makeRecommendation, makeReview } from '@/tests/support/review-factories';
import { archiveReview } from './archive-review';
import { getReview } from './get-review';
import { archiveSchema, createReviewSchema, updateReviewSchema } from './review.schema';
import { updateReview } from './update-review';
import { createAction } from '@/lib/actions/create-action';
import { createActionSchema } from '@/lib/actions/action.schema';

// The history write made to fail on demand (tests/support/failing-history.ts).
vi.mock('@/lib/audit/record-event', async (original) => (await import('@/tests/support/failing-history')).failingRecordEvent(original));

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
  updateReviewSchema.parse({
    id,
    version,
    title: 'Edited title',
    kind: 'SERIOUS_CASE_REVIEW',
    commissioningBody: 'Local Safeguarding Children Board',
    periodStart: '2008-01-01',
    periodEnd: '2010-12-31',
    publishedOn: '2012-09-27',
    status: 'PUBLISHED',
    summary: 'What the review found.',
    sourceUrl: 'https://example.test/review',
    ...overrides,
  });

describe('review form schema', () => {
  it('turns date inputs into dates, blanks into nulls, and parses its own output the same way', () => {
    const parsed = createReviewSchema.parse({
      title: ' Thematic review ',
      kind: 'THEMATIC_REVIEW',
      commissioningBody: 'Board',
      periodStart: '2008-01-01',
      periodEnd: '',
      publishedOn: '',
      status: 'PLANNED',
      summary: '',
      sourceUrl: '',
    });
    expect(parsed).toMatchObject({ title: 'Thematic review', periodStart: new Date('2008-01-01T00:00:00Z'), periodEnd: null, sourceUrl: null });
    expect(createReviewSchema.parse(parsed)).toEqual(parsed);
  });

  it('gives every bad field its own message', () => {
    const result = createReviewSchema.safeParse({
      title: '',
      kind: '',
      commissioningBody: 'Board',
      periodStart: '2010-01-01',
      periodEnd: '2009-12-31',
      publishedOn: '2012-02-30',
      status: 'PUBLISHED',
      summary: '',
      sourceUrl: 'ftp://example.test/file',
    });
    expect(result.success).toBe(false);
    const byField = Object.fromEntries(result.error!.issues.map((issue) => [issue.path.join('.'), issue.message]));
    expect(byField).toEqual({
      title: 'Enter the title of the review',
      kind: 'Choose the kind of review',
      publishedOn: 'Enter a real publication date, or leave it blank',
      sourceUrl: 'Enter a source link starting with https:// or http://',
    });
    const period = createReviewSchema.safeParse({ ...editInput('x', 1), periodStart: '2010-01-01', periodEnd: '2009-12-31' });
    expect(period.error?.issues).toEqual([expect.objectContaining({ path: ['periodEnd'] })]);
  });
});

describe('createReview', () => {
  it('creates the review and exactly one review.created event with its values', async () => {
    const { id } = await makeReview(reviewer, { title: 'Rochdale CSE review' });
    const review = await db.review.findUniqueOrThrow({ where: { id } });
    expect(review).toMatchObject({ title: 'Rochdale CSE review', version: 1, publishedOn: new Date('2012-09-27T00:00:00Z') });
    const events = await eventsFor(id);
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({
      kind: 'review.created',
      subjectType: 'review',
      actorId: reviewer.id,
      subjectVersion: 1,
      reviewId: id,
      before: null,
      after: expect.objectContaining({ title: 'Rochdale CSE review', kind: 'SERIOUS_CASE_REVIEW', publishedOn: '2012-09-27T00:00:00.000Z' }),
    });
  });

  it('writes the review and its event in one transaction: if the event fails, there is no review', async () => {
    const before = await db.review.count();
    failingHistory.events = true;
    try {
      await expect(makeReview(reviewer, { title: 'Never saved' })).rejects.toThrow('history write failed');
    } finally {
      failingHistory.events = false;
    }
    expect(await db.review.count()).toBe(before);
  });

  it('refuses owners and viewers, and creates nothing', async () => {
    const before = await db.review.count();
    for (const actor of [owner, viewer]) await expect(makeReview(actor)).rejects.toBeInstanceOf(ForbiddenError);
    expect(await db.review.count()).toBe(before);
  });
});

describe('updateReview', () => {
  it('records exactly one review.updated event with only the changed fields', async () => {
    const { id } = await makeReview(reviewer, { title: 'Original title' });
    const result = await updateReview(reviewer, editInput(id, 1, { title: 'Edited title', periodEnd: '2011-06-30', sourceUrl: '' }));
    expect(result).toEqual({ id, version: 2 });
    expect(await db.review.findUniqueOrThrow({ where: { id } })).toMatchObject({
      title: 'Edited title',
      periodEnd: new Date('2011-06-30T00:00:00Z'),
      sourceUrl: null,
      version: 2,
    });
    const events = await eventsFor(id);
    expect(events.map((e) => e.kind)).toEqual(['review.created', 'review.updated']);
    expect(events[1]).toMatchObject({
      actorId: reviewer.id,
      subjectVersion: 2,
      before: { title: 'Original title', periodEnd: '2010-12-31T00:00:00.000Z', sourceUrl: 'https://example.test/review' },
      after: { title: 'Edited title', periodEnd: '2011-06-30T00:00:00.000Z', sourceUrl: null },
    });
  });

  it('changes nothing, not even the version, when nothing was changed', async () => {
    const { id } = await makeReview(reviewer, { title: 'Edited title' });
    expect(await updateReview(reviewer, editInput(id, 1))).toEqual({ id, version: 1 });
    expect((await db.review.findUniqueOrThrow({ where: { id } })).version).toBe(1);
    expect(await eventsFor(id)).toHaveLength(1);
  });

  it('refuses a stale version with a ConflictError that says what changed, and changes nothing', async () => {
    const { id } = await makeReview(reviewer, { title: 'Original title' });
    await updateReview(reviewer, editInput(id, 1, { title: 'First edit' }));
    const row = await db.review.findUniqueOrThrow({ where: { id } });

    const stale = updateReview(reviewer, editInput(id, 1, { title: 'Second edit' }));
    await expect(stale).rejects.toBeInstanceOf(ConflictError);
    const error = (await stale.catch((e: unknown) => e)) as ConflictError;
    expect(error.currentVersion).toBe(2);
    expect(error.changes).toEqual([expect.objectContaining({ actorName: reviewer.name, description: expect.stringContaining('First edit') })]);
    expect(await db.review.findUniqueOrThrow({ where: { id } })).toEqual(row);
    expect(await eventsFor(id)).toHaveLength(2);
  });

  it('refuses owners and viewers, and changes nothing', async () => {
    const { id } = await makeReview(reviewer, { title: 'Original title' });
    const row = await db.review.findUniqueOrThrow({ where: { id } });
    for (const actor of [owner, viewer]) {
      await expect(updateReview(actor, editInput(id, 1))).rejects.toBeInstanceOf(ForbiddenError);
      await expect(archiveReview(actor, archiveSchema.parse({ id, version: 1 }))).rejects.toBeInstanceOf(ForbiddenError);
    }
    expect(await db.review.findUniqueOrThrow({ where: { id } })).toEqual(row);
    expect(await eventsFor(id)).toHaveLength(1);
  });
});

describe('getReview', () => {
  it('shows each finding with its derived status and the recommendations answering it, and each recommendation with its RAG', async () => {
    const { id } = await makeReview(reviewer);
    const f1 = await makeFinding(reviewer, id, { reference: 'F1' });
    const f2 = await makeFinding(reviewer, id, { reference: 'F2' });
    const f10 = await makeFinding(reviewer, id, { reference: 'F10' });
    await makeRecommendation(reviewer, id, { reference: 'R1', findingIds: [f1.id, f10.id], ownerAgencyId: agencyId, dueDate: '2013-03-31' });
    const recommendation = await makeRecommendation(reviewer, id, { reference: 'R2', findingIds: [f10.id], ownerAgencyId: agencyId, dueDate: '2030-01-01' });
    // R2 has a second action, another agency's, overdue: R2 is due when its last action is (not overdue), and its RAG is
    // the worst of its actions', each reason naming its action.
    const other = await createAgency();
    await createAction(reviewer, createActionSchema.parse({ recommendationId: recommendation.id, reference: '2', text: 'Their part', ownerAgencyId: other.id, dueDate: '2013-03-31' }));

    const review = await getReview(viewer, id, new Date('2013-06-01T12:00:00Z'));
    expect(review.findings.map((f) => [f.reference, f.status, f.flagged, f.answeredBy.map((r) => r.reference)])).toEqual([
      ['F1', 'OPEN', false, ['R1']],
      ['F2', 'UNANSWERED', true, []],
      ['F10', 'OPEN', false, ['R1', 'R2']],
    ]);
    expect(f2.id).toBeTruthy();
    const [r1, r2] = review.recommendations;
    expect(r1).toMatchObject({ reference: 'R1', status: 'NOT_STARTED', overdue: true, ownerAgency: { id: agencyId }, leadOfficer: null });
    expect(r1!.rag.rating).toBe('RED');
    expect(r2).toMatchObject({ reference: 'R2', overdue: false, ownerAgency: { id: agencyId } });
    expect(r2!.rag.rating).toBe('RED');
    expect(r2!.rag.reasons.length).toBeGreaterThan(0);
    for (const reason of r2!.rag.reasons) expect(reason).toMatch(/^R2\.2: /);
  });
});

describe('archiveReview', () => {
  it('hides the review and everything under it, keeps the rows, and records an event for each', async () => {
    const { id } = await makeReview(reviewer);
    const finding = await makeFinding(reviewer, id);
    const recommendation = await makeRecommendation(reviewer, id, { findingIds: [finding.id], ownerAgencyId: agencyId });

    await archiveReview(reviewer, archiveSchema.parse({ id, version: 1, archiveReason: 'Entered twice' }));

    await expect(getReview(reviewer, id)).rejects.toBeInstanceOf(NotFoundError);
    expect((await db.review.findUniqueOrThrow({ where: { id } })).archivedAt).toBeInstanceOf(Date);
    expect((await db.finding.findUniqueOrThrow({ where: { id: finding.id } })).archivedAt).toBeInstanceOf(Date);
    expect((await db.recommendation.findUniqueOrThrow({ where: { id: recommendation.id } })).archivedAt).toBeInstanceOf(Date);
    const events = await eventsFor(id);
    expect(events.map((e) => e.kind)).toEqual(['review.created', 'review.archived']);
    expect(events[1]).toMatchObject({ actorId: reviewer.id, subjectVersion: 2, note: 'Entered twice' });
    expect((await eventsFor(finding.id)).map((e) => e.kind)).toEqual(['finding.created', 'finding.archived']);
    expect((await eventsFor(recommendation.id)).map((e) => e.kind)).toEqual(['recommendation.created', 'recommendation.archived']);

    // Archived is archived: a second archive, or an edit, finds nothing.
    await expect(archiveReview(reviewer, archiveSchema.parse({ id, version: 2 }))).rejects.toBeInstanceOf(NotFoundError);
    await expect(updateReview(reviewer, editInput(id, 2))).rejects.toBeInstanceOf(NotFoundError);
  });
});
