import { beforeAll, describe, expect, it } from 'vitest';
import { db } from '@/lib/db';
import type { Role } from '@/lib/generated/prisma/enums';
import { enrolTwoFactor, eventsOf } from '@/tests/support/auth-factories';
import { createAgency, createUser, TEST_PASSWORD } from '@/tests/support/factories';
import { authenticate, TwoFactorRequiredError } from './authenticate';
import { accountKey, addressKey, checkThrottle, recordFailure } from './throttle';
import { totpCode, totpStep } from './totp';
import { generateRecoveryCode, hashRecoveryCode } from './two-factor';

let agencyId: string;
beforeAll(async () => {
  agencyId = (await createAgency()).id;
});

const ADDRESS = '192.0.2.77';

describe('authenticate', () => {
  it.each<Role>(['ADMIN', 'REVIEWER', 'OWNER', 'VIEWER'])('signs in a %s with the right password, and opens a session', async (role) => {
    const user = await createUser(role, agencyId);
    const signedIn = await authenticate({ email: user.email.toUpperCase(), password: TEST_PASSWORD });
    expect(signedIn).toMatchObject({ id: user.id, role, agencyId, sessionVersion: 1 });
    const row = await db.user.findUniqueOrThrow({ where: { id: user.id } });
    expect(row.lastSignInAt).toBeInstanceOf(Date);
    const session = await db.userSession.findUniqueOrThrow({ where: { id: signedIn!.sessionId } });
    expect(session).toMatchObject({ userId: user.id, endedAt: null });
  });

  it('refuses a wrong password, an unknown user and a deactivated user alike', async () => {
    const user = await createUser('REVIEWER', agencyId);
    const inactive = await createUser('REVIEWER', agencyId, { active: false });
    expect(await authenticate({ email: user.email, password: 'wrong password here' })).toBeNull();
    expect(await authenticate({ email: 'nobody@example.test', password: TEST_PASSWORD })).toBeNull();
    expect(await authenticate({ email: inactive.email, password: TEST_PASSWORD })).toBeNull();
  });

  it('refuses malformed input without throwing', async () => {
    for (const input of [null, undefined, {}, { email: 'x' }, { email: ['a'], password: 1 }, 'string', { email: 'a@b.test', password: 'p', code: 5 }]) {
      expect(await authenticate(input)).toBeNull();
    }
  });
});

describe('sign-in history', () => {
  it('records a success, with the user as actor and no secrets', async () => {
    const user = await createUser('OWNER', agencyId);
    await authenticate({ email: user.email, password: TEST_PASSWORD });
    const [event] = await eventsOf('user.signed_in', user.id);
    expect(event).toMatchObject({ actorId: user.id, subjectType: 'user', subjectId: user.id, note: null });
    expect(event!.after).toEqual({ email: user.email, twoFactor: null });
    expect(JSON.stringify(event)).not.toContain(TEST_PASSWORD);
  });

  it('records each failure with its reason; an unknown user as "unknown", with no actor', async () => {
    const user = await createUser('OWNER', agencyId);
    const inactive = await createUser('VIEWER', agencyId, { active: false });
    await authenticate({ email: user.email.toUpperCase(), password: 'wrong password here' });
    await authenticate({ email: 'Nobody-At-All@Example.test', password: 'wrong password here' });
    await authenticate({ email: inactive.email, password: TEST_PASSWORD });

    const failures = await db.historyEvent.findMany({ where: { kind: 'user.sign_in_failed' }, orderBy: { id: 'asc' } });
    const mine = failures.filter((e) => [user.id, inactive.id, 'unknown'].includes(e.subjectId));
    expect(mine.map((e) => ({ actorId: e.actorId, subjectId: e.subjectId, after: e.after, note: e.note }))).toEqual(
      expect.arrayContaining([
        { actorId: user.id, subjectId: user.id, after: { email: user.email, reason: 'password' }, note: null },
        { actorId: null, subjectId: 'unknown', after: { email: 'nobody-at-all@example.test', reason: 'password' }, note: null },
        { actorId: inactive.id, subjectId: inactive.id, after: { email: inactive.email, reason: 'inactive' }, note: null },
      ]),
    );
    for (const event of mine) {
      expect(JSON.stringify(event)).not.toContain('wrong password here');
      expect(JSON.stringify(event)).not.toContain(TEST_PASSWORD);
      // Stored as UTC instants: within a minute of now, whatever the server's zone.
      expect(Math.abs(event.occurredAt.getTime() - Date.now())).toBeLessThan(60_000);
    }
  });
});

