import { beforeEach, describe, expect, it } from 'vitest';
import type { Actor } from '@/lib/auth/session-user';
import { db } from '@/lib/db';
import { ForbiddenError } from '@/lib/auth/permissions';
import { RuleError } from '@/lib/errors';
import { createAgency, createUser, refusal } from '@/tests/support/factories';
import { bulkUpdateActions } from './bulk-update';
import { bulkUpdateSchema } from './bulk-update.schema';
import { updateProgress } from './update-progress';

let owner: Actor;
let reviewer: Actor;
let ids: { own1: string; own2: string; theirs: string };

beforeEach(async () => {
  const agency = await createAgency();
  const other = await createAgency();
  const board = await createAgency(undefined, true);
  owner = await createUser('OWNER', agency.id);
  reviewer = await createUser('REVIEWER', board.id);
  const review = await db.review.create({ data: { title: 'A review', kind: 'LEARNING_REVIEW', commissioningBody: 'The board', status: 'PUBLISHED' } });
  const due = new Date('2030-01-31');
  const recommendation = await db.recommendation.create({
    data: { reviewId: review.id, reference: 'R1', text: 'Train every practitioner', ownerAgencyId: agency.id, originalDueDate: due, dueDate: due },
  });
  const action = (reference: string, ownerAgencyId: string) =>
    db.action.create({ data: { recommendationId: recommendation.id, reference, ownerAgencyId, originalDueDate: due, dueDate: due } });
  ids = { own1: (await action('1', agency.id)).id, own2: (await action('2', agency.id)).id, theirs: (await action('3', other.id)).id };
});

const items = async (...actionIds: string[]) =>
  Promise.all(actionIds.map(async (actionId) => ({ actionId, version: (await db.action.findUniqueOrThrow({ where: { id: actionId } })).version })));
const parse = (input: Record<string, unknown>) => bulkUpdateSchema.parse(input);

