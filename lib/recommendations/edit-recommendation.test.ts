import { beforeAll, describe, expect, it } from 'vitest';
import { ForbiddenError } from '@/lib/auth/permissions';
import type { Actor } from '@/lib/auth/session-user';
import { db } from '@/lib/db';
import { ConflictError, NotFoundError, RuleError } from '@/lib/errors';
import { getReview } from '@/lib/reviews/get-review';
import { archiveSchema } from '@/lib/reviews/review.schema';
import { createAgency, createUser, refusal } from '@/tests/support/factories';
import { createReviewer, eventsFor, makeFinding, makeRecommendation, makeReview } from '@/tests/support/review-factories';
import { archiveRecommendation } from './archive-recommendation';
import { overrideRag, withdrawRagOverride } from './override-rag';
import { overrideRagSchema, withdrawRagOverrideSchema } from './override-rag.schema';
import { CHOOSE_FINDINGS, DUE_DATE_REASON_NEEDED, updateRecommendationSchema } from './recommendation.schema';
import { FINDINGS_FROM_THIS_REVIEW, LEAD_OFFICER_FROM_OWNER } from './recommendation-links';
import { updateRecommendation } from './update-recommendation';

let reviewer: Actor;
let council: { id: string; shortName: string };
let police: { id: string; shortName: string };
let councilLead: Actor;
let policeLead: Actor;
let councilViewer: Actor;

beforeAll(async () => {
  reviewer = await createReviewer();
  council = await createAgency('Council children’s social care');
  police = await createAgency('Police');
  councilLead = await createUser('OWNER', council.id);
  policeLead = await createUser('OWNER', police.id);
  councilViewer = await createUser('VIEWER', council.id);
});

/** A review with findings F1, F2 and recommendation R1 (answering F1, owned by the council, due 31 March 2013). */
async function setUp() {
  const review = await makeReview(reviewer);
  const f1 = await makeFinding(reviewer, review.id, { reference: 'F1' });
  const f2 = await makeFinding(reviewer, review.id, { reference: 'F2' });
  const recommendation = await makeRecommendation(reviewer, review.id, {
    reference: 'R1',
    findingIds: [f1.id],
    ownerAgencyId: council.id,
    leadOfficerId: councilLead.id,
    dueDate: '2013-03-31',
  });
  return { reviewId: review.id, f1, f2, id: recommendation.id };
}

type Setup = Awaited<ReturnType<typeof setUp>>;

const editInput = (s: Setup, version: number, overrides: Record<string, unknown> = {}) =>
  updateRecommendationSchema.parse({
    id: s.id,
    version,
    reference: 'R1',
    text: 'Train every front-line worker face to face.',
    findingIds: [s.f1.id],
    response: 'ACCEPTED',
    ownerAgencyId: council.id,
    leadOfficerId: councilLead.id,
    priority: 'HIGH',
    dueDate: '2013-03-31',
    dueDateChangeReason: '',
    ...overrides,
  });

/** The recommendation's row, links and history: what "nothing changed" compares. */
async function snapshot(id: string) {
  return {
    row: await db.recommendation.findUniqueOrThrow({ where: { id }, include: { findings: { select: { id: true } } } }),
    events: await db.historyEvent.count({ where: { subjectId: id } }),
  };
}

