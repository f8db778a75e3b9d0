import { randomUUID } from 'node:crypto';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { failingHistory } from '@/tests/support/failing-history';
import { verifyPassword } from '@/lib/auth/password';
import { PASSWORD_MESSAGES } from '@/lib/auth/password-policy';
import { accountKey } from '@/lib/auth/throttle';
import { ForbiddenError } from '@/lib/auth/permissions';
import { type Actor, findSessionUser } from '@/lib/auth/session-user';
import { startSession } from '@/lib/auth/user-session';
import { db } from '@/lib/db';
import { NotFoundError, RuleError } from '@/lib/errors';
import { createAgency, createUser as createTestUser, TEST_PASSWORD } from '@/tests/support/factories';
import { CURRENT_PASSWORD_WRONG, changePassword } from './change-password';
import { createUser } from './create-user';
import { createFirstAdmin, firstAdminSchema } from './create-first-admin';
import { deactivateUser } from './deactivate-user';
import { getUser } from './get-user';
import { listUsers } from './list-users';
import { reactivateUser } from './reactivate-user';
import { resetPassword } from './reset-password';
import { updateUser } from './update-user';
import { EMAIL_TAKEN, LAST_ADMIN } from './user-rules';
import {
  changePasswordSchema,
  createUserSchema,
  deactivateUserSchema,
  reactivateUserSchema,
  resetPasswordSchema,
  updateUserSchema,
} from './user.schema';

// The history write made to fail on demand (tests/support/failing-history.ts).
vi.mock('@/lib/audit/record-event', async (original) => (await import('@/tests/support/failing-history')).failingRecordEvent(original));

const STRONG = 'plum kettle orbit lantern';
const NEWER = 'violet harbour kites drift';

let admin: Actor;
let reviewer: Actor;
let owner: Actor;
let viewer: Actor;
let boardId: string;
let policeId: string;
let policeName: string;

beforeAll(async () => {
  const board = await createAgency(`Board ${randomUUID().slice(0, 8)}`, true);
  const police = await createAgency(`Police ${randomUUID().slice(0, 8)}`);
  boardId = board.id;
  policeId = police.id;
  policeName = police.name;
  admin = await createTestUser('ADMIN', board.id);
  reviewer = await createTestUser('REVIEWER', board.id);
  owner = await createTestUser('OWNER', police.id);
  viewer = await createTestUser('VIEWER', board.id);
});

/** A user made by the admin through the use case, as the form would submit it. */
async function makeUser(overrides: Record<string, unknown> = {}, actor = admin) {
  const email = `user-${randomUUID().slice(0, 8)}@example.test`;
  const input = createUserSchema.parse({ email, name: 'Police lead officer', role: 'OWNER', agencyId: policeId, initialPassword: '', ...overrides });
  const created = await createUser(actor, input);
  return { ...created, email: input.email };
}

function eventsFor(subjectId: string) {
  return db.historyEvent.findMany({ where: { subjectId }, orderBy: { id: 'asc' } });
}

async function userRow(id: string) {
  return db.user.findUniqueOrThrow({ where: { id } });
}

/** The claims of a session signed in now: its own UserSession row, and the user's current session version. */
async function claimsOf(id: string) {
  const sessionId = await startSession(db, id, new Date());
  return { id, sessionVersion: (await userRow(id)).sessionVersion, sessionId };
}

/** No password, one-time password or hash anywhere in an event. */
function expectNoSecrets(event: unknown, ...secrets: string[]) {
  const text = JSON.stringify(event);
  expect(text).not.toMatch(/argon2|passwordHash|totpSecret/i);
  for (const secret of secrets) expect(text).not.toContain(secret);
}

/** Runs `act` with the history write failing, and checks it changed nothing at all. */
async function expectRolledBack(act: () => Promise<unknown>) {
  const users = await db.user.findMany({ orderBy: { id: 'asc' } });
  const sessions = await db.userSession.findMany({ orderBy: { id: 'asc' } });
  const events = await db.historyEvent.count();
  failingHistory.events = true;
  try {
    await expect(act()).rejects.toThrow('history write failed');
  } finally {
    failingHistory.events = false;
  }
  expect(await db.user.findMany({ orderBy: { id: 'asc' } })).toEqual(users);
  expect(await db.userSession.findMany({ orderBy: { id: 'asc' } })).toEqual(sessions);
  expect(await db.historyEvent.count()).toBe(events);
}

