// Actions (decision 0015) against the real database: adding one for another
// agency, editing, reassigning, moving its due date, archiving, who may update
// which action, how the recommendation follows from its actions, and a
// reviewer's decision on the whole recommendation. Every refusal is checked to
// have changed nothing: rows and history alike. (Every event written here is
// read back through the catalogue after the file: tests/support/database-per-file.ts.)
import { beforeAll, describe, expect, it } from 'vitest';
import { ForbiddenError } from '@/lib/auth/permissions';
import type { Actor } from '@/lib/auth/session-user';
import { db } from '@/lib/db';
import { ConflictError, NotFoundError, RuleError } from '@/lib/errors';
import type { RecommendationStatus } from '@/lib/generated/prisma/enums';
import { decideRecommendation } from '@/lib/recommendations/decide-recommendation';
import { DUE_DATE_REASON_NEEDED } from '@/lib/recommendations/recommendation.schema';
import { CHOOSE_OWNER_AGENCY, LEAD_OFFICER_FROM_OWNER } from '@/lib/recommendations/recommendation-links';
import { archiveSchema } from '@/lib/reviews/review.schema';
import { createAgency, createUser, refusal } from '@/tests/support/factories';
import { createReviewer, eventsFor, makeFinding, makeRecommendation, makeReview } from '@/tests/support/review-factories';
import { CHOOSE_OWNER, createActionSchema, updateActionSchema } from './action.schema';
import { archiveAction, LAST_ACTION, LAST_OPEN_ACTION } from './archive-action';
import { createAction } from './create-action';
import { ACTION_REFERENCE_TAKEN } from './find-action';
import { updateAction } from './update-action';
import { updateProgress } from './update-progress';
import { decideRecommendationSchema } from './update-progress.schema';

const RECOMMENDATION_TEXT = 'Train every front-line worker face to face.';
const VERIFY_DIRECTLY = 'A recommendation follows from its actions: change the status of each action';

let reviewer: Actor;
let secondReviewer: Actor;
let council: { id: string; shortName: string };
let police: { id: string; shortName: string };
let councilLead: Actor;
let councilOfficer: Actor;
let policeLead: Actor;
let viewer: Actor;

beforeAll(async () => {
  reviewer = await createReviewer();
  secondReviewer = await createUser('REVIEWER', reviewer.agencyId);
  viewer = await createUser('VIEWER', reviewer.agencyId);
  council = await createAgency(`Council ${Math.random().toString(36).slice(2, 8)}`);
  police = await createAgency(`Police ${Math.random().toString(36).slice(2, 8)}`);
  councilLead = await createUser('OWNER', council.id);
  councilOfficer = await createUser('OWNER', council.id);
  policeLead = await createUser('OWNER', police.id);
});

/** Recommendation R1, led by the council: its first action "1", the council's, lead officer councilLead, due 31 March 2013. */
async function setUp() {
  const review = await makeReview(reviewer);
  const finding = await makeFinding(reviewer, review.id);
  const recommendation = await makeRecommendation(reviewer, review.id, {
    findingIds: [finding.id],
    text: RECOMMENDATION_TEXT,
    ownerAgencyId: council.id,
    leadOfficerId: councilLead.id,
    dueDate: '2013-03-31',
  });
  return { reviewId: review.id, id: recommendation.id, actionId: recommendation.actionId };
}
type Setup = Awaited<ReturnType<typeof setUp>>;

/** A reviewer adds action "2" for the police, due 30 June 2013, unless told otherwise. */
async function addAction(s: Setup, overrides: Record<string, unknown> = {}) {
  return createAction(
    reviewer,
    createActionSchema.parse({
      recommendationId: s.id,
      reference: '2',
      text: 'Police to train response officers',
      ownerAgencyId: police.id,
      leadOfficerId: policeLead.id,
      dueDate: '2013-06-30',
      ...overrides,
    }),
  );
}

/** The form's values for an action as it stands, with the overrides. */
async function editInput(actionId: string, overrides: Record<string, unknown> = {}) {
  const action = await db.action.findUniqueOrThrow({ where: { id: actionId }, include: { recommendation: { select: { text: true } } } });
  return updateActionSchema.parse({
    id: action.id,
    version: action.version,
    reference: action.reference,
    text: action.text ?? action.recommendation.text,
    ownerAgencyId: action.ownerAgencyId,
    leadOfficerId: action.leadOfficerId ?? '',
    dueDate: action.dueDate,
    dueDateChangeReason: '',
    ...overrides,
  });
}