describe('createRecommendation', () => {
  it('keeps the first due date as the original, and records the initial values with ids and names', async () => {
    const s = await setUp();
    const row = await db.recommendation.findUniqueOrThrow({ where: { id: s.id }, include: { findings: true } });
    expect(row).toMatchObject({
      dueDate: new Date('2013-03-31T00:00:00Z'),
      originalDueDate: new Date('2013-03-31T00:00:00Z'),
      status: 'NOT_STARTED',
      version: 1,
      ownerAgencyId: council.id,
      leadOfficerId: councilLead.id,
    });
    expect(row.findings.map((f) => f.id)).toEqual([s.f1.id]);
    const events = await eventsFor(s.id);
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({
      kind: 'recommendation.created',
      actorId: reviewer.id,
      subjectVersion: 1,
      reviewId: s.reviewId,
      recommendationId: s.id,
      after: expect.objectContaining({
        reference: 'R1',
        dueDate: '2013-03-31T00:00:00.000Z',
        originalDueDate: '2013-03-31T00:00:00.000Z',
        status: 'NOT_STARTED',
        ownerAgencyId: council.id,
        ownerAgency: council.shortName,
        leadOfficerId: councilLead.id,
        leadOfficer: councilLead.name,
        findingIds: [s.f1.id],
        findings: ['F1'],
      }),
    });
  });

  it('needs at least one finding', () => {
    const result = updateRecommendationSchema.safeParse({ findingIds: [] });
    expect(result.error?.issues).toContainEqual(expect.objectContaining({ path: ['findingIds'], message: CHOOSE_FINDINGS }));
  });

  it('refuses findings from another review, a lead officer from another agency, and a duplicate reference; creates nothing', async () => {
    const s = await setUp();
    const other = await makeReview(reviewer);
    const elsewhere = await makeFinding(reviewer, other.id, { reference: 'F9' });
    const count = await db.recommendation.count();
    const base = { reference: 'R2', findingIds: [s.f1.id], ownerAgencyId: council.id };

    expect(await refusal(makeRecommendation(reviewer, s.reviewId, { ...base, findingIds: [s.f1.id, elsewhere.id] }))).toMatchObject({
      field: 'findingIds',
      message: FINDINGS_FROM_THIS_REVIEW,
    });
    expect(await refusal(makeRecommendation(reviewer, s.reviewId, { ...base, leadOfficerId: policeLead.id }))).toMatchObject({
      field: 'leadOfficerId',
      message: LEAD_OFFICER_FROM_OWNER,
    });
    const gone = await createUser('OWNER', council.id, { active: false });
    expect(await refusal(makeRecommendation(reviewer, s.reviewId, { ...base, leadOfficerId: gone.id }))).toMatchObject({ field: 'leadOfficerId' });
    expect(await refusal(makeRecommendation(reviewer, s.reviewId, { ...base, reference: 'R1' }))).toMatchObject({ field: 'reference' });
    expect(await db.recommendation.count()).toBe(count);
  });

  it('refuses owners and viewers', async () => {
    const s = await setUp();
    const count = await db.recommendation.count();
    for (const actor of [councilLead, councilViewer]) {
      const input = { reference: 'R2', findingIds: [s.f1.id], ownerAgencyId: council.id };
      expect(await refusal(makeRecommendation(actor, s.reviewId, input))).toBeInstanceOf(ForbiddenError);
    }
    expect(await db.recommendation.count()).toBe(count);
  });
});