describe('user schemas', () => {
  it('lowercases email addresses, keeps passwords exactly as typed, and makes a blank initial password null', () => {
    const parsed = createUserSchema.parse({ email: ' Lead@Police.Example ', name: ' Police lead ', role: 'OWNER', agencyId: 'a1', initialPassword: '' });
    expect(parsed).toEqual({ email: 'lead@police.example', name: 'Police lead', role: 'OWNER', agencyId: 'a1', initialPassword: null });
    expect(createUserSchema.parse({ ...parsed, initialPassword: ` ${STRONG} ` }).initialPassword).toBe(` ${STRONG} `);
    expect(createUserSchema.parse(parsed)).toEqual(parsed);
  });

  it('gives every bad field its own message, and needs the new password twice', () => {
    const result = createUserSchema.safeParse({ email: 'nope', name: '', role: 'KING', agencyId: '', initialPassword: 'short' });
    const byField = Object.fromEntries(result.error!.issues.map((issue) => [issue.path.join('.'), issue.message]));
    expect(Object.keys(byField).sort()).toEqual(['agencyId', 'email', 'initialPassword', 'name', 'role']);
    expect(byField.initialPassword).toBe(PASSWORD_MESSAGES.tooShort);

    const mismatch = changePasswordSchema.safeParse({ currentPassword: 'x', newPassword: STRONG, confirmPassword: NEWER });
    expect(mismatch.error?.issues).toEqual([expect.objectContaining({ path: ['confirmPassword'] })]);
    expect(changePasswordSchema.safeParse({ currentPassword: 'x', newPassword: 'x'.repeat(1025), confirmPassword: 'x'.repeat(1025) }).error?.issues).toEqual([
      expect.objectContaining({ path: ['newPassword'], message: PASSWORD_MESSAGES.tooLong }),
    ]);
  });
});

describe('createUser', () => {
  it('creates the user with a one-time password, shown once, that they must change; exactly one event with no secret', async () => {
    const { id, oneTimePassword, email } = await makeUser();
    expect(oneTimePassword).toMatch(/^[a-z2-9]{4}(-[a-z2-9]{4}){3}$/);
    const user = await userRow(id);
    expect(user).toMatchObject({ email, name: 'Police lead officer', role: 'OWNER', agencyId: policeId, active: true, mustChangePassword: true });
    expect(await verifyPassword(user.passwordHash, oneTimePassword!)).toBe(true);

    const events = await eventsFor(id);
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({
      kind: 'user.created',
      subjectType: 'user',
      actorId: admin.id,
      before: null,
      after: { email, name: 'Police lead officer', role: 'OWNER', agencyId: policeId, agencyName: expect.stringMatching(/^Police/), active: true, mustChangePassword: true },
      note: 'One-time password generated',
    });
    expectNoSecrets(events[0], oneTimePassword!, user.passwordHash);
  });

  it("takes the admin's initial password when it meets the policy, and does not hand it back", async () => {
    const { id, oneTimePassword } = await makeUser({ initialPassword: STRONG });
    expect(oneTimePassword).toBeNull();
    const user = await userRow(id);
    expect(await verifyPassword(user.passwordHash, STRONG)).toBe(true);
    expect(user.mustChangePassword).toBe(true);
    expectNoSecrets(await eventsFor(id), STRONG);
  });

  it('applies the password policy to the initial password, naming the field', async () => {
    const before = await db.user.count();
    for (const [initialPassword, message] of [
      ['qwerty123456', PASSWORD_MESSAGES.common],
      ['my followthrough password', PASSWORD_MESSAGES.product],
      [`${policeName.toUpperCase()} forever`, PASSWORD_MESSAGES.agency],
      ['a lead balloon sinks', PASSWORD_MESSAGES.name],
    ] as const) {
      await expect(makeUser({ initialPassword })).rejects.toEqual(new RuleError(message, 'initialPassword'));
    }
    expect(await db.user.count()).toBe(before);
  });

  it('refuses an email address already in use, whatever its case, on the email field', async () => {
    const { email } = await makeUser();
    const before = await db.user.count();
    const duplicate = makeUser({ email: email.toUpperCase() });
    await expect(duplicate).rejects.toBeInstanceOf(RuleError);
    await expect(duplicate).rejects.toMatchObject({ message: EMAIL_TAKEN, field: 'email' });
    expect(await db.user.count()).toBe(before);
  });

  it('refuses an agency that does not exist', async () => {
    await expect(makeUser({ agencyId: 'no-such-agency' })).rejects.toMatchObject({ field: 'agencyId' });
  });

  it('writes the user and its event in one transaction', async () => {
    await expectRolledBack(() => makeUser());
  });
});