/** Evidence a reviewer has accepted, submitted by `by`: enough to implement the action, and for someone else to verify it. */
async function acceptedEvidence(actionId: string, by: Actor) {
  const action = await db.action.findUniqueOrThrow({ where: { id: actionId } });
  await db.evidence.create({
    data: {
      recommendationId: action.recommendationId,
      actionId,
      title: 'Training register',
      kind: 'TRAINING_RECORD',
      url: 'https://example.test/register',
      submittedById: by.id,
      assessment: 'ACCEPTED',
      assessedById: secondReviewer.id,
      assessedAt: new Date(),
    },
  });
}

async function move(actor: Actor, actionId: string, status: RecommendationStatus, note = `Now ${status}`) {
  const { version } = await db.action.findUniqueOrThrow({ where: { id: actionId } });
  return updateProgress(actor, { actionId, version, status, note });
}

/** The recommendation's row, its actions (archived too) and the whole history: what "nothing changed" compares. */
async function snapshot(id: string) {
  return {
    recommendation: await db.recommendation.findUniqueOrThrow({ where: { id } }),
    actions: await db.action.findMany({ where: { recommendationId: id }, orderBy: { reference: 'asc' } }),
    events: await db.historyEvent.count(),
    lastEvent: await db.historyEvent.findFirst({ orderBy: { id: 'desc' }, select: { id: true } }),
  };
}

const day = (iso: string) => new Date(`${iso}T00:00:00.000Z`);

describe('createAction', () => {
  it("adds an action for another agency, with its event, and the recommendation's due date rolls up to the latest", async () => {
    const s = await setUp();
    const { id, version } = await addAction(s);
    expect(version).toBe(1);
    expect(await db.action.findUniqueOrThrow({ where: { id } })).toMatchObject({
      recommendationId: s.id,
      reference: '2',
      text: 'Police to train response officers',
      ownerAgencyId: police.id,
      leadOfficerId: policeLead.id,
      dueDate: day('2013-06-30'),
      originalDueDate: day('2013-06-30'),
      status: 'NOT_STARTED',
      archivedAt: null,
    });
    expect(await eventsFor(id)).toEqual([
      expect.objectContaining({
        kind: 'action.created',
        subjectType: 'action',
        subjectVersion: 1,
        actorId: reviewer.id,
        reviewId: s.reviewId,
        recommendationId: s.id,
        before: null,
        after: {
          reference: '2',
          text: 'Police to train response officers',
          ownerAgencyId: police.id,
          ownerAgency: police.shortName,
          leadOfficerId: policeLead.id,
          leadOfficer: policeLead.name,
          status: 'NOT_STARTED',
          dueDate: '2013-06-30T00:00:00.000Z',
          originalDueDate: '2013-06-30T00:00:00.000Z',
        },
      }),
    ]);
    // The latest due date is the recommendation's; its lead is still its first action's (the council); its version is its text's.
    expect(await db.recommendation.findUniqueOrThrow({ where: { id: s.id } })).toMatchObject({
      dueDate: day('2013-06-30'),
      originalDueDate: day('2013-06-30'),
      ownerAgencyId: council.id,
      leadOfficerId: councilLead.id,
      status: 'NOT_STARTED',
      version: 1,
    });
  });

  it('refuses a reference the recommendation already uses, at the field (case ignored), and changes nothing', async () => {
    const s = await setUp();
    await addAction(s, { reference: '2a' });
    const before = await snapshot(s.id);
    for (const reference of ['1', '2A']) {
      const error = await refusal(addAction(s, { reference }));
      expect(error).toBeInstanceOf(RuleError);
      expect(error).toMatchObject({ field: 'reference', message: ACTION_REFERENCE_TAKEN });
    }
    expect(await snapshot(s.id)).toEqual(before);
  });

  it('creates one action of a reference when several are added at once, and tells the others why at the field', async () => {
    const s = await setUp();
    const results = await Promise.allSettled(Array.from({ length: 6 }, (_, i) => addAction(s, { text: `Attempt ${i}` })));
    expect(results.filter((result) => result.status === 'fulfilled')).toHaveLength(1);
    for (const result of results.filter((r) => r.status === 'rejected')) {
      expect(result.reason).toMatchObject({ name: 'RuleError', field: 'reference', message: ACTION_REFERENCE_TAKEN });
    }
    expect(await db.action.count({ where: { recommendationId: s.id } })).toBe(2);
    expect(await db.historyEvent.count({ where: { recommendationId: s.id, kind: 'action.created' } })).toBe(2);
  });

  it('is for reviewers: owners (even of the agency) and viewers are forbidden, and nothing changes', async () => {
    const s = await setUp();
    const before = await snapshot(s.id);
    const input = createActionSchema.parse({ recommendationId: s.id, reference: '2', text: 'x', ownerAgencyId: council.id, dueDate: '2013-06-30' });
    for (const actor of [councilLead, policeLead, viewer]) expect(await refusal(createAction(actor, input))).toBeInstanceOf(ForbiddenError);
    expect(await snapshot(s.id)).toEqual(before);
  });

  it('refuses an action for a recommendation that is set aside, archived or unknown', async () => {
    const s = await setUp();
    await decideRecommendation(reviewer, { recommendationId: s.id, version: 1, status: 'SUPERSEDED', note: 'Replaced by R9' });
    const before = await snapshot(s.id);
    expect(await refusal(addAction(s))).toMatchObject({ name: 'RuleError', field: 'text', message: expect.stringContaining('reopen it') });
    expect(await snapshot(s.id)).toEqual(before);
    expect(await refusal(addAction({ ...s, id: 'no-such-recommendation' }))).toBeInstanceOf(NotFoundError);
  });
});