describe('updateRecommendation', () => {
  it('records exactly one recommendation.updated event with only the changed fields', async () => {
    const s = await setUp();
    const result = await updateRecommendation(reviewer, editInput(s, 1, { text: 'Train the whole workforce.', priority: 'MEDIUM' }));
    expect(result).toEqual({ id: s.id, version: 2 });
    const events = await eventsFor(s.id);
    expect(events.map((e) => e.kind)).toEqual(['recommendation.created', 'recommendation.updated']);
    expect(events[1]).toMatchObject({
      actorId: reviewer.id,
      subjectVersion: 2,
      reviewId: s.reviewId,
      recommendationId: s.id,
      before: { text: 'Train every front-line worker face to face.', priority: 'HIGH' },
      after: { text: 'Train the whole workforce.', priority: 'MEDIUM' },
    });
  });

  it('records a new owner, lead officer and findings by id and by name', async () => {
    const s = await setUp();
    await updateRecommendation(
      reviewer,
      editInput(s, 1, { ownerAgencyId: police.id, leadOfficerId: policeLead.id, findingIds: [s.f2.id, s.f1.id] }),
    );
    const row = await db.recommendation.findUniqueOrThrow({ where: { id: s.id }, include: { findings: { orderBy: { reference: 'asc' } } } });
    expect(row).toMatchObject({ ownerAgencyId: police.id, leadOfficerId: policeLead.id, version: 2 });
    expect(row.findings.map((f) => f.reference)).toEqual(['F1', 'F2']);
    const [, updated] = await eventsFor(s.id);
    expect(updated).toMatchObject({
      kind: 'recommendation.updated',
      before: {
        ownerAgencyId: council.id,
        ownerAgency: council.shortName,
        leadOfficerId: councilLead.id,
        leadOfficer: councilLead.name,
        findingIds: [s.f1.id],
        findings: ['F1'],
      },
      after: {
        ownerAgencyId: police.id,
        ownerAgency: police.shortName,
        leadOfficerId: policeLead.id,
        leadOfficer: policeLead.name,
        findingIds: [s.f1.id, s.f2.id],
        findings: ['F1', 'F2'],
      },
    });
  });

  it('changes nothing, not even the version, when nothing was changed', async () => {
    const s = await setUp();
    const before = await snapshot(s.id);
    expect(await updateRecommendation(reviewer, editInput(s, 1, { dueDateChangeReason: 'No reason needed' }))).toEqual({ id: s.id, version: 1 });
    expect(await snapshot(s.id)).toEqual(before);
  });

  it('refuses to move the due date without a reason, with a field error, and changes nothing', async () => {
    const s = await setUp();
    const before = await snapshot(s.id);
    const error = await refusal(updateRecommendation(reviewer, editInput(s, 1, { dueDate: '2013-06-30', text: 'Also edited' })));
    expect(error).toBeInstanceOf(RuleError);
    expect(error).toMatchObject({ field: 'dueDateChangeReason', message: DUE_DATE_REASON_NEEDED });
    expect(await snapshot(s.id)).toEqual(before);
  });

  it('moves the due date with a reason: the original is kept and a due_date_changed event carries the reason', async () => {
    const s = await setUp();
    const reason = 'Training venue unavailable until April';
    expect(await updateRecommendation(reviewer, editInput(s, 1, { dueDate: '2013-06-30', dueDateChangeReason: reason }))).toEqual({
      id: s.id,
      version: 2,
    });
    expect(await db.recommendation.findUniqueOrThrow({ where: { id: s.id } })).toMatchObject({
      dueDate: new Date('2013-06-30T00:00:00Z'),
      originalDueDate: new Date('2013-03-31T00:00:00Z'),
      dueDateChangeReason: reason,
      version: 2,
    });
    const events = await eventsFor(s.id);
    // Only the due date moved: no empty 'updated' event beside it.
    expect(events.map((e) => e.kind)).toEqual(['recommendation.created', 'recommendation.due_date_changed']);
    expect(events[1]).toMatchObject({
      actorId: reviewer.id,
      subjectVersion: 2,
      before: { dueDate: '2013-03-31T00:00:00.000Z' },
      after: { dueDate: '2013-06-30T00:00:00.000Z' },
      note: reason,
    });

    // A second move keeps the first due date as the original.
    await updateRecommendation(reviewer, editInput(s, 2, { dueDate: '2013-09-30', dueDateChangeReason: 'Slipped again', text: 'Edited' }));
    expect(await db.recommendation.findUniqueOrThrow({ where: { id: s.id } })).toMatchObject({
      dueDate: new Date('2013-09-30T00:00:00Z'),
      originalDueDate: new Date('2013-03-31T00:00:00Z'),
    });
    expect((await eventsFor(s.id)).slice(2).map((e) => [e.kind, e.subjectVersion])).toEqual([
      ['recommendation.updated', 3],
      ['recommendation.due_date_changed', 3],
    ]);
  });

  it('refuses a lead officer from another agency, and changes nothing', async () => {
    const s = await setUp();
    const before = await snapshot(s.id);
    expect(await refusal(updateRecommendation(reviewer, editInput(s, 1, { leadOfficerId: policeLead.id })))).toMatchObject({
      field: 'leadOfficerId',
      message: LEAD_OFFICER_FROM_OWNER,
    });
    // Moving the owner without choosing a lead officer of the new agency is refused too.
    expect(await refusal(updateRecommendation(reviewer, editInput(s, 1, { ownerAgencyId: police.id })))).toMatchObject({
      field: 'leadOfficerId',
    });
    expect(await snapshot(s.id)).toEqual(before);
  });

  it('refuses findings from another review, and changes nothing', async () => {
    const s = await setUp();
    const other = await makeReview(reviewer);
    const elsewhere = await makeFinding(reviewer, other.id);
    const before = await snapshot(s.id);
    expect(await refusal(updateRecommendation(reviewer, editInput(s, 1, { findingIds: [elsewhere.id] })))).toMatchObject({
      field: 'findingIds',
      message: FINDINGS_FROM_THIS_REVIEW,
    });
    expect(await snapshot(s.id)).toEqual(before);
  });

  it('refuses a stale version with a ConflictError naming the earlier change, and changes nothing', async () => {
    const s = await setUp();
    await updateRecommendation(reviewer, editInput(s, 1, { dueDate: '2013-06-30', dueDateChangeReason: 'Venue' }));
    const before = await snapshot(s.id);
    const error = await refusal(updateRecommendation(reviewer, editInput(s, 1, { text: 'Stale edit' })));
    expect(error).toBeInstanceOf(ConflictError);
    expect((error as ConflictError).changes).toEqual([
      expect.objectContaining({ actorName: reviewer.name, description: expect.stringContaining('moved the due date') }),
    ]);
    expect(await snapshot(s.id)).toEqual(before);
  });

  it('refuses owners (even of their own agency) and viewers, and changes nothing', async () => {
    const s = await setUp();
    const before = await snapshot(s.id);
    for (const actor of [councilLead, policeLead, councilViewer]) {
      expect(await refusal(updateRecommendation(actor, editInput(s, 1, { text: 'Changed' })))).toBeInstanceOf(ForbiddenError);
      expect(await refusal(archiveRecommendation(actor, archiveSchema.parse({ id: s.id, version: 1 })))).toBeInstanceOf(ForbiddenError);
      const override = overrideRagSchema.parse({ recommendationId: s.id, version: 1, rating: 'GREEN', justification: 'x' });
      expect(await refusal(overrideRag(actor, override))).toBeInstanceOf(ForbiddenError);
    }
    expect(await snapshot(s.id)).toEqual(before);
  });
});