describe('updateUser', () => {
  it("records only the changed fields (with the agency's name) and ends the user's sessions when role or agency change", async () => {
    const { id } = await makeUser();
    const oldClaims = await claimsOf(id);
    expect(await findSessionUser(oldClaims)).not.toBeNull();

    await updateUser(admin, updateUserSchema.parse({ id, name: 'Board quality lead', role: 'REVIEWER', agencyId: boardId }));
    const user = await userRow(id);
    expect(user).toMatchObject({ name: 'Board quality lead', role: 'REVIEWER', agencyId: boardId, sessionVersion: oldClaims.sessionVersion + 1 });
    expect(await findSessionUser(oldClaims)).toBeNull();
    expect(await findSessionUser(await claimsOf(id))).toMatchObject({ role: 'REVIEWER', agencyId: boardId });

    const events = await eventsFor(id);
    expect(events.map((e) => e.kind)).toEqual(['user.created', 'user.updated']);
    expect(events[1]).toMatchObject({
      actorId: admin.id,
      before: { name: 'Police lead officer', role: 'OWNER', agencyId: policeId, agencyName: expect.stringMatching(/^Police/) },
      after: { name: 'Board quality lead', role: 'REVIEWER', agencyId: boardId, agencyName: expect.stringMatching(/^Board/) },
    });
    expectNoSecrets(events[1]);
  });

  it('keeps sessions for a change of name alone, and records nothing when nothing changed', async () => {
    const { id } = await makeUser();
    const claims = await claimsOf(id);
    await updateUser(admin, updateUserSchema.parse({ id, name: 'Renamed lead', role: 'OWNER', agencyId: policeId }));
    expect(await findSessionUser(claims)).toMatchObject({ name: 'Renamed lead' });
    expect(await updateUser(admin, updateUserSchema.parse({ id, name: 'Renamed lead', role: 'OWNER', agencyId: policeId }))).toEqual({ id, changed: false });
    const events = await eventsFor(id);
    expect(events.map((e) => e.kind)).toEqual(['user.created', 'user.updated']);
    expect(events[1]).toMatchObject({ before: { name: 'Police lead officer' }, after: { name: 'Renamed lead' } });
  });

  it('refuses a change of your own role, and an unknown user or agency', async () => {
    await expect(updateUser(admin, updateUserSchema.parse({ id: admin.id, name: admin.name, role: 'VIEWER', agencyId: admin.agencyId }))).rejects.toMatchObject({
      field: 'role',
    });
    expect((await userRow(admin.id)).role).toBe('ADMIN');
    await expect(updateUser(admin, updateUserSchema.parse({ id: 'nobody', name: 'X', role: 'OWNER', agencyId: policeId }))).rejects.toBeInstanceOf(NotFoundError);
    const { id } = await makeUser();
    await expect(updateUser(admin, updateUserSchema.parse({ id, name: 'X', role: 'OWNER', agencyId: 'nowhere' }))).rejects.toMatchObject({ field: 'agencyId' });
  });

  it('writes the change and its event in one transaction', async () => {
    const { id } = await makeUser();
    await expectRolledBack(() => updateUser(admin, updateUserSchema.parse({ id, name: 'Never saved', role: 'VIEWER', agencyId: boardId })));
  });
});

