import { beforeAll, describe, expect, it } from 'vitest';
import { describeEvent } from '@/lib/audit/describe-event';
import { ForbiddenError } from '@/lib/auth/permissions';
import type { Actor } from '@/lib/auth/session-user';
import { db } from '@/lib/db';
import { ConflictError, NotFoundError, RuleError } from '@/lib/errors';
import { createCast, refusal } from '@/tests/support/factories';
import { createMeasure as insertMeasure, createRecommendation, snapshot } from '@/tests/support/evidence-factories';
import { createMeasure } from './create-measure';
import { createMeasureSchema, updateMeasureValueSchema } from './measure.schema';
import { updateMeasureValue } from './update-measure-value';

let ownAgencyId: string;
let owner: Actor;
let otherOwner: Actor;
let reviewer: Actor;
let admin: Actor;
let viewer: Actor;

beforeAll(async () => {
  ({ ownAgencyId, owner, otherOwner, reviewer, admin, viewer } = await createCast());
});

describe('createMeasure', () => {
  it('defines a measure and records measure.created in the same transaction', async () => {
    const recommendation = await createRecommendation(ownAgencyId);
    const input = createMeasureSchema.parse({ actionId: recommendation.actionId, name: 'Staff trained face to face', unit: 'staff', target: '1,500' });
    const { measureId } = await createMeasure(reviewer, input);

    const measure = await db.measure.findUniqueOrThrow({ where: { id: measureId } });
    expect(measure).toMatchObject({ name: 'Staff trained face to face', unit: 'staff', version: 1 });
    expect(measure.target.toNumber()).toBe(1500);
    expect(measure.currentValue.toNumber()).toBe(0);
    const event = await db.historyEvent.findFirstOrThrow({ where: { subjectId: measureId }, include: { actor: true } });
    expect(event).toMatchObject({
      kind: 'measure.created',
      subjectType: 'measure',
      subjectVersion: 1,
      actorId: reviewer.id,
      reviewId: recommendation.reviewId,
      recommendationId: recommendation.id,
      after: { actionId: recommendation.actionId, name: 'Staff trained face to face', unit: 'staff', target: 1500 },
    });
    expect(measure).toMatchObject({ actionId: recommendation.actionId, recommendationId: recommendation.id });
    expect(describeEvent({ ...event, actorName: event.actor!.name })).toBe(`${reviewer.name} added the measure "Staff trained face to face" (target 1,500)`);
  });

  it('validates name and target with messages per field', () => {
    const result = createMeasureSchema.safeParse({ actionId: 'r', name: ' ', unit: '', target: '0' });
    expect(result.error?.issues.map((issue) => [issue.path.join('.'), issue.message])).toEqual([
      ['name', 'Enter what is measured'],
      ['target', 'The target must be greater than 0'],
    ]);
    expect(createMeasureSchema.safeParse({ actionId: 'r', name: 'n', target: '' }).error?.issues[0]?.message).toBe('Enter the target');
    expect(createMeasureSchema.safeParse({ actionId: 'r', name: 'n', target: 'lots' }).error?.issues[0]?.message).toBe(
      'Enter the target as a number, like 1500 or 12.5',
    );
  });

  it('refuses a second measure with the same name on the same action', async () => {
    const recommendation = await createRecommendation(ownAgencyId);
    await createMeasure(reviewer, { actionId: recommendation.actionId, name: 'Referrals screened', unit: '', target: 100 });
    const error = await refusal(createMeasure(admin, { actionId: recommendation.actionId, name: 'referrals SCREENED', unit: '', target: 50 }));
    expect(error).toBeInstanceOf(RuleError);
    expect(error).toMatchObject({ field: 'name' });
  });

  it('creates one measure of a name when ten are added at once, and tells the others why at the field', async () => {
    const recommendation = await createRecommendation(ownAgencyId);
    const names = ['Audits done', 'Audits done', 'AUDITS DONE', 'audits done', 'Audits done', 'Audits done', 'Audits done', 'Audits Done', 'Audits done', 'Audits done'];
    const results = await Promise.allSettled(names.map((name) => createMeasure(reviewer, { actionId: recommendation.actionId, name, unit: '', target: 4 })));
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    for (const result of results.filter((r) => r.status === 'rejected')) {
      expect(result.reason).toBeInstanceOf(RuleError);
      expect(result.reason).toMatchObject({ field: 'name', message: 'This action already has a measure with that name' });
    }
    expect(await db.measure.count({ where: { recommendationId: recommendation.id } })).toBe(1);
    expect(await db.historyEvent.count({ where: { kind: 'measure.created', recommendationId: recommendation.id } })).toBe(1);
  });

  it('is for reviewers and admins only: owners (even of the agency) and viewers are forbidden, and nothing is written', async () => {
    const recommendation = await createRecommendation(ownAgencyId);
    const input = { actionId: recommendation.actionId, name: 'Meetings held', unit: 'meetings', target: 12 };
    const before = await snapshot();
    for (const actor of [owner, otherOwner, viewer]) expect(await refusal(createMeasure(actor, input))).toBeInstanceOf(ForbiddenError);
    expect(await snapshot()).toEqual(before);
    await expect(createMeasure(admin, input)).resolves.toBeTruthy();
  });

  it('refuses an archived recommendation, an archived action and an unknown one', async () => {
    const archived = await createRecommendation(ownAgencyId, { archived: true });
    const live = await createRecommendation(ownAgencyId);
    await db.action.update({ where: { id: live.actionId }, data: { archivedAt: new Date() } });
    for (const actionId of [archived.actionId, live.actionId, 'no-such-id']) {
      expect(await refusal(createMeasure(reviewer, { actionId, name: 'x', unit: '', target: 1 }))).toBeInstanceOf(NotFoundError);
    }
  });

  it('allows the same name on two actions of one recommendation', async () => {
    const recommendation = await createRecommendation(ownAgencyId);
    const second = await db.action.create({
      data: { recommendationId: recommendation.id, reference: '2', ownerAgencyId: ownAgencyId, dueDate: recommendation.dueDate, originalDueDate: recommendation.dueDate },
    });
    await createMeasure(reviewer, { actionId: recommendation.actionId, name: 'Audits done', unit: '', target: 4 });
    await createMeasure(reviewer, { actionId: second.id, name: 'Audits done', unit: '', target: 2 });
    expect(await db.measure.count({ where: { recommendationId: recommendation.id } })).toBe(2);
  });
});