describe('RAG override', () => {
  it('needs a justification to set and a reason to withdraw', () => {
    expect(overrideRagSchema.safeParse({ recommendationId: 'r', version: 1, rating: 'RED', justification: ' ' }).error?.issues).toEqual([
      expect.objectContaining({ path: ['justification'] }),
    ]);
    expect(withdrawRagOverrideSchema.safeParse({ recommendationId: 'r', version: 1, reason: '' }).error?.issues).toEqual([
      expect.objectContaining({ path: ['reason'] }),
    ]);
  });

  it('sets the override with its justification on record, then withdraws it, each with its event', async () => {
    const s = await setUp();
    const justification = 'Face-to-face sessions cancelled twice this quarter';
    await overrideRag(reviewer, overrideRagSchema.parse({ recommendationId: s.id, version: 1, rating: 'RED', justification }));
    expect(await db.recommendation.findUniqueOrThrow({ where: { id: s.id } })).toMatchObject({
      ragOverride: 'RED',
      ragOverrideJustification: justification,
      ragOverrideById: reviewer.id,
      ragOverrideAt: expect.any(Date),
      version: 2,
    });
    expect((await getReview(reviewer, s.reviewId, new Date('2012-10-01T00:00:00Z'))).recommendations[0]!.rag).toMatchObject({
      rating: 'RED',
      overridden: true,
    });

    await withdrawRagOverride(reviewer, withdrawRagOverrideSchema.parse({ recommendationId: s.id, version: 2, reason: 'Sessions rescheduled' }));
    expect(await db.recommendation.findUniqueOrThrow({ where: { id: s.id } })).toMatchObject({
      ragOverride: null,
      ragOverrideJustification: null,
      ragOverrideById: null,
      ragOverrideAt: null,
      version: 3,
    });
    const events = (await eventsFor(s.id)).slice(1);
    expect(events).toEqual([
      expect.objectContaining({
        kind: 'recommendation.rag_overridden',
        subjectVersion: 2,
        before: { rating: null, justification: null },
        after: { rating: 'RED', justification },
        note: justification,
      }),
      expect.objectContaining({
        kind: 'recommendation.rag_override_withdrawn',
        subjectVersion: 3,
        before: { rating: 'RED', justification },
        after: { rating: null, justification: null },
        note: 'Sessions rescheduled',
      }),
    ]);
  });

  it('refuses to withdraw an override that is not there, and changes nothing', async () => {
    const s = await setUp();
    const before = await snapshot(s.id);
    const input = withdrawRagOverrideSchema.parse({ recommendationId: s.id, version: 1, reason: 'No longer needed' });
    expect(await refusal(withdrawRagOverride(reviewer, input))).toBeInstanceOf(RuleError);
    expect(await snapshot(s.id)).toEqual(before);
  });
});

describe('archiveRecommendation', () => {
  it('hides it from the review page, keeps the row, and records the event', async () => {
    const s = await setUp();
    await archiveRecommendation(reviewer, archiveSchema.parse({ id: s.id, version: 1, archiveReason: 'Merged into R2' }));
    const review = await getReview(reviewer, s.reviewId);
    expect(review.recommendations).toEqual([]);
    expect(review.findings.find((f) => f.reference === 'F1')).toMatchObject({ status: 'UNANSWERED', answeredBy: [] });
    expect((await db.recommendation.findUniqueOrThrow({ where: { id: s.id } })).archivedAt).toBeInstanceOf(Date);
    const events = await eventsFor(s.id);
    expect(events.map((e) => e.kind)).toEqual(['recommendation.created', 'recommendation.archived']);
    expect(events[1]).toMatchObject({ actorId: reviewer.id, subjectVersion: 2, note: 'Merged into R2', recommendationId: s.id });
    expect(await refusal(updateRecommendation(reviewer, editInput(s, 2)))).toBeInstanceOf(NotFoundError);
  });
});