describe('deactivateUser and reactivateUser', () => {
  it("ends the user's sessions, records one event each, and keeps everything else", async () => {
    const { id } = await makeUser();
    const claims = await claimsOf(id);
    await deactivateUser(admin, deactivateUserSchema.parse({ id, deactivateReason: 'Left the police' }));
    expect(await userRow(id)).toMatchObject({ active: false, sessionVersion: claims.sessionVersion + 1 });
    expect(await findSessionUser(claims)).toBeNull();
    expect(await findSessionUser(await claimsOf(id))).toBeNull(); // inactive: no session at all

    await expect(deactivateUser(admin, deactivateUserSchema.parse({ id }))).rejects.toBeInstanceOf(RuleError);

    const inactiveClaims = await claimsOf(id);
    await reactivateUser(admin, reactivateUserSchema.parse({ id }));
    expect(await userRow(id)).toMatchObject({ active: true, sessionVersion: claims.sessionVersion + 2 });
    // A session from before the deactivation stays dead; a new sign-in works.
    expect(await findSessionUser(claims)).toBeNull();
    expect(await findSessionUser(inactiveClaims)).toBeNull();
    expect(await findSessionUser(await claimsOf(id))).not.toBeNull();
    await expect(reactivateUser(admin, reactivateUserSchema.parse({ id }))).rejects.toBeInstanceOf(RuleError);

    const events = await eventsFor(id);
    expect(events.map((e) => e.kind)).toEqual(['user.created', 'user.deactivated', 'user.reactivated']);
    expect(events[1]).toMatchObject({ actorId: admin.id, before: { active: true }, after: { active: false }, note: 'Left the police' });
    expect(events[2]).toMatchObject({ actorId: admin.id, before: { active: false }, after: { active: true } });
    for (const event of events) expectNoSecrets(event);
  });

  it('refuses to let an admin deactivate themselves', async () => {
    await expect(deactivateUser(admin, deactivateUserSchema.parse({ id: admin.id }))).rejects.toBeInstanceOf(RuleError);
    expect((await userRow(admin.id)).active).toBe(true);
  });

  it('refuses unknown users', async () => {
    await expect(deactivateUser(admin, deactivateUserSchema.parse({ id: 'nobody' }))).rejects.toBeInstanceOf(NotFoundError);
    await expect(reactivateUser(admin, reactivateUserSchema.parse({ id: 'nobody' }))).rejects.toBeInstanceOf(NotFoundError);
  });

  it('writes each change and its event in one transaction', async () => {
    const { id } = await makeUser();
    await expectRolledBack(() => deactivateUser(admin, deactivateUserSchema.parse({ id })));
    await deactivateUser(admin, deactivateUserSchema.parse({ id }));
    await expectRolledBack(() => reactivateUser(admin, reactivateUserSchema.parse({ id })));
  });
});

describe('resetPassword', () => {
  it('sets a one-time password the user must change, ends their sessions, and records one event with no secret', async () => {
    const { id } = await makeUser({ initialPassword: STRONG });
    await db.user.update({ where: { id }, data: { mustChangePassword: false } });
    const claims = await claimsOf(id);

    const { oneTimePassword } = await resetPassword(admin, resetPasswordSchema.parse({ id }));
    const user = await userRow(id);
    expect(user).toMatchObject({ mustChangePassword: true, sessionVersion: claims.sessionVersion + 1 });
    expect(await verifyPassword(user.passwordHash, oneTimePassword)).toBe(true);
    expect(await verifyPassword(user.passwordHash, STRONG)).toBe(false);
    expect(await findSessionUser(claims)).toBeNull();
    expect(await findSessionUser(await claimsOf(id))).toMatchObject({ mustChangePassword: true });

    const events = await eventsFor(id);
    expect(events.map((e) => e.kind)).toEqual(['user.created', 'user.password_reset']);
    expect(events[1]).toMatchObject({ actorId: admin.id, before: { mustChangePassword: false }, after: { mustChangePassword: true } });
    expectNoSecrets(events, oneTimePassword, STRONG, user.passwordHash);
  });

  it('refuses to reset your own password (that is what changing it is for), and unknown users', async () => {
    await expect(resetPassword(admin, resetPasswordSchema.parse({ id: admin.id }))).rejects.toBeInstanceOf(RuleError);
    await expect(resetPassword(admin, resetPasswordSchema.parse({ id: 'nobody' }))).rejects.toBeInstanceOf(NotFoundError);
  });

  it('writes the change and its event in one transaction', async () => {
    const { id } = await makeUser();
    await expectRolledBack(() => resetPassword(admin, resetPasswordSchema.parse({ id })));
  });
});

