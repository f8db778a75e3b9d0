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
import { overrideRag, withdrawRagOverride } from '@/lib/actions/override-rag';
import { overrideRagSchema, withdrawRagOverrideSchema } from '@/lib/actions/override-rag.schema';
import { CHOOSE_FINDINGS, updateRecommendationSchema } from './recommendation.schema';
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

/**
 * A review with findings F1, F2 and recommendation R1 (answering F1), with its
 * first action owned by the council, due 31 March 2013. Owners, lead officers
 * and due dates are its actions' (lib/actions/actions.test.ts); this file is
 * about what the recommendation says, and the RAG override of its action.
 */
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
  return { reviewId: review.id, f1, f2, id: recommendation.id, actionId: recommendation.actionId };
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
    priority: 'HIGH',
    ...overrides,
  });

/** The recommendation's row, links, actions and history: what "nothing changed" compares. */
async function snapshot(id: string) {
  return {
    row: await db.recommendation.findUniqueOrThrow({ where: { id }, include: { findings: { select: { id: true } } } }),
    actions: await db.action.findMany({ where: { recommendationId: id }, orderBy: { id: 'asc' } }),
    events: await db.historyEvent.count({ where: { recommendationId: id } }),
  };
}

describe('createRecommendation', () => {
  it('creates its first action, keeps the first due date as the original, and records the initial values with ids and names', async () => {
    const s = await setUp();
    const row = await db.recommendation.findUniqueOrThrow({ where: { id: s.id }, include: { findings: true, actions: true } });
    // Rolled up from its one action.
    expect(row).toMatchObject({
      dueDate: new Date('2013-03-31T00:00:00Z'),
      originalDueDate: new Date('2013-03-31T00:00:00Z'),
      status: 'NOT_STARTED',
      version: 1,
      ownerAgencyId: council.id,
      leadOfficerId: councilLead.id,
    });
    expect(row.findings.map((f) => f.id)).toEqual([s.f1.id]);
    expect(row.actions).toEqual([
      expect.objectContaining({
        id: s.actionId,
        reference: '1',
        // The recommendation as written.
        text: null,
        ownerAgencyId: council.id,
        leadOfficerId: councilLead.id,
        dueDate: new Date('2013-03-31T00:00:00Z'),
        originalDueDate: new Date('2013-03-31T00:00:00Z'),
        status: 'NOT_STARTED',
        version: 1,
      }),
    ]);
    const events = await eventsFor(s.id);
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({
      kind: 'recommendation.created',
      actorId: reviewer.id,
      subjectVersion: 1,
      reviewId: s.reviewId,
      recommendationId: s.id,
      after: { reference: 'R1', text: 'Train every front-line worker face to face.', response: 'ACCEPTED', priority: 'HIGH', findingIds: [s.f1.id], findings: ['F1'] },
    });
    expect(await eventsFor(s.actionId)).toEqual([
      expect.objectContaining({
        kind: 'action.created',
        actorId: reviewer.id,
        subjectType: 'action',
        subjectVersion: 1,
        reviewId: s.reviewId,
        recommendationId: s.id,
        after: {
          reference: '1',
          text: null,
          ownerAgencyId: council.id,
          ownerAgency: council.shortName,
          leadOfficerId: councilLead.id,
          leadOfficer: councilLead.name,
          status: 'NOT_STARTED',
          dueDate: '2013-03-31T00:00:00.000Z',
          originalDueDate: '2013-03-31T00:00:00.000Z',
        },
      }),
    ]);
  });

  it('needs at least one finding', () => {
    const result = updateRecommendationSchema.safeParse({ findingIds: [] });
    expect(result.error?.issues).toContainEqual(expect.objectContaining({ path: ['findingIds'], message: CHOOSE_FINDINGS }));
  });

  it('refuses findings from another review, a lead officer from another agency, and a duplicate reference; creates nothing', async () => {
    const s = await setUp();
    const other = await makeReview(reviewer);
    const elsewhere = await makeFinding(reviewer, other.id, { reference: 'F9' });
    const count = { recommendations: await db.recommendation.count(), actions: await db.action.count(), events: await db.historyEvent.count() };
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
    expect({ recommendations: await db.recommendation.count(), actions: await db.action.count(), events: await db.historyEvent.count() }).toEqual(count);
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

  it('records new findings by id and by reference, and leaves its actions (owners, due dates) alone', async () => {
    const s = await setUp();
    const actionsBefore = await db.action.findMany({ where: { recommendationId: s.id } });
    await updateRecommendation(reviewer, editInput(s, 1, { findingIds: [s.f2.id, s.f1.id] }));
    const row = await db.recommendation.findUniqueOrThrow({ where: { id: s.id }, include: { findings: { orderBy: { reference: 'asc' } } } });
    expect(row).toMatchObject({ ownerAgencyId: council.id, leadOfficerId: councilLead.id, version: 2 });
    expect(row.findings.map((f) => f.reference)).toEqual(['F1', 'F2']);
    expect(await db.action.findMany({ where: { recommendationId: s.id } })).toEqual(actionsBefore);
    const [, updated] = await eventsFor(s.id);
    expect(updated).toMatchObject({
      kind: 'recommendation.updated',
      before: { findingIds: [s.f1.id], findings: ['F1'] },
      after: { findingIds: [s.f1.id, s.f2.id], findings: ['F1', 'F2'] },
    });
  });

  it('takes no owner, lead officer or due date: those are its actions\' (lib/actions)', () => {
    const parsed = updateRecommendationSchema.parse({
      id: 'r',
      version: 1,
      reference: 'R1',
      text: 'x',
      findingIds: ['f'],
      response: 'ACCEPTED',
      priority: 'HIGH',
      ownerAgencyId: 'a',
      leadOfficerId: 'u',
      dueDate: '2013-06-30',
    });
    expect(Object.keys(parsed).sort()).toEqual(['findingIds', 'id', 'priority', 'reference', 'response', 'text', 'version']);
  });

  it('changes nothing, not even the version, when nothing was changed', async () => {
    const s = await setUp();
    const before = await snapshot(s.id);
    expect(await updateRecommendation(reviewer, editInput(s, 1))).toEqual({ id: s.id, version: 1 });
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
    await updateRecommendation(reviewer, editInput(s, 1, { priority: 'LOW' }));
    const before = await snapshot(s.id);
    const error = await refusal(updateRecommendation(reviewer, editInput(s, 1, { text: 'Stale edit' })));
    expect(error).toBeInstanceOf(ConflictError);
    expect((error as ConflictError).changes).toEqual([
      expect.objectContaining({ actorName: reviewer.name, description: expect.stringContaining('from High to Low') }),
    ]);
    expect(await snapshot(s.id)).toEqual(before);
  });

  it('refuses owners (even of their own agency) and viewers, and changes nothing', async () => {
    const s = await setUp();
    const before = await snapshot(s.id);
    for (const actor of [councilLead, policeLead, councilViewer]) {
      expect(await refusal(updateRecommendation(actor, editInput(s, 1, { text: 'Changed' })))).toBeInstanceOf(ForbiddenError);
      expect(await refusal(archiveRecommendation(actor, archiveSchema.parse({ id: s.id, version: 1 })))).toBeInstanceOf(ForbiddenError);
      const override = overrideRagSchema.parse({ actionId: s.actionId, version: 1, rating: 'GREEN', justification: 'x' });
      expect(await refusal(overrideRag(actor, override))).toBeInstanceOf(ForbiddenError);
    }
    expect(await snapshot(s.id)).toEqual(before);
  });
});

describe('RAG override (on an action)', () => {
  it('needs a justification to set and a reason to withdraw', () => {
    expect(overrideRagSchema.safeParse({ actionId: 'a', version: 1, rating: 'RED', justification: ' ' }).error?.issues).toEqual([
      expect.objectContaining({ path: ['justification'] }),
    ]);
    expect(withdrawRagOverrideSchema.safeParse({ actionId: 'a', version: 1, reason: '' }).error?.issues).toEqual([
      expect.objectContaining({ path: ['reason'] }),
    ]);
  });

  it('sets the override with its justification on record, then withdraws it, each with its event', async () => {
    const s = await setUp();
    const justification = 'Face-to-face sessions cancelled twice this quarter';
    await overrideRag(reviewer, overrideRagSchema.parse({ actionId: s.actionId, version: 1, rating: 'RED', justification }));
    expect(await db.action.findUniqueOrThrow({ where: { id: s.actionId } })).toMatchObject({
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

    await withdrawRagOverride(reviewer, withdrawRagOverrideSchema.parse({ actionId: s.actionId, version: 2, reason: 'Sessions rescheduled' }));
    expect(await db.action.findUniqueOrThrow({ where: { id: s.actionId } })).toMatchObject({
      ragOverride: null,
      ragOverrideJustification: null,
      ragOverrideById: null,
      ragOverrideAt: null,
      version: 3,
    });
    const events = (await eventsFor(s.actionId)).slice(1);
    expect(events).toEqual([
      expect.objectContaining({
        kind: 'action.rag_overridden',
        subjectType: 'action',
        recommendationId: s.id,
        subjectVersion: 2,
        before: { rating: null, justification: null },
        after: { rating: 'RED', justification },
        note: justification,
      }),
      expect.objectContaining({
        kind: 'action.rag_override_withdrawn',
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
    const input = withdrawRagOverrideSchema.parse({ actionId: s.actionId, version: 1, reason: 'No longer needed' });
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