describe('updateAction', () => {
  it('reassigns an action to another agency, with both owners by id and by name, and the lead follows the first action', async () => {
    const s = await setUp();
    const { version } = await updateAction(reviewer, await editInput(s.actionId, { ownerAgencyId: police.id, leadOfficerId: policeLead.id }));
    expect(version).toBe(2);
    expect(await db.action.findUniqueOrThrow({ where: { id: s.actionId } })).toMatchObject({ ownerAgencyId: police.id, leadOfficerId: policeLead.id, version: 2 });
    expect((await eventsFor(s.actionId)).at(-1)).toMatchObject({
      kind: 'action.updated',
      subjectVersion: 2,
      actorId: reviewer.id,
      recommendationId: s.id,
      before: { ownerAgencyId: council.id, ownerAgency: council.shortName, leadOfficerId: councilLead.id, leadOfficer: councilLead.name },
      after: { ownerAgencyId: police.id, ownerAgency: police.shortName, leadOfficerId: policeLead.id, leadOfficer: policeLead.name },
    });
    // Action 1 is the recommendation's first: its lead agency and officer are now the police's.
    expect(await db.recommendation.findUniqueOrThrow({ where: { id: s.id } })).toMatchObject({ ownerAgencyId: police.id, leadOfficerId: policeLead.id, version: 1 });
  });

  it("edits an action's text and reference, recording only what changed; the recommendation as written stays null until edited", async () => {
    const s = await setUp();
    // The form shows the recommendation's text for an action that has none of its own: saving it unchanged changes nothing.
    expect(await updateAction(reviewer, await editInput(s.actionId))).toEqual({ id: s.actionId, version: 1 });
    expect((await db.action.findUniqueOrThrow({ where: { id: s.actionId } })).text).toBeNull();

    await updateAction(reviewer, await editInput(s.actionId, { reference: '1a', text: 'Council to train social workers' }));
    expect(await db.action.findUniqueOrThrow({ where: { id: s.actionId } })).toMatchObject({ reference: '1a', text: 'Council to train social workers', version: 2 });
    expect((await eventsFor(s.actionId)).at(-1)).toMatchObject({
      kind: 'action.updated',
      before: { reference: '1', text: null },
      after: { reference: '1a', text: 'Council to train social workers' },
    });
  });

  it('refuses a reference another action of the recommendation has, at the field, and changes nothing', async () => {
    const s = await setUp();
    const second = await addAction(s);
    const before = await snapshot(s.id);
    const error = await refusal(updateAction(reviewer, await editInput(second.id, { reference: '1', text: 'Renamed too' })));
    expect(error).toBeInstanceOf(RuleError);
    expect(error).toMatchObject({ field: 'reference', message: ACTION_REFERENCE_TAKEN });
    expect(await snapshot(s.id)).toEqual(before);
  });

  it('refuses to move the due date without a reason, at the field, and changes nothing', async () => {
    const s = await setUp();
    const before = await snapshot(s.id);
    const error = await refusal(updateAction(reviewer, await editInput(s.actionId, { dueDate: '2013-06-30', text: 'Also edited' })));
    expect(error).toBeInstanceOf(RuleError);
    expect(error).toMatchObject({ field: 'dueDateChangeReason', message: DUE_DATE_REASON_NEEDED });
    expect(await snapshot(s.id)).toEqual(before);
  });

  it('moves the due date with a reason: the original is kept, the event carries the reason, and the recommendation rolls up', async () => {
    const s = await setUp();
    const reason = 'Training venue unavailable until April';
    expect(await updateAction(reviewer, await editInput(s.actionId, { dueDate: '2013-06-30', dueDateChangeReason: reason }))).toEqual({ id: s.actionId, version: 2 });
    expect(await db.action.findUniqueOrThrow({ where: { id: s.actionId } })).toMatchObject({
      dueDate: day('2013-06-30'),
      originalDueDate: day('2013-03-31'),
      dueDateChangeReason: reason,
      version: 2,
    });
    // Only the due date moved: no empty 'updated' event beside it.
    expect((await eventsFor(s.actionId)).map((event) => event.kind)).toEqual(['action.created', 'action.due_date_changed']);
    expect((await eventsFor(s.actionId)).at(-1)).toMatchObject({
      actorId: reviewer.id,
      subjectVersion: 2,
      recommendationId: s.id,
      before: { dueDate: '2013-03-31T00:00:00.000Z' },
      after: { dueDate: '2013-06-30T00:00:00.000Z' },
      note: reason,
    });
    expect(await db.recommendation.findUniqueOrThrow({ where: { id: s.id } })).toMatchObject({ dueDate: day('2013-06-30'), originalDueDate: day('2013-03-31'), version: 1 });

    // A second move, with an edit, keeps the first due date as the original: two events of the one version.
    await updateAction(reviewer, await editInput(s.actionId, { dueDate: '2013-09-30', dueDateChangeReason: 'Slipped again', text: 'Edited' }));
    expect(await db.action.findUniqueOrThrow({ where: { id: s.actionId } })).toMatchObject({ dueDate: day('2013-09-30'), originalDueDate: day('2013-03-31') });
    expect((await eventsFor(s.actionId)).slice(2).map((event) => [event.kind, event.subjectVersion])).toEqual([
      ['action.updated', 3],
      ['action.due_date_changed', 3],
    ]);
  });

  it('refuses a lead officer from another agency, or a new owner without one of its own, at the field, and changes nothing', async () => {
    const s = await setUp();
    const before = await snapshot(s.id);
    expect(await refusal(updateAction(reviewer, await editInput(s.actionId, { leadOfficerId: policeLead.id })))).toMatchObject({
      name: 'RuleError',
      field: 'leadOfficerId',
      message: LEAD_OFFICER_FROM_OWNER,
    });
    expect(await refusal(updateAction(reviewer, await editInput(s.actionId, { ownerAgencyId: police.id })))).toMatchObject({
      name: 'RuleError',
      field: 'leadOfficerId',
      message: LEAD_OFFICER_FROM_OWNER,
    });
    expect(await snapshot(s.id)).toEqual(before);
  });

  it('refuses a stale version with who changed what, and changes nothing', async () => {
    const s = await setUp();
    const stale = await editInput(s.actionId, { text: 'Stale edit' });
    await updateAction(secondReviewer, await editInput(s.actionId, { dueDate: '2013-06-30', dueDateChangeReason: 'Venue' }));
    const before = await snapshot(s.id);
    const error = await refusal(updateAction(reviewer, stale));
    expect(error).toBeInstanceOf(ConflictError);
    expect((error as ConflictError).currentVersion).toBe(2);
    expect((error as ConflictError).changes).toEqual([
      expect.objectContaining({ actorName: secondReviewer.name, description: expect.stringContaining('moved the due date') }),
    ]);
    expect(await snapshot(s.id)).toEqual(before);
  });

  it("is for reviewers: owners (even of the action's agency) and viewers are forbidden, and nothing changes", async () => {
    const s = await setUp();
    const before = await snapshot(s.id);
    for (const actor of [councilLead, policeLead, viewer]) {
      expect(await refusal(updateAction(actor, await editInput(s.actionId, { text: 'Changed' })))).toBeInstanceOf(ForbiddenError);
    }
    expect(await snapshot(s.id)).toEqual(before);
  });
});

