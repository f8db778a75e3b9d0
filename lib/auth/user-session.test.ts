import { decode, encode } from 'next-auth/jwt';
import { beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { db } from '@/lib/db';
import { createSession, createSessionUser, eventsOf } from '@/tests/support/auth-factories';
import { changePassword } from '@/lib/users/change-password';
import { createAgency, createUser, TEST_PASSWORD } from '@/tests/support/factories';
import { findSessionUser } from './session-user';
import { endOtherSessions, signOutSession } from './user-session';

// A cookie jar standing in for next/headers' cookies() in a Server Action.
const jar = vi.hoisted(() => new Map<string, string>());
vi.mock('next/headers', () => ({
  cookies: async () => ({
    get: (name: string) => (jar.has(name) ? { name, value: jar.get(name)! } : undefined),
    getAll: () => [...jar].map(([name, value]) => ({ name, value })),
    set: (name: string, value: string) => void jar.set(name, value),
    delete: (name: string) => void jar.delete(name),
  }),
}));

process.env.NEXTAUTH_SECRET ??= 'a test secret that is long enough for next-auth';
const { keepSessionAfterPasswordChange, SessionNotRenewedError } = await import('./keep-session');

const MINUTE = 60_000;
const T0 = new Date('2026-03-02T09:00:00Z');
const at = (minutes: number) => new Date(T0.getTime() + minutes * MINUTE);

let agencyId: string;
beforeAll(async () => {
  agencyId = (await createAgency()).id;
});

async function signedIn(role: 'OWNER' | 'REVIEWER' = 'OWNER', start = T0) {
  const user = await createUser(role, agencyId);
  const session = await createSession(user.id, start);
  return { user, session, claims: { id: user.id, sessionVersion: 1, sessionId: session.id } };
}

const sessionRow = (id: string) => db.userSession.findUniqueOrThrow({ where: { id } });

describe('findSessionUser', () => {
  it('returns the user, with two-factor state and session id, while the session is live', async () => {
    const { user, session, claims } = await signedIn();
    expect(await findSessionUser(claims, at(1))).toMatchObject({
      id: user.id,
      role: 'OWNER',
      twoFactorEnabled: false,
      mustChangePassword: false,
      sessionId: session.id,
    });
  });

  it('moves lastSeenAt on, at most once a minute', async () => {
    const { session, claims } = await signedIn();
    await findSessionUser(claims, new Date(T0.getTime() + 59_000));
    expect((await sessionRow(session.id)).lastSeenAt).toEqual(T0);
    await findSessionUser(claims, at(1));
    expect((await sessionRow(session.id)).lastSeenAt).toEqual(at(1));
  });

  it('ends a session idle for 30 minutes, and keeps one used within them', async () => {
    const { session, claims } = await signedIn();
    expect(await findSessionUser(claims, at(29))).not.toBeNull();
    expect(await findSessionUser(claims, at(58))).not.toBeNull(); // 29 minutes after the last request
    expect(await findSessionUser(claims, at(88))).toBeNull(); // 30 minutes after it
    expect(await sessionRow(session.id)).toMatchObject({ endedAt: at(88), endReason: 'idle' });
    // Ended is ended: a later request does not bring it back.
    expect(await findSessionUser(claims, at(89))).toBeNull();
  });

  it('ends a session 12 hours after sign-in however busy it is', async () => {
    const { session, claims } = await signedIn();
    for (let minute = 20; minute < 12 * 60; minute += 20) expect(await findSessionUser(claims, at(minute))).not.toBeNull();
    expect(await findSessionUser(claims, at(12 * 60))).toBeNull();
    expect(await sessionRow(session.id)).toMatchObject({ endReason: 'expired' });
  });

  it("ends a deactivated user's session, and one issued before a role change (session version bumped)", async () => {
    const a = await signedIn();
    await db.user.update({ where: { id: a.user.id }, data: { active: false } });
    expect(await findSessionUser(a.claims, at(1))).toBeNull();
    expect(await sessionRow(a.session.id)).toMatchObject({ endReason: 'deactivated' });

    const b = await signedIn('REVIEWER');
    await db.user.update({ where: { id: b.user.id }, data: { role: 'VIEWER', sessionVersion: { increment: 1 } } });
    expect(await findSessionUser(b.claims, at(1))).toBeNull();
    expect(await sessionRow(b.session.id)).toMatchObject({ endReason: 'superseded' });
    const again = await createSession(b.user.id, at(2));
    expect(await findSessionUser({ id: b.user.id, sessionVersion: 2, sessionId: again.id }, at(3))).toMatchObject({ role: 'VIEWER' });
  });

  it('returns null without a session, with an unknown id, or with a session that is not the user’s', async () => {
    const { claims } = await signedIn();
    const other = await signedIn();
    expect(await findSessionUser(null)).toBeNull();
    expect(await findSessionUser({ id: undefined, sessionVersion: 1, sessionId: claims.sessionId })).toBeNull();
    expect(await findSessionUser({ id: claims.id, sessionVersion: 1 })).toBeNull(); // a token from before sessions had rows
    expect(await findSessionUser({ id: 'no-such-user', sessionVersion: 1, sessionId: claims.sessionId })).toBeNull();
    expect(await findSessionUser({ ...claims, sessionId: 'no-such-session' })).toBeNull();
    expect(await findSessionUser({ ...claims, sessionId: other.claims.sessionId }, at(1))).toBeNull();
  });
});

describe('signing out', () => {
  it('ends the session and records user.signed_out once', async () => {
    const { user, session, claims } = await signedIn();
    await signOutSession({ sub: user.id, sessionId: session.id }, at(5));
    await signOutSession({ sub: user.id, sessionId: session.id }, at(6));
    expect(await sessionRow(session.id)).toMatchObject({ endedAt: at(5), endReason: 'signed out' });
    expect(await eventsOf('user.signed_out', user.id)).toHaveLength(1);
    expect(await findSessionUser(claims, at(7))).toBeNull();
  });

  it('ignores a token without a session, or someone else’s', async () => {
    const { session } = await signedIn();
    await signOutSession(null);
    await signOutSession({ sub: 'someone-else', sessionId: session.id });
    expect((await sessionRow(session.id)).endedAt).toBeNull();
  });

  it('can end all of a user’s other sessions', async () => {
    const { user, session } = await signedIn();
    const second = await createSession(user.id, T0);
    expect(await endOtherSessions(db, user.id, session.id, 'two-factor changed', at(1))).toBe(1);
    expect((await sessionRow(session.id)).endedAt).toBeNull();
    expect(await sessionRow(second.id)).toMatchObject({ endReason: 'two-factor changed' });
  });
});

describe('keeping the session after a password change', () => {
  const COOKIE = 'next-auth.session-token'; // NEXTAUTH_URL is not https here
  const secret = process.env.NEXTAUTH_SECRET!;

  beforeEach(() => jar.clear());

  async function withCookie(actor: Awaited<ReturnType<typeof createSessionUser>>, sessionVersion = 1) {
    jar.set(COOKIE, await encode({ token: { sub: actor.id, sessionVersion, sessionId: actor.sessionId, role: actor.role, agencyId }, secret }));
  }

  it('re-issues the cookie with the new version, for the same session, and ends the other sessions', async () => {
    const actor = await createSessionUser('OWNER', agencyId);
    const elsewhere = await createSession(actor.id);
    await withCookie(actor);
    // A bare version bump, keeping the same session row.
    await db.user.update({ where: { id: actor.id }, data: { sessionVersion: 2 } });

    await keepSessionAfterPasswordChange(actor, 2);

    const token = await decode({ token: jar.get(COOKIE), secret });
    expect(token).toMatchObject({ sub: actor.id, sessionId: actor.sessionId, sessionVersion: 2 });
    expect(await findSessionUser({ id: actor.id, sessionVersion: 2, sessionId: actor.sessionId })).toMatchObject({ id: actor.id });
    expect(await sessionRow(elsewhere.id)).toMatchObject({ endReason: 'password changed' });
    expect(await findSessionUser({ id: actor.id, sessionVersion: 1, sessionId: elsewhere.id })).toBeNull();
  });

  it('keeps the user signed in through lib/users changePassword, which hands over to a replacement session', async () => {
    const actor = await createSessionUser('OWNER', agencyId, { mustChangePassword: true });
    const elsewhere = await createSession(actor.id);
    await withCookie(actor);
    const newPassword = 'plum orchard lantern 4417 quietly';
    const changed = await changePassword(actor, { currentPassword: TEST_PASSWORD, newPassword, confirmPassword: newPassword });

    await keepSessionAfterPasswordChange(actor, changed);

    const token = await decode({ token: jar.get(COOKIE), secret });
    expect(token).toMatchObject({ sub: actor.id, sessionVersion: changed.sessionVersion, sessionId: changed.sessionId });
    const user = await findSessionUser({ id: actor.id, sessionVersion: token!.sessionVersion, sessionId: token!.sessionId });
    expect(user).toMatchObject({ id: actor.id, mustChangePassword: false });
    // The old token, and every other session, no longer work.
    expect(await findSessionUser({ id: actor.id, sessionVersion: 1, sessionId: actor.sessionId })).toBeNull();
    expect(await findSessionUser({ id: actor.id, sessionVersion: 1, sessionId: elsewhere.id })).toBeNull();
  });

  it('refuses when the cookie is not this session’s, or the version is not the user’s', async () => {
    const actor = await createSessionUser('OWNER', agencyId);
    const other = await createSessionUser('OWNER', agencyId);
    await withCookie(other);
    await expect(keepSessionAfterPasswordChange(actor, 2)).rejects.toThrow(SessionNotRenewedError);
    await withCookie(actor);
    await expect(keepSessionAfterPasswordChange(actor, 7)).rejects.toThrow(SessionNotRenewedError);
    jar.set(COOKIE, 'tampered');
    await expect(keepSessionAfterPasswordChange(actor, 1)).rejects.toThrow(SessionNotRenewedError);
  });
});