describe('bulk updates of actions', () => {
  it('changes each action the owner may change, with its own history event, and says why the others were refused', async () => {
    const result = await bulkUpdateActions(owner, parse({ items: await items(ids.own1, ids.own2, ids.theirs), change: 'status', status: 'IN_PROGRESS', note: 'Started across the service' }));
    expect(result.changed.map((c) => [c.label, c.message])).toEqual([
      ['R1.1', 'Status changed to in progress'],
      ['R1.2', 'Status changed to in progress'],
    ]);
    expect(result.refused).toEqual([{ actionId: ids.theirs, label: 'R1.3', message: 'You may not make this change to this action.' }]);
    const events = await db.historyEvent.findMany({ where: { kind: 'action.status_changed' }, orderBy: { id: 'asc' } });
    expect(events.map((e) => [e.subjectId, e.note])).toEqual([
      [ids.own1, 'Started across the service'],
      [ids.own2, 'Started across the service'],
    ]);
    expect((await db.action.findUniqueOrThrow({ where: { id: ids.theirs } })).status).toBe('NOT_STARTED');
    // The refusal is recorded, as any refused permission is.
    expect(await db.historyEvent.count({ where: { kind: 'access.denied', actorId: owner.id } })).toBe(1);
  });

  it('refuses, by its version, an action changed since the list was loaded, and applies the rest', async () => {
    const loaded = await items(ids.own1, ids.own2);
    await updateProgress(reviewer, { actionId: ids.own2, version: loaded[1]!.version, status: 'IN_PROGRESS', note: 'Meanwhile' });
    const result = await bulkUpdateActions(reviewer, parse({ items: loaded, change: 'dueDate', dueDate: '2030-06-30', note: 'The board agreed a later date' }));
    expect(result.changed.map((c) => [c.label, c.message])).toEqual([['R1.1', 'Due date moved to 30 June 2030']]);
    expect(result.refused.map((r) => r.label)).toEqual(['R1.2']);
    expect(result.refused[0]!.message).toMatch(/^Changed by Test reviewer since the list was loaded/);
    const moved = await db.action.findUniqueOrThrow({ where: { id: ids.own1 } });
    expect([moved.dueDate.toISOString().slice(0, 10), moved.dueDateChangeReason, moved.originalDueDate.toISOString().slice(0, 10)]).toEqual(['2030-06-30', 'The board agreed a later date', '2030-01-31']);
    expect((await db.action.findUniqueOrThrow({ where: { id: ids.own2 } })).dueDate.toISOString().slice(0, 10)).toBe('2030-01-31');
  });

  it('refuses the whole request as forbidden, changing nothing, when the user may change none of them: an owner may not move due dates', async () => {
    const before = await db.historyEvent.count();
    const refused = await refusal(bulkUpdateActions(owner, parse({ items: await items(ids.own1, ids.own2), change: 'dueDate', dueDate: '2030-06-30', note: 'Later' })));
    expect(refused).toBeInstanceOf(ForbiddenError);
    // Recorded once, by the Server Action that receives the refusal; nothing here.
    expect(await db.historyEvent.count()).toBe(before);
  });

  it('checks the permission and version even when the due date asked for is the one it has', async () => {
    const same = parse({ items: await items(ids.own1), change: 'dueDate', dueDate: '2030-01-31', note: 'No change' });
    expect(await refusal(bulkUpdateActions(owner, same))).toBeInstanceOf(ForbiddenError);
    expect(await bulkUpdateActions(reviewer, same)).toMatchObject({ changed: [{ label: 'R1.1', message: 'Already due on 31 January 2030' }] });
    const stale = parse({ items: [{ actionId: ids.own1, version: 99 }], change: 'dueDate', dueDate: '2030-01-31', note: 'No change' });
    expect((await refusal(bulkUpdateActions(reviewer, stale)) as Error).message).toMatch(/Changed since the list was loaded/);
  });

  it('refuses the whole request with every reason when none could be changed for mixed reasons', async () => {
    const stale = [{ actionId: ids.own1, version: 99 }, ...(await items(ids.theirs))];
    const refused = await refusal(bulkUpdateActions(owner, parse({ items: stale, change: 'status', status: 'IN_PROGRESS', note: 'x' })));
    expect(refused).toBeInstanceOf(RuleError);
    expect((refused as RuleError).message).toBe(
      'None of the selected actions was changed. R1.1: Changed since the list was loaded: reload the list to see it, then try again. R1.3: You may not make this change to this action.',
    );
  });

  it('applies the workflow to each: implemented needs evidence', async () => {
    const refused = await refusal(bulkUpdateActions(reviewer, parse({ items: await items(ids.own1), change: 'status', status: 'IMPLEMENTED', note: 'Done' })));
    expect((refused as RuleError).message).toMatch(/^None of the selected actions was changed\. R1\.1: .*evidence/);
  });

  it.each([
    [{ items: [], change: 'status', status: 'IN_PROGRESS', note: 'x' }, 'items', 'Tick at least one action in the list'],
    [{ items: [{ actionId: 'a', version: 1 }], change: 'status', status: '', note: 'x' }, 'status', 'Choose the new status'],
    [{ items: [{ actionId: 'a', version: 1 }], change: 'dueDate', dueDate: '2030-02-31', note: 'x' }, 'dueDate', 'Enter a real due date'],
    [{ items: [{ actionId: 'a', version: 1 }], change: 'dueDate', note: 'x' }, 'dueDate', 'Enter the new due date'],
    [{ items: [{ actionId: 'a', version: 1 }], change: 'status', status: 'IN_PROGRESS', note: '  ' }, 'note', 'Enter a note saying what has changed and why'],
    [{ items: Array.from({ length: 101 }, (_, i) => ({ actionId: `a${i}`, version: 1 })), change: 'status', status: 'IN_PROGRESS', note: 'x' }, 'items', 'Tick at most 100 actions at a time'],
  ])('refuses bad input at its field: %j', (input, field, message) => {
    const parsed = bulkUpdateSchema.safeParse(input);
    expect(parsed.success).toBe(false);
    expect(parsed.error!.issues.find((issue) => issue.path[0] === field)?.message).toBe(message);
  });
});