describe('throttling in authenticate', () => {
  it('counts failures against the account and the address, and a success clears the account', async () => {
    const user = await createUser('OWNER', agencyId);
    for (let i = 0; i < 3; i++) await authenticate({ email: user.email, password: 'wrong password here' }, { clientAddress: ADDRESS });
    expect((await db.signInThrottle.findUniqueOrThrow({ where: { key: accountKey(user.email) } })).failures).toBe(3);
    expect(await authenticate({ email: user.email, password: TEST_PASSWORD }, { clientAddress: ADDRESS })).not.toBeNull();
    expect(await db.signInThrottle.findUnique({ where: { key: accountKey(user.email) } })).toBeNull();
    expect((await db.signInThrottle.findUniqueOrThrow({ where: { key: addressKey(ADDRESS) } })).failures).toBeGreaterThanOrEqual(3);
  });

  it('refuses even the right password while the account is locked, recorded as "locked", without counting it', async () => {
    const user = await createUser('OWNER', agencyId);
    for (let i = 0; i < 10; i++) await recordFailure([accountKey(user.email)]);
    expect(await authenticate({ email: user.email, password: TEST_PASSWORD })).toBeNull();
    const [event] = await eventsOf('user.sign_in_failed', user.id);
    expect(event!.after).toEqual({ email: user.email, reason: 'locked' });
    expect((await db.signInThrottle.findUniqueOrThrow({ where: { key: accountKey(user.email) } })).failures).toBe(10);
    expect(await db.userSession.count({ where: { userId: user.id } })).toBe(0);
  });

  it('locks an unknown email just like a real one (nothing tells them apart)', async () => {
    const email = `ghost-${Date.now()}@example.test`;
    const start = Date.now();
    // 20 s apart: longer than the longest delay before the lock (16 s).
    for (let i = 0; i < 10; i++) await authenticate({ email, password: 'guess number ' + i }, { now: new Date(start + i * 20_000) });
    expect(await checkThrottle([accountKey(email)], new Date(start + 9 * 20_000))).toEqual({ retryAfterSeconds: 900 });
    // Attempts inside a delay are refused unseen and not counted: 5 quick ones in a row stop at a 1-second wait.
    const quick = `ghost-quick-${Date.now()}@example.test`;
    for (let i = 0; i < 10; i++) await authenticate({ email: quick, password: 'guess number ' + i }, { now: new Date(start) });
    expect(await checkThrottle([accountKey(quick)], new Date(start))).toEqual({ retryAfterSeconds: 1 });
    expect((await db.signInThrottle.findUniqueOrThrow({ where: { key: accountKey(quick) } })).failures).toBe(5);
  });
});