describe('changePassword', () => {
  /** A signed-in user (made by the admin, with a known password) as the Actor the session would give. */
  async function signedInUser(password = STRONG) {
    const { id } = await makeUser({ initialPassword: password, name: 'Police lead officer' });
    const claims = await claimsOf(id);
    return { id, claims, actor: (await findSessionUser(claims))! };
  }

  const input = (currentPassword: string, newPassword: string) =>
    changePasswordSchema.parse({ currentPassword, newPassword, confirmPassword: newPassword });

  it('needs the right current password, and changes nothing without it', async () => {
    const { id, actor } = await signedInUser();
    const before = await userRow(id);
    await expect(changePassword(actor, input('not my password', NEWER))).rejects.toEqual(new RuleError(CURRENT_PASSWORD_WRONG, 'currentPassword'));
    expect(await userRow(id)).toEqual(before);
    // Nothing changed, but the wrong entry is on record.
    expect((await eventsFor(id)).map((e) => [e.kind, e.after])).toEqual([
      ['user.created', expect.anything()],
      ['user.reauthentication_failed', { purpose: 'change password' }],
    ]);
  });

  it('is no guessing oracle: wrong current passwords count against the account, and it is refused while throttled', async () => {
    const { id, actor } = await signedInUser();
    const user = await db.user.findUniqueOrThrow({ where: { id } });
    const messages: string[] = [];
    for (let i = 0; i < 12; i++) {
      const error = await changePassword(actor, input(`guess ${i}`, NEWER)).catch((e: unknown) => e as RuleError);
      messages.push((error as RuleError).message);
    }
    // The first wrong entries say so; from the fifth the account waits (the sign-in throttle's own policy), right password or not.
    expect(messages.slice(0, 5)).toEqual(Array(5).fill(CURRENT_PASSWORD_WRONG));
    expect(messages.slice(5).every((m) => /Too many|try again/i.test(m))).toBe(true);
    await expect(changePassword(actor, input(TEST_PASSWORD, NEWER))).rejects.toMatchObject({ field: 'currentPassword', message: expect.stringMatching(/try again/i) });
    expect(await db.signInThrottle.findUnique({ where: { key: accountKey(user.email) } })).toMatchObject({ failures: 5 });
    expect(await db.historyEvent.count({ where: { subjectId: id, kind: 'user.reauthentication_failed' } })).toBe(5);
  });

  it('applies the password policy to the new one, with the user’s own name and agency', async () => {
    const { id, actor } = await signedInUser();
    const before = await userRow(id);
    for (const [newPassword, message] of [
      ['qwerty123456', PASSWORD_MESSAGES.common],
      ['Follow Through rocks', PASSWORD_MESSAGES.product],
      ['officer of the watch', PASSWORD_MESSAGES.name],
      [`${actor.email.split('@')[0]} is me`, PASSWORD_MESSAGES.email],
      [STRONG, 'Choose a new password that is different from your current one'],
    ] as const) {
      await expect(changePassword(actor, input(STRONG, newPassword))).rejects.toEqual(new RuleError(message, 'newPassword'));
    }
    expect(await userRow(id)).toEqual(before);
  });

  it('sets the new password, clears "must change", ends every other session and hands back the one that replaces this one', async () => {
    const { id, claims, actor } = await signedInUser();
    const otherDevice = await claimsOf(id);
    expect(actor.mustChangePassword).toBe(true);

    const { sessionVersion, sessionId } = await changePassword(actor, input(STRONG, NEWER));
    const user = await userRow(id);
    expect(sessionVersion).toBe(claims.sessionVersion + 1);
    expect(user).toMatchObject({ mustChangePassword: false, sessionVersion });
    expect(user.passwordChangedAt).toBeInstanceOf(Date);
    expect(await verifyPassword(user.passwordHash, NEWER)).toBe(true);
    expect(await verifyPassword(user.passwordHash, STRONG)).toBe(false);

    // The replacement keeps the sign-in's start time (the 12-hour limit still counts from it); the rest are ended.
    expect(sessionId).not.toBe(claims.sessionId);
    const sessions = await db.userSession.findMany({ where: { userId: id } });
    const replaced = sessions.find((s) => s.id === claims.sessionId)!;
    expect(sessions.find((s) => s.id === sessionId)).toMatchObject({ endedAt: null, createdAt: replaced.createdAt });
    expect(sessions.filter((s) => s.id !== sessionId).map((s) => s.endReason)).toEqual(['superseded', 'superseded']);

    // The old token (a request still in flight from this tab, another device, a stolen copy) is refused,
    // and does not take the re-issued session down with it.
    expect(await findSessionUser(claims)).toBeNull();
    expect(await findSessionUser(otherDevice)).toBeNull();
    expect(await findSessionUser({ id, sessionVersion, sessionId })).toMatchObject({ id, mustChangePassword: false });
    // The new version alone does not revive an old session.
    expect(await findSessionUser({ ...claims, sessionVersion })).toBeNull();

    const events = await eventsFor(id);
    expect(events.map((e) => e.kind)).toEqual(['user.created', 'user.password_changed']);
    expect(events[1]).toMatchObject({
      actorId: id,
      before: { mustChangePassword: true, passwordChangedAt: null },
      after: { mustChangePassword: false, passwordChangedAt: user.passwordChangedAt!.toISOString() },
    });
    expectNoSecrets(events, STRONG, NEWER, user.passwordHash);
  });

  it('ends every session when the actor came without one (nothing to keep)', async () => {
    const { id, claims, actor } = await signedInUser();
    const { sessionId: _ignored, ...withoutSession } = actor;
    const result = await changePassword(withoutSession, input(STRONG, NEWER));
    expect(result.sessionId).toBeNull();
    expect(await db.userSession.count({ where: { userId: id, endedAt: null } })).toBe(0);
    expect(await findSessionUser({ ...claims, sessionVersion: result.sessionVersion })).toBeNull();
  });

  it('works for every role, on their own account only', async () => {
    for (const actor of [reviewer, owner, viewer]) {
      const { sessionVersion } = await changePassword(actor, input(TEST_PASSWORD, `${NEWER} ${actor.role.length}`));
      expect((await userRow(actor.id)).sessionVersion).toBe(sessionVersion);
    }
  });

  it('writes the change and its event in one transaction', async () => {
    const { id, actor } = await signedInUser();
    await expectRolledBack(() => changePassword(actor, input(STRONG, NEWER)));
    expect(await verifyPassword((await userRow(id)).passwordHash, STRONG)).toBe(true);
  });
});

