// Enforcement of what a user must do first (change a reset password; for
// admins and reviewers, set up two-factor sign-in) in every Server Action, and
// the record of refused actions (access.denied).
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { z } from 'zod';
import { recordEvent } from '@/lib/audit/record-event';
import { RECORDED_REFUSALS_PER_WINDOW, recordAccessDenied, REFUSAL_WINDOW_MS } from '@/lib/auth/access-denied';
import { ForbiddenError } from '@/lib/auth/permissions';
import type { SessionUser } from '@/lib/auth/session-user';
import { db } from '@/lib/db';
import { createSessionUser, eventsOf } from '@/tests/support/auth-factories';
import { createAgency } from '@/tests/support/factories';

const session = vi.hoisted(() => ({ user: null as SessionUser | null }));
vi.mock('@/lib/auth/session', () => ({
  getSessionUser: async () => session.user,
  getCurrentUser: async () => session.user,
}));

const { serverAction } = await import('@/lib/server-action');

let agencyId: string;
beforeAll(async () => {
  agencyId = (await createAgency()).id;
});

const schema = z.object({ id: z.string().optional() });
const calls: string[] = [];
const handler = async (actor: SessionUser) => {
  calls.push(actor.id);
  return 'done';
};

describe('serverAction and pending account steps', () => {
  it('refuses everything to a user who must change their password, but the password change itself', async () => {
    session.user = await createSessionUser('OWNER', agencyId, { mustChangePassword: true });
    expect(await serverAction(schema, handler)({})).toEqual({
      ok: false,
      formError: 'You must change your password before you can do anything else.',
    });
    expect(await serverAction(schema, handler, { allow: 'two-factor-enrolment' })({})).toMatchObject({ ok: false });
    expect(await serverAction(schema, handler, { allow: 'password-change' })({})).toEqual({ ok: true, data: 'done' });
  });

  it.each(['ADMIN', 'REVIEWER'] as const)('refuses everything to a %s without two-factor, but enrolment', async (role) => {
    session.user = await createSessionUser(role, agencyId, { twoFactor: false });
    expect(await serverAction(schema, handler)({})).toEqual({
      ok: false,
      formError: 'You must set up two-factor sign-in before you can do anything else.',
    });
    expect(await serverAction(schema, handler, { allow: 'password-change' })({})).toMatchObject({ ok: false });
    expect(await serverAction(schema, handler, { allow: 'two-factor-enrolment' })({})).toEqual({ ok: true, data: 'done' });
  });

  it('asks for the password change before enrolment when both are pending', async () => {
    session.user = await createSessionUser('REVIEWER', agencyId, { twoFactor: false, mustChangePassword: true });
    expect(await serverAction(schema, handler, { allow: 'two-factor-enrolment' })({})).toMatchObject({
      formError: expect.stringContaining('change your password'),
    });
  });

  it('lets through an enrolled admin or reviewer, and anyone else with or without two-factor', async () => {
    for (const user of [
      await createSessionUser('ADMIN', agencyId),
      await createSessionUser('REVIEWER', agencyId),
      await createSessionUser('OWNER', agencyId),
      await createSessionUser('VIEWER', agencyId, { twoFactor: true }),
    ]) {
      session.user = user;
      expect(await serverAction(schema, handler)({})).toEqual({ ok: true, data: 'done' });
      // `allow` names a step the page is for; it does not shut out users with nothing pending.
      expect(await serverAction(schema, handler, { allow: 'two-factor-enrolment' })({})).toEqual({ ok: true, data: 'done' });
    }
  });

  it('says the session has ended when there is none', async () => {
    session.user = null;
    expect(await serverAction(schema, handler)({})).toEqual({ ok: false, formError: 'Your session has ended. Sign in again to continue.', signInAgain: true });
  });
});