describe('two-factor sign-in', () => {
  const at = new Date('2026-03-02T09:00:10Z');

  async function enrolled(role: Role = 'REVIEWER') {
    const user = await createUser(role, agencyId);
    const secret = await enrolTwoFactor(user.id);
    return { user, secret };
  }

  it('asks for the code (a distinct error) only once the password is right', async () => {
    const { user } = await enrolled();
    await expect(authenticate({ email: user.email, password: TEST_PASSWORD }, { now: at })).rejects.toThrow(TwoFactorRequiredError);
    await expect(authenticate({ email: user.email, password: TEST_PASSWORD, code: '' }, { now: at })).rejects.toThrow('two-factor-required');
    expect(await authenticate({ email: user.email, password: 'wrong password here' }, { now: at })).toBeNull();
    expect(await db.userSession.count({ where: { userId: user.id } })).toBe(0);
  });

  it('refuses a wrong code as any other failure, recorded as "two-factor" and counted', async () => {
    const { user, secret } = await enrolled();
    const wrong = totpCode(secret, at, { step: totpStep(at) + 5 });
    expect(await authenticate({ email: user.email, password: TEST_PASSWORD, code: wrong }, { now: at, clientAddress: ADDRESS })).toBeNull();
    const [event] = await eventsOf('user.sign_in_failed', user.id);
    expect(event!.after).toEqual({ email: user.email, reason: 'two-factor' });
    expect(JSON.stringify(event)).not.toContain(wrong);
    expect((await db.signInThrottle.findUniqueOrThrow({ where: { key: accountKey(user.email) } })).failures).toBe(1);
    expect(await db.userSession.count({ where: { userId: user.id } })).toBe(0);
  });

  it('signs in with the right code, and refuses the same code a second time (replay)', async () => {
    const { user, secret } = await enrolled();
    const code = totpCode(secret, at);
    const first = await authenticate({ email: user.email, password: TEST_PASSWORD, code }, { now: at });
    expect(first).toMatchObject({ id: user.id });
    expect((await eventsOf('user.signed_in', user.id))[0]!.after).toEqual({ email: user.email, twoFactor: 'totp' });
    expect(await authenticate({ email: user.email, password: TEST_PASSWORD, code }, { now: new Date(at.getTime() + 5000) })).toBeNull();
    // An earlier step's code, though inside the window, is a replay too.
    const earlier = totpCode(secret, at, { step: totpStep(at) - 1 });
    expect(await authenticate({ email: user.email, password: TEST_PASSWORD, code: earlier }, { now: at })).toBeNull();
    // The next step's code is fine.
    const next = totpCode(secret, at, { step: totpStep(at) + 1 });
    expect(await authenticate({ email: user.email, password: TEST_PASSWORD, code: next }, { now: at })).not.toBeNull();
  });

  it('accepts a code only once even when two sign-ins race with it', async () => {
    const { user, secret } = await enrolled();
    const code = totpCode(secret, at);
    const results = await Promise.all(
      Array.from({ length: 5 }, () => authenticate({ email: user.email, password: TEST_PASSWORD, code }, { now: at })),
    );
    expect(results.filter(Boolean)).toHaveLength(1);
  });

  it('accepts a recovery code once, and records its use with the codes left', async () => {
    const { user } = await enrolled('ADMIN');
    const codes = [generateRecoveryCode(), generateRecoveryCode()];
    await db.recoveryCode.createMany({ data: codes.map((code) => ({ userId: user.id, codeHash: hashRecoveryCode(code) })) });
    const typed = codes[0]!.toUpperCase().replace(/-/g, ' ');
    expect(await authenticate({ email: user.email, password: TEST_PASSWORD, code: typed }, { now: at })).toMatchObject({ id: user.id });
    expect(await authenticate({ email: user.email, password: TEST_PASSWORD, code: codes[0] }, { now: at })).toBeNull();
    const [used] = await eventsOf('user.recovery_code_used', user.id);
    expect(used).toMatchObject({ actorId: user.id, after: { remaining: 1 } });
    expect(JSON.stringify(used)).not.toContain(codes[0]!);
    expect((await eventsOf('user.signed_in', user.id))[0]!.after).toEqual({ email: user.email, twoFactor: 'recovery code' });
  });

  it('signs in an admin or reviewer who has not enrolled yet (the app then allows only enrolment)', async () => {
    const user = await createUser('ADMIN', agencyId);
    expect(await authenticate({ email: user.email, password: TEST_PASSWORD })).toMatchObject({ id: user.id });
  });
});

describe('timing', () => {
  // The issue: "the response for an unknown user takes as long as for a
  // wrong password". Interleaved, alternating which goes first, so that load on
  // the machine hits both alike. Without the decoy hash an unknown user would
  // answer in a fraction of the time (no argon2): a difference of 80% or more.
  it('takes as long for an unknown user as for a wrong password (medians of 30 each within 40%)', async () => {
    const user = await createUser('OWNER', agencyId);
    const known: number[] = [];
    const unknown: number[] = [];
    const time = async (email: string) => {
      const start = performance.now();
      await authenticate({ email, password: 'wrong password here' }, { clientAddress: ADDRESS });
      return performance.now() - start;
    };
    for (let i = 0; i < 30; i++) {
      // Cleared each time, so that neither path is throttled.
      await db.signInThrottle.deleteMany();
      const unknownEmail = `nobody-${i}@example.test`;
      if (i % 2) {
        known.push(await time(user.email));
        unknown.push(await time(unknownEmail));
      } else {
        unknown.push(await time(unknownEmail));
        known.push(await time(user.email));
      }
    }
    const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
    const [k, u] = [median(known), median(unknown)];
    expect(Math.abs(k - u) / Math.max(k, u)).toBeLessThan(0.4);
  });
});