describe('who may manage users', () => {
  it('lists and shows users to admins only, with no secret', async () => {
    const { id } = await makeUser();
    const { users } = await listUsers(admin, { perPage: 1000 });
    expect(users.find((u) => u.id === id)).toMatchObject({ role: 'OWNER', active: true, agency: { id: policeId } });
    expectNoSecrets(users);
    const detail = await getUser(admin, id);
    expect(detail).toMatchObject({ id, mustChangePassword: true, passwordChangedAt: null });
    expectNoSecrets(detail);
    await expect(getUser(admin, 'nobody')).rejects.toBeInstanceOf(NotFoundError);
    for (const actor of [reviewer, owner, viewer]) {
      await expect(listUsers(actor)).rejects.toBeInstanceOf(ForbiddenError);
      await expect(getUser(actor, id)).rejects.toBeInstanceOf(ForbiddenError);
    }
  });

  it('pages through the users and finds them by part of their name or email, any case', async () => {
    const { users: all, total } = await listUsers(admin, { perPage: 1000 });
    expect(all).toHaveLength(total);
    const pages = [];
    for (let page = 1; page <= Math.ceil(total / 2); page++) pages.push(...(await listUsers(admin, { page, perPage: 2 })).users);
    expect(pages.map((u) => u.id)).toEqual(all.map((u) => u.id));

    const found = await makeUser();
    const row = await userRow(found.id);
    const byName = await listUsers(admin, { q: row.name.slice(2, 9).toUpperCase() });
    expect(byName.users.map((u) => u.id)).toContain(found.id);
    const byEmail = await listUsers(admin, { q: row.email });
    expect(byEmail.users.map((u) => u.id)).toEqual([found.id]);
    // % and _ match only themselves.
    expect((await listUsers(admin, { q: '%' })).users.filter((u) => !u.name.includes('%') && !u.email.includes('%'))).toEqual([]);
  });

  it('refuses every change to reviewers, owners and viewers, and nothing changes', async () => {
    const { id, email } = await makeUser();
    const users = await db.user.findMany({ orderBy: { id: 'asc' } });
    const events = await db.historyEvent.count();
    for (const actor of [reviewer, owner, viewer]) {
      const attempts: (() => Promise<unknown>)[] = [
        () => createUser(actor, createUserSchema.parse({ email: `x-${email}`, name: 'Sneaky admin', role: 'ADMIN', agencyId: boardId, initialPassword: STRONG })),
        () => updateUser(actor, updateUserSchema.parse({ id: actor.id, name: actor.name, role: 'ADMIN', agencyId: actor.agencyId })),
        () => updateUser(actor, updateUserSchema.parse({ id, name: 'Hijacked', role: 'VIEWER', agencyId: boardId })),
        () => deactivateUser(actor, deactivateUserSchema.parse({ id: admin.id })),
        () => reactivateUser(actor, reactivateUserSchema.parse({ id })),
        () => resetPassword(actor, resetPasswordSchema.parse({ id })),
      ];
      for (const attempt of attempts) await expect(attempt()).rejects.toBeInstanceOf(ForbiddenError);
    }
    expect(await db.user.findMany({ orderBy: { id: 'asc' } })).toEqual(users);
    expect(await db.historyEvent.count()).toBe(events);
  });
});