describe('archiveAction', () => {
  it("archives an action with its reason: it leaves the recommendation's roll-up and can no longer be updated", async () => {
    const s = await setUp();
    const second = await addAction(s);
    expect((await db.recommendation.findUniqueOrThrow({ where: { id: s.id } })).dueDate).toEqual(day('2013-06-30'));
    const result = await archiveAction(reviewer, archiveSchema.parse({ id: second.id, version: 1, archiveReason: 'Folded into action 1' }));
    expect(result).toEqual({ id: second.id, recommendationId: s.id, version: 2 });
    expect((await db.action.findUniqueOrThrow({ where: { id: second.id } })).archivedAt).toBeInstanceOf(Date);
    expect((await eventsFor(second.id)).at(-1)).toMatchObject({
      kind: 'action.archived',
      subjectVersion: 2,
      actorId: reviewer.id,
      recommendationId: s.id,
      after: { reference: '2' },
      note: 'Folded into action 1',
    });
    // The recommendation's due date is its one live action's again.
    expect((await db.recommendation.findUniqueOrThrow({ where: { id: s.id } })).dueDate).toEqual(day('2013-03-31'));
    expect(await refusal(updateProgress(policeLead, { actionId: second.id, version: 2, status: 'IN_PROGRESS', note: 'x' }))).toBeInstanceOf(NotFoundError);
  });

  it('refuses to archive the only action, at the field, and changes nothing', async () => {
    const s = await setUp();
    const before = await snapshot(s.id);
    const error = await refusal(archiveAction(reviewer, archiveSchema.parse({ id: s.actionId, version: 1, archiveReason: 'Mistake' })));
    expect(error).toBeInstanceOf(RuleError);
    expect(error).toMatchObject({ field: 'archiveReason', message: LAST_ACTION });
    expect(await snapshot(s.id)).toEqual(before);
  });

  it('archives an open action while another is open, and a done one beside the last open one', async () => {
    const s = await setUp();
    const second = await addAction(s);
    const third = await addAction(s, { reference: '3' });
    await acceptedEvidence(third.id, policeLead);
    await move(policeLead, third.id, 'IMPLEMENTED');
    await archiveAction(reviewer, { id: second.id, version: 1, archiveReason: 'Duplicate' });
    await archiveAction(reviewer, { id: third.id, version: 2, archiveReason: 'Counted under action 1' });
    expect(await db.action.count({ where: { recommendationId: s.id, archivedAt: null } })).toBe(1);
  });

  it('lets only one of two simultaneous archives of the last two actions through: the other is told it is the last, never a database error', async () => {
    // Several recommendations raced at once, so that an unlucky interleaving (a deadlock) is not left to chance.
    const setups = await Promise.all(Array.from({ length: 6 }, async () => {
      const s = await setUp();
      return { s, second: await addAction(s) };
    }));
    const outcomes = await Promise.all(
      setups.map(({ s, second }) =>
        Promise.allSettled([
          archiveAction(reviewer, { id: s.actionId, version: 1, archiveReason: 'One' }),
          archiveAction(secondReviewer, { id: second.id, version: 1, archiveReason: 'Other' }),
        ]),
      ),
    );
    for (const [index, results] of outcomes.entries()) {
      const { s } = setups[index]!;
      expect(results.filter((result) => result.status === 'fulfilled')).toHaveLength(1);
      const refused = results.flatMap((result) => (result.status === 'rejected' ? [result.reason as Error] : []));
      expect(refused.map((error) => `${error.name}: ${error.message.split('\n').filter(Boolean).at(-1)}`)).toEqual([`RuleError: ${LAST_ACTION}`]);
      expect(await db.action.count({ where: { recommendationId: s.id, archivedAt: null } })).toBe(1);
      expect(await db.historyEvent.count({ where: { recommendationId: s.id, kind: 'action.archived' } })).toBe(1);
    }
  });

  it('is for reviewers: owners (even of the agency) and viewers are forbidden, and nothing changes', async () => {
    const s = await setUp();
    const second = await addAction(s);
    const before = await snapshot(s.id);
    for (const actor of [councilLead, policeLead, viewer]) {
      expect(await refusal(archiveAction(actor, { id: second.id, version: 1, archiveReason: null }))).toBeInstanceOf(ForbiddenError);
    }
    expect(await snapshot(s.id)).toEqual(before);
  });
});