describe('updateMeasureValue', () => {
  it('records the new value with its note, bumps the version, restarts the stall clock and writes measure.updated', async () => {
    const recommendation = await createRecommendation(ownAgencyId);
    const measure = await insertMeasure(recommendation.actionId, { currentValue: 300 });
    const input = updateMeasureValueSchema.parse({ measureId: measure.id, version: '1', currentValue: '1,200.5', note: 'From the training register' });
    await expect(updateMeasureValue(owner, input)).resolves.toEqual({ version: 2 });

    const row = await db.measure.findUniqueOrThrow({ where: { id: measure.id } });
    expect(row.currentValue.toNumber()).toBe(1200.5);
    expect(row.version).toBe(2);
    // The action's stall clock restarts, and the recommendation's with it; neither version moves.
    const action = await db.action.findUniqueOrThrow({ where: { id: recommendation.actionId } });
    expect(action.lastProgressAt.getTime()).toBeGreaterThan(recommendation.lastProgressAt.getTime());
    expect(action.version).toBe(1);
    const rec = await db.recommendation.findUniqueOrThrow({ where: { id: recommendation.id } });
    expect(rec.lastProgressAt).toEqual(action.lastProgressAt);
    expect(rec.version).toBe(recommendation.version);

    const event = await db.historyEvent.findFirstOrThrow({ where: { subjectId: measure.id, kind: 'measure.updated' }, include: { actor: true } });
    expect(event).toMatchObject({
      subjectType: 'measure',
      subjectVersion: 2,
      actorId: owner.id,
      before: { currentValue: 300, name: measure.name },
      after: { currentValue: 1200.5, name: measure.name },
      note: 'From the training register',
      reviewId: recommendation.reviewId,
      recommendationId: recommendation.id,
    });
    expect(describeEvent({ ...event, actorName: event.actor!.name })).toBe(`${owner.name} updated "${measure.name}" from 300 to 1,200.5`);
  });

  it('needs a note, and a value of 0 or more', () => {
    const result = updateMeasureValueSchema.safeParse({ measureId: 'm', version: 1, currentValue: '-1', note: '' });
    expect(result.error?.issues.map((issue) => [issue.path.join('.'), issue.message])).toEqual([
      ['currentValue', 'The current value cannot be negative'],
      ['note', 'Enter a note saying where the new value comes from'],
    ]);
    expect(updateMeasureValueSchema.safeParse({ measureId: 'm', version: 1, currentValue: '0', note: 'Reset' }).success).toBe(true);
  });

  it('refuses the value it already has, and writes nothing', async () => {
    const recommendation = await createRecommendation(ownAgencyId);
    const measure = await insertMeasure(recommendation.actionId, { currentValue: 40 });
    const before = await snapshot();
    const error = await refusal(updateMeasureValue(owner, { measureId: measure.id, version: 1, currentValue: 40, note: 'Same' }));
    expect(error).toMatchObject({ name: 'RuleError', field: 'currentValue' });
    expect(await snapshot()).toEqual(before);
  });

  it("allows the owner's agency, reviewers and admins; forbids another agency's owner and viewers, writing nothing", async () => {
    const recommendation = await createRecommendation(ownAgencyId);
    const measure = await insertMeasure(recommendation.actionId);
    const before = await snapshot();
    for (const actor of [otherOwner, viewer]) {
      expect(await refusal(updateMeasureValue(actor, { measureId: measure.id, version: 1, currentValue: 5, note: 'n' }))).toBeInstanceOf(ForbiddenError);
    }
    expect(await snapshot()).toEqual(before);
    let version = 1;
    for (const [i, actor] of [owner, reviewer, admin].entries()) {
      ({ version } = await updateMeasureValue(actor, { measureId: measure.id, version, currentValue: (i + 1) * 10, note: 'n' }));
    }
    expect(version).toBe(4);
  });

  it('refuses a stale version, says who changed what, and changes nothing', async () => {
    const recommendation = await createRecommendation(ownAgencyId);
    const measure = await insertMeasure(recommendation.actionId);
    await updateMeasureValue(reviewer, { measureId: measure.id, version: 1, currentValue: 500, note: 'First count' });
    const before = await snapshot();
    const error = await refusal(updateMeasureValue(owner, { measureId: measure.id, version: 1, currentValue: 600, note: 'My count' }));
    expect(error).toBeInstanceOf(ConflictError);
    expect((error as ConflictError).currentVersion).toBe(2);
    expect((error as ConflictError).changes).toEqual([
      expect.objectContaining({ actorName: reviewer.name, description: `${reviewer.name} updated "${measure.name}" from 0 to 500` }),
    ]);
    expect(await snapshot()).toEqual(before);
  });

  it('refuses unknown and archived measures', async () => {
    const recommendation = await createRecommendation(ownAgencyId);
    const measure = await insertMeasure(recommendation.actionId);
    await db.measure.update({ where: { id: measure.id }, data: { archivedAt: new Date() } });
    for (const measureId of [measure.id, 'no-such-id']) {
      expect(await refusal(updateMeasureValue(reviewer, { measureId, version: 1, currentValue: 1, note: 'n' }))).toBeInstanceOf(NotFoundError);
    }
  });
});