describe('the last active admin', () => {
  /** Two admins and nobody else active as admin, for the rest of one test. */
  async function onlyTwoAdmins(run: (a: Actor, b: Actor) => Promise<void>) {
    const a = await createTestUser('ADMIN', boardId);
    const b = await createTestUser('ADMIN', boardId);
    const others = await db.user.findMany({ where: { role: 'ADMIN', active: true, id: { notIn: [a.id, b.id] } }, select: { id: true } });
    await db.user.updateMany({ where: { id: { in: others.map((o) => o.id) } }, data: { active: false } });
    try {
      await run(a, b);
    } finally {
      await db.user.updateMany({ where: { id: { in: others.map((o) => o.id) } }, data: { active: true } });
      await db.user.updateMany({ where: { id: { in: [a.id, b.id] } }, data: { active: false } });
    }
  }

  it('cannot be deactivated or demoted, even by an admin whose own account was deactivated a moment ago', async () => {
    await onlyTwoAdmins(async (a, b) => {
      await deactivateUser(a, deactivateUserSchema.parse({ id: b.id }));
      // b's session was checked just before a's change committed: b still acts, but a is the last admin.
      await expect(deactivateUser(b, deactivateUserSchema.parse({ id: a.id }))).rejects.toEqual(new RuleError(LAST_ADMIN));
      await expect(updateUser(b, updateUserSchema.parse({ id: a.id, name: a.name, role: 'REVIEWER', agencyId: a.agencyId }))).rejects.toEqual(
        new RuleError(LAST_ADMIN),
      );
      expect(await userRow(a.id)).toMatchObject({ role: 'ADMIN', active: true });
    });
  });

  it('survives two admins deactivating each other at the same moment: exactly one wins', async () => {
    await onlyTwoAdmins(async (a, b) => {
      const results = await Promise.allSettled([
        deactivateUser(a, deactivateUserSchema.parse({ id: b.id })),
        deactivateUser(b, deactivateUserSchema.parse({ id: a.id })),
      ]);
      expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
      const refused = results.find((r) => r.status === 'rejected') as PromiseRejectedResult;
      expect(refused.reason).toEqual(new RuleError(LAST_ADMIN));
      expect(await db.user.count({ where: { role: 'ADMIN', active: true } })).toBe(1);
    });
  });

  it('may be demoted or deactivated once another admin is active', async () => {
    await onlyTwoAdmins(async (a, b) => {
      await updateUser(a, updateUserSchema.parse({ id: b.id, name: b.name, role: 'REVIEWER', agencyId: b.agencyId }));
      expect((await userRow(b.id)).role).toBe('REVIEWER');
    });
  });
});

describe('createFirstAdmin', () => {
  it('applies the password policy on the command line too', async () => {
    const base = { email: 'Manager@Partnership.example', name: 'Partnership business manager', agencyName: 'Safeguarding Children Partnership' };
    expect(firstAdminSchema.safeParse({ ...base, password: 'short' }).error?.issues[0]?.message).toBe(PASSWORD_MESSAGES.tooShort);
    for (const password of ['qwerty123456', 'our partnership rules', 'the board meets monthly', 'the manager decides']) {
      await expect(createFirstAdmin(db, firstAdminSchema.parse({ ...base, password }))).rejects.toBeInstanceOf(RuleError);
    }
    expect(await db.agency.count({ where: { name: base.agencyName } })).toBe(0);
  });

  it('still refuses once an admin exists', async () => {
    const base = { email: 'manager@partnership.example', name: 'Partnership business manager', agencyName: 'Safeguarding Children Partnership' };
    await expect(createFirstAdmin(db, firstAdminSchema.parse({ ...base, password: STRONG }))).rejects.toThrow('An admin already exists');
  });
});