describe('who updates which action', () => {
  it("lets an owner of agency B update B's action of a recommendation led by agency A, but not A's action; and A's owner not B's", async () => {
    const s = await setUp();
    const policeAction = await addAction(s);
    const before = await snapshot(s.id);
    // The police owner on the council's action (the recommendation's lead action), and the council's on the police's.
    expect(await refusal(move(policeLead, s.actionId, 'IN_PROGRESS'))).toBeInstanceOf(ForbiddenError);
    expect(await refusal(move(councilLead, policeAction.id, 'IN_PROGRESS'))).toBeInstanceOf(ForbiddenError);
    expect(await refusal(move(councilOfficer, policeAction.id, 'NOT_STARTED', 'A note on their action'))).toBeInstanceOf(ForbiddenError);
    expect(await snapshot(s.id)).toEqual(before);

    // The police owner on the police's action, in a recommendation the council leads.
    expect(await move(policeLead, policeAction.id, 'IN_PROGRESS', 'Sessions booked')).toEqual({ version: 2 });
    expect(await db.action.findUniqueOrThrow({ where: { id: policeAction.id } })).toMatchObject({ status: 'IN_PROGRESS', progressNote: 'Sessions booked' });
    expect((await eventsFor(policeAction.id)).at(-1)).toMatchObject({ kind: 'action.status_changed', actorId: policeLead.id, recommendationId: s.id });
    // The council's action is untouched; the recommendation is in progress, still led by the council.
    expect(await db.action.findUniqueOrThrow({ where: { id: s.actionId } })).toEqual(before.actions.find((action) => action.id === s.actionId));
    expect(await db.recommendation.findUniqueOrThrow({ where: { id: s.id } })).toMatchObject({ status: 'IN_PROGRESS', ownerAgencyId: council.id, version: 1 });
  });
});