describe('denied actions are recorded', () => {
  it('records access.denied in its own transaction, after the refused change rolled back', async () => {
    const viewer = await createSessionUser('VIEWER', agencyId);
    session.user = viewer;
    const name = `Refused ${Date.now()}`;
    const refused = serverAction(schema, async (actor, input) =>
      db.$transaction(async (tx) => {
        const agency = await tx.agency.create({ data: { name, shortName: name } });
        await recordEvent(tx, { actorId: actor.id, kind: 'agency.created', subjectId: agency.id, after: { name, shortName: name } });
        throw new ForbiddenError('user:manage');
        return input;
      }),
    );

    expect(await refused({ id: 'review-123' })).toEqual({ ok: false, formError: 'You do not have permission to do that' });
    expect(await db.agency.findUnique({ where: { name } })).toBeNull();
    const [denied] = await eventsOf('access.denied', 'review-123');
    expect(denied).toMatchObject({ actorId: viewer.id, subjectType: 'access', subjectId: 'review-123', after: { action: 'user:manage', unrecordedBefore: 0 } });

    // Without a record id, the subject is the action.
    await refused({});
    expect(await eventsOf('access.denied', 'user:manage')).toHaveLength(1);
    // Text that cannot be stored is refused as bad input before anything else, and records nothing.
    expect(await refused({ id: 'bad\u0000id\ud800' })).toEqual({ ok: false, fieldErrors: { id: [expect.stringMatching(/cannot be stored/)] } });
    expect(await eventsOf('access.denied', 'user:manage')).toHaveLength(1);
    const [byAction] = await eventsOf('access.denied', 'user:manage');
    expect(byAction).toMatchObject({ actorId: viewer.id, after: { action: 'user:manage' } });
  });

  it('records at most 10 refusals per person in 10 minutes, counts the rest exactly, and says so in the next one recorded', async () => {
    const prober = await createSessionUser('VIEWER', agencyId);
    const others = await createSessionUser('VIEWER', agencyId);
    const start = new Date('2026-11-28T09:00:00Z');
    const recorded = () => db.historyEvent.findMany({ where: { kind: 'access.denied', actorId: prober.id }, orderBy: { id: 'asc' } });

    // 73 refusals at once (what one probe caused), concurrently.
    await Promise.all(Array.from({ length: 73 }, (_, i) => recordAccessDenied(prober.id, 'review:update', `review-${i}`, start)));
    expect(await recorded()).toHaveLength(RECORDED_REFUSALS_PER_WINDOW);
    expect((await recorded()).every((e) => (e.after as { unrecordedBefore: number }).unrecordedBefore === 0)).toBe(true);
    // Someone else is recorded as usual.
    await recordAccessDenied(others.id, 'review:update', 'review-x', start);
    expect(await db.historyEvent.count({ where: { kind: 'access.denied', actorId: others.id } })).toBe(1);

    // Still inside the window: counted, not recorded.
    await recordAccessDenied(prober.id, 'review:update', 'review-late', new Date(start.getTime() + REFUSAL_WINDOW_MS - 1));
    expect(await recorded()).toHaveLength(RECORDED_REFUSALS_PER_WINDOW);

    // The next window: recorded again, the first saying how many went unrecorded (74 - 10).
    const later = new Date(start.getTime() + REFUSAL_WINDOW_MS);
    await recordAccessDenied(prober.id, 'evidence:assess', 'evidence-1', later);
    const [first] = (await recorded()).slice(RECORDED_REFUSALS_PER_WINDOW);
    expect(first).toMatchObject({ subjectId: 'evidence-1', after: { action: 'evidence:assess', unrecordedBefore: 64 } });
    await recordAccessDenied(prober.id, 'evidence:assess', 'evidence-2', later);
    expect((await recorded()).at(-1)).toMatchObject({ subjectId: 'evidence-2', after: { unrecordedBefore: 0 } });
  });

  it('records nothing for other refusals', async () => {
    session.user = await createSessionUser('OWNER', agencyId);
    const before = await db.historyEvent.count({ where: { kind: 'access.denied' } });
    await serverAction(schema, handler)({ id: 5 });
    expect(await db.historyEvent.count({ where: { kind: 'access.denied' } })).toBe(before);
  });
});