describe("the recommendation follows from its actions", () => {
  it('is verified only when every action is verified; implemented when every one is done; in progress in between', async () => {
    const s = await setUp();
    const policeAction = await addAction(s);
    const status = async () => (await db.recommendation.findUniqueOrThrow({ where: { id: s.id } })).status;
    expect(await status()).toBe('NOT_STARTED');

    await move(councilLead, s.actionId, 'IN_PROGRESS');
    expect(await status()).toBe('IN_PROGRESS');

    await acceptedEvidence(s.actionId, councilLead);
    await acceptedEvidence(policeAction.id, policeLead);
    await move(councilLead, s.actionId, 'IMPLEMENTED');
    expect(await status()).toBe('IN_PROGRESS');
    await move(policeLead, policeAction.id, 'IMPLEMENTED');
    expect(await status()).toBe('IMPLEMENTED');

    await move(reviewer, s.actionId, 'VERIFIED');
    expect(await status()).toBe('IMPLEMENTED');
    await move(reviewer, policeAction.id, 'VERIFIED');
    expect(await status()).toBe('VERIFIED');

    // A verified action reopened by a reviewer puts the recommendation back in progress.
    await move(reviewer, policeAction.id, 'IN_PROGRESS', 'The register missed a team');
    expect(await status()).toBe('IN_PROGRESS');
    // None of this touched the recommendation's own version: it is for edits of its text.
    expect((await db.recommendation.findUniqueOrThrow({ where: { id: s.id } })).version).toBe(1);
  });

  it("takes its due date from the latest action's and its lead from the first action's (by reference)", async () => {
    const s = await setUp();
    await addAction(s, { reference: '10', dueDate: '2014-01-31' });
    const second = await addAction(s, { reference: '2', dueDate: '2013-05-31', ownerAgencyId: council.id, leadOfficerId: councilOfficer.id });
    expect(await db.recommendation.findUniqueOrThrow({ where: { id: s.id } })).toMatchObject({
      dueDate: day('2014-01-31'),
      ownerAgencyId: council.id,
      leadOfficerId: councilLead.id,
    });
    // "1" renamed "11": "2" is now the first (2 before 10 before 11).
    await updateAction(reviewer, await editInput(s.actionId, { reference: '11' }));
    expect(await db.recommendation.findUniqueOrThrow({ where: { id: s.id } })).toMatchObject({ ownerAgencyId: council.id, leadOfficerId: councilOfficer.id });
    await updateAction(reviewer, await editInput(second.id, { ownerAgencyId: police.id, leadOfficerId: policeLead.id }));
    expect(await db.recommendation.findUniqueOrThrow({ where: { id: s.id } })).toMatchObject({ ownerAgencyId: police.id, leadOfficerId: policeLead.id });
  });
});

describe('decideRecommendation', () => {
  const decide = (actor: Actor, id: string, version: number, status: RecommendationStatus, note = 'The board decided') =>
    decideRecommendation(actor, decideRecommendationSchema.parse({ recommendationId: id, version, status, note }));

  it('not accepted closes each unfinished action with an event of its own, keeps verified ones, and reopening reopens what it closed', async () => {
    const s = await setUp();
    const inProgress = await addAction(s);
    const notStarted = await addAction(s, { reference: '3' });
    await acceptedEvidence(s.actionId, councilLead);
    await move(councilLead, s.actionId, 'IMPLEMENTED');
    await move(reviewer, s.actionId, 'VERIFIED');
    await move(policeLead, inProgress.id, 'IN_PROGRESS');
    const verifiedBefore = await db.action.findUniqueOrThrow({ where: { id: s.actionId } });
    const lastEventBefore = (await db.historyEvent.findFirstOrThrow({ orderBy: { id: 'desc' } })).id;

    expect(await decide(reviewer, s.id, 1, 'NOT_ACCEPTED', 'Outside the partnership’s remit')).toEqual({ version: 2 });
    const statuses = async () =>
      Object.fromEntries((await db.action.findMany({ where: { recommendationId: s.id } })).map((action) => [action.reference, [action.status, action.version]]));
    expect(await statuses()).toEqual({ '1': ['VERIFIED', 3], '2': ['NOT_ACCEPTED', 3], '3': ['NOT_ACCEPTED', 2] });
    expect(await db.action.findUniqueOrThrow({ where: { id: s.actionId } })).toEqual(verifiedBefore);
    expect(await db.recommendation.findUniqueOrThrow({ where: { id: s.id } })).toMatchObject({ status: 'NOT_ACCEPTED', version: 2 });

    const written = await db.historyEvent.findMany({ where: { id: { gt: lastEventBefore } }, orderBy: { id: 'asc' } });
    expect(written.map((event) => [event.kind, event.subjectId, event.subjectVersion, event.before, event.after])).toEqual([
      ['recommendation.status_changed', s.id, 2, { status: 'IN_PROGRESS' }, { status: 'NOT_ACCEPTED' }],
      ['action.status_changed', inProgress.id, 3, { status: 'IN_PROGRESS' }, { status: 'NOT_ACCEPTED' }],
      ['action.status_changed', notStarted.id, 2, { status: 'NOT_STARTED' }, { status: 'NOT_ACCEPTED' }],
    ]);
    for (const event of written) expect(event).toMatchObject({ actorId: reviewer.id, note: 'Outside the partnership’s remit', recommendationId: s.id });

    // Set aside, its actions cannot be moved one by one.
    const afterDecision = await snapshot(s.id);
    expect(await refusal(move(reviewer, inProgress.id, 'NOT_STARTED', 'Reopen this one'))).toMatchObject({
      name: 'RuleError',
      field: 'status',
      message: 'A reviewer sets the whole recommendation aside (or reopens it) on the recommendation',
    });
    expect(await snapshot(s.id)).toEqual(afterDecision);

    expect(await decide(secondReviewer, s.id, 2, 'NOT_STARTED', 'The board asked again')).toEqual({ version: 3 });
    expect(await statuses()).toEqual({ '1': ['VERIFIED', 3], '2': ['NOT_STARTED', 4], '3': ['NOT_STARTED', 3] });
    // One verified and two not started: under way.
    expect(await db.recommendation.findUniqueOrThrow({ where: { id: s.id } })).toMatchObject({ status: 'IN_PROGRESS', version: 3 });
    expect(await db.historyEvent.count({ where: { id: { gt: lastEventBefore } } })).toBe(6);
  });

  it('refuses to verify a recommendation directly, with a clear message at the field, while its actions are open; nothing changes', async () => {
    const s = await setUp();
    await addAction(s);
    const before = await snapshot(s.id);
    for (const status of ['VERIFIED', 'IMPLEMENTED', 'IN_PROGRESS'] as const) {
      const error = await refusal(decide(reviewer, s.id, 1, status));
      expect(error).toBeInstanceOf(RuleError);
      // From "not started", "verified" is not a move at all; the message says so.
      expect((error as RuleError).field).toBe('status');
    }
    expect(await snapshot(s.id)).toEqual(before);

    // With both actions implemented the move exists, and is still made on the actions.
    const actions = await db.action.findMany({ where: { recommendationId: s.id } });
    for (const action of actions) {
      await acceptedEvidence(action.id, councilLead);
      await move(reviewer, action.id, 'IMPLEMENTED');
    }
    const implemented = await snapshot(s.id);
    expect(implemented.recommendation.status).toBe('IMPLEMENTED');
    expect(await refusal(decide(secondReviewer, s.id, 1, 'VERIFIED'))).toMatchObject({ name: 'RuleError', field: 'status', message: VERIFY_DIRECTLY });
    expect(await snapshot(s.id)).toEqual(implemented);
  });

  it("meets an owner's update of an action at the same moment with a clear outcome, never a database error", async () => {
    // The decision and the owner's update touch the same rows (the action, the recommendation): whichever commits first,
    // the other is applied after it or refused as a conflict. Several raced at once, so that a deadlock is not left to chance.
    const setups = await Promise.all(Array.from({ length: 6 }, () => setUp()));
    const outcomes = await Promise.all(
      setups.map((s) =>
        Promise.allSettled([
          decide(reviewer, s.id, 1, 'NOT_ACCEPTED', 'Outside the remit'),
          updateProgress(councilLead, { actionId: s.actionId, version: 1, status: 'IN_PROGRESS', note: 'Started' }),
        ]),
      ),
    );
    for (const [index, [decision, progress]] of outcomes.entries()) {
      const s = setups[index]!;
      expect(decision.status === 'fulfilled' ? 'decided' : String((decision as PromiseRejectedResult).reason).split('\n').filter(Boolean).at(-1)).toBe('decided');
      if (progress.status === 'rejected') expect(progress.reason).toBeInstanceOf(ConflictError);
      // Set aside either way, with its action.
      expect(await db.recommendation.findUniqueOrThrow({ where: { id: s.id } })).toMatchObject({ status: 'NOT_ACCEPTED' });
      expect(await db.action.findUniqueOrThrow({ where: { id: s.actionId } })).toMatchObject({ status: 'NOT_ACCEPTED' });
    }
  });

  it('is for reviewers: owners (even of the lead agency) and viewers are forbidden; a stale version is refused; nothing changes', async () => {
    const s = await setUp();
    const before = await snapshot(s.id);
    for (const actor of [councilLead, policeLead, viewer]) expect(await refusal(decide(actor, s.id, 1, 'SUPERSEDED'))).toBeInstanceOf(ForbiddenError);
    expect(await snapshot(s.id)).toEqual(before);
    await decide(reviewer, s.id, 1, 'SUPERSEDED');
    const after = await snapshot(s.id);
    expect(await refusal(decide(secondReviewer, s.id, 1, 'NOT_ACCEPTED'))).toBeInstanceOf(ConflictError);
    expect(await snapshot(s.id)).toEqual(after);
  });
});

describe("the issue's bad inputs: each refused with a clear message at the field, and nothing changed", () => {
  const messages = (result: { error?: { issues: { path: PropertyKey[]; message: string }[] } }) =>
    Object.fromEntries((result.error?.issues ?? []).map((issue) => [issue.path.join('.'), issue.message]));
  const valid = { recommendationId: 'r', reference: '2', text: 'Police to train response officers', ownerAgencyId: 'a', leadOfficerId: '', dueDate: '2013-06-30' };

  it('an action with no owner agency', async () => {
    expect(messages(createActionSchema.safeParse({ ...valid, ownerAgencyId: '' }))).toEqual({ ownerAgencyId: CHOOSE_OWNER });
    expect(messages(createActionSchema.safeParse({ ...valid, ownerAgencyId: undefined }))).toEqual({ ownerAgencyId: CHOOSE_OWNER });
    expect(messages(updateActionSchema.safeParse({ ...valid, id: 'x', version: 1, ownerAgencyId: '  ' }))).toEqual({ ownerAgencyId: CHOOSE_OWNER });
    // And the use cases, called without the schema or with an agency that does not exist.
    const s = await setUp();
    const before = await snapshot(s.id);
    for (const ownerAgencyId of ['', 'no-such-agency']) {
      const input = { ...createActionSchema.parse({ ...valid, recommendationId: s.id }), ownerAgencyId };
      expect(await refusal(createAction(reviewer, input))).toMatchObject({
        name: 'RuleError',
        field: 'ownerAgencyId',
        message: CHOOSE_OWNER_AGENCY,
      });
      expect(await refusal(updateAction(reviewer, { ...(await editInput(s.actionId)), ownerAgencyId }))).toMatchObject({
        name: 'RuleError',
        field: 'ownerAgencyId',
        message: CHOOSE_OWNER_AGENCY,
      });
    }
    expect(await snapshot(s.id)).toEqual(before);
  });

  it('a lead officer from another agency', async () => {
    const s = await setUp();
    const before = await snapshot(s.id);
    expect(await refusal(addAction(s, { ownerAgencyId: council.id, leadOfficerId: policeLead.id }))).toMatchObject({
      name: 'RuleError',
      field: 'leadOfficerId',
      message: LEAD_OFFICER_FROM_OWNER,
    });
    expect(await snapshot(s.id)).toEqual(before);
  });

  it('a due date that is not a real day (31 February)', () => {
    expect(messages(createActionSchema.safeParse({ ...valid, dueDate: '2013-02-31' }))).toEqual({ dueDate: 'Enter a real due date' });
    expect(messages(updateActionSchema.safeParse({ ...valid, id: 'x', version: 1, dueDate: '2013-02-31' }))).toEqual({ dueDate: 'Enter a real due date' });
    expect(messages(createActionSchema.safeParse({ ...valid, dueDate: '' }))).toEqual({ dueDate: 'Enter the due date' });
    expect(createActionSchema.parse({ ...valid, dueDate: '2012-02-29' }).dueDate).toEqual(day('2012-02-29'));
  });

  it('verifying a recommendation directly while actions are open', async () => {
    const s = await setUp();
    const second = await addAction(s);
    await acceptedEvidence(s.actionId, councilLead);
    await move(councilLead, s.actionId, 'IMPLEMENTED');
    await move(reviewer, s.actionId, 'VERIFIED');
    await move(policeLead, second.id, 'IN_PROGRESS');
    const before = await snapshot(s.id);
    expect(before.recommendation.status).toBe('IN_PROGRESS');
    const error = await refusal(decideRecommendation(reviewer, { recommendationId: s.id, version: 1, status: 'VERIFIED', note: 'All done' }));
    expect(error).toBeInstanceOf(RuleError);
    expect(error).toMatchObject({ field: 'status', message: 'A recommendation cannot move from In progress to Verified' });
    expect(await snapshot(s.id)).toEqual(before);
  });

  it('archiving the last open action of a recommendation still being worked on', async () => {
    const s = await setUp();
    const second = await addAction(s);
    await acceptedEvidence(s.actionId, councilLead);
    await move(councilLead, s.actionId, 'IMPLEMENTED');
    const before = await snapshot(s.id);
    const error = await refusal(archiveAction(reviewer, { id: second.id, version: 1, archiveReason: 'Not needed' }));
    expect(error).toBeInstanceOf(RuleError);
    expect(error).toMatchObject({ field: 'archiveReason', message: LAST_OPEN_ACTION });
    expect(await snapshot(s.id)).toEqual(before);
  });
});
