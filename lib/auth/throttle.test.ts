import { describe, expect, it } from 'vitest';
import { db } from '@/lib/db';
import {
  accountKey,
  addressKey,
  checkThrottle,
  clientAddress,
  normaliseAddress,
  pruneSignInThrottle,
  recordFailure,
  recordSuccess,
  signInThrottleKeys,
  THROTTLE_POLICY,
  throttledSignInResponse,
  tooManyAttemptsMessage,
} from './throttle';

const T0 = new Date('2026-03-02T09:00:00Z');
const after = (ms: number, from = T0) => new Date(from.getTime() + ms);
let n = 0;
const freshEmail = () => `throttle-${++n}-${Date.now()}@example.test`;

async function fail(keys: string[], times: number, at: Date) {
  for (let i = 0; i < times; i++) await recordFailure(keys, at);
}

describe('per-account throttling', () => {
  it('lets four failures through, then makes each attempt wait 1, 2, 4, 8, 16 s after the last failure', async () => {
    const keys = [accountKey(freshEmail())];
    await fail(keys, 4, T0);
    expect(await checkThrottle(keys, T0)).toBeNull();
    let at = T0;
    for (const [failures, wait] of [[5, 1], [6, 2], [7, 4], [8, 8], [9, 16]] as const) {
      await recordFailure(keys, at);
      expect(await checkThrottle(keys, at)).toEqual({ retryAfterSeconds: wait });
      expect(await checkThrottle(keys, after(wait * 1000 - 400, at))).toEqual({ retryAfterSeconds: 1 });
      at = after(wait * 1000, at);
      expect(await checkThrottle(keys, at)).toBeNull();
      expect((await db.signInThrottle.findUniqueOrThrow({ where: { key: keys[0] } })).failures).toBe(failures);
    }
  });

  it('locks the account for 15 minutes at the 10th failure, then starts afresh', async () => {
    const keys = [accountKey(freshEmail())];
    await fail(keys, 10, T0);
    expect(await checkThrottle(keys, T0)).toEqual({ retryAfterSeconds: 900 });
    expect(await checkThrottle(keys, after(14 * 60_000 + 59_500))).toEqual({ retryAfterSeconds: 1 });
    expect(await checkThrottle(keys, after(15 * 60_000))).toBeNull();
    // The first failure after the lock opens a new window.
    expect(await recordFailure(keys, after(15 * 60_000))).toEqual({ [keys[0]!]: 1 });
    expect(await checkThrottle(keys, after(15 * 60_000))).toBeNull();
  });

  it('forgets failures older than the 15-minute window', async () => {
    const keys = [accountKey(freshEmail())];
    await fail(keys, 4, T0);
    expect(await recordFailure(keys, after(15 * 60_000 + 1))).toEqual({ [keys[0]!]: 1 });
    await fail(keys, 3, after(16 * 60_000));
    expect(await checkThrottle(keys, after(16 * 60_000))).toBeNull();
  });

  it('is cleared by a successful sign-in, but the address key is not', async () => {
    const email = freshEmail();
    const keys = signInThrottleKeys({ email, address: '198.51.100.7' });
    await fail(keys, 6, T0);
    await recordSuccess(email.toUpperCase());
    expect(await db.signInThrottle.findUnique({ where: { key: accountKey(email) } })).toBeNull();
    expect((await db.signInThrottle.findUniqueOrThrow({ where: { key: addressKey('198.51.100.7') } })).failures).toBe(6);
  });

  it('counts concurrent failures exactly (one atomic upsert each, no lost update)', async () => {
    const keys = [accountKey(freshEmail())];
    await Promise.all(Array.from({ length: 60 }, () => recordFailure(keys, T0)));
    const row = await db.signInThrottle.findUniqueOrThrow({ where: { key: keys[0] } });
    expect(row.failures).toBe(60);
    expect(row.lockedUntil).toEqual(after(15 * 60_000));
  });

  it('keys accounts by the email lowercased and trimmed, and never stores the email itself', async () => {
    expect(accountKey(' Someone@Example.TEST ')).toBe(accountKey('someone@example.test'));
    const email = freshEmail();
    await recordFailure([accountKey(email)], T0);
    const rows = await db.signInThrottle.findMany();
    expect(JSON.stringify(rows)).not.toContain(email);
  });
});

describe('per-address throttling', () => {
  it('slows an address trying many accounts, from its 20th failure, and leaves other addresses alone', async () => {
    const { delayAfter, lockAfter } = THROTTLE_POLICY.address;
    expect([delayAfter, lockAfter]).toEqual([20, 40]);
    const address = '203.0.113.9';
    for (let i = 0; i < delayAfter - 1; i++) await recordFailure(signInThrottleKeys({ email: freshEmail(), address }), T0);
    expect(await checkThrottle(signInThrottleKeys({ email: freshEmail(), address }), T0)).toBeNull();
    await recordFailure(signInThrottleKeys({ email: freshEmail(), address }), T0);
    // A new account from the same address must wait; from another address it need not.
    expect(await checkThrottle(signInThrottleKeys({ email: freshEmail(), address }), T0)).toEqual({ retryAfterSeconds: 1 });
    expect(await checkThrottle(signInThrottleKeys({ email: freshEmail(), address: '203.0.113.10' }), T0)).toBeNull();
    for (let i = delayAfter; i < lockAfter; i++) await recordFailure([addressKey(address)], T0);
    expect(await checkThrottle([addressKey(address)], T0)).toEqual({ retryAfterSeconds: 900 });
  });

  it('gives the longest wait of the keys', async () => {
    const email = freshEmail();
    await fail([accountKey(email)], 10, T0);
    expect(await checkThrottle(signInThrottleKeys({ email, address: '192.0.2.1' }), after(60_000))).toEqual({ retryAfterSeconds: 840 });
  });
});

describe('the client address', () => {
  it('takes the first hop of X-Forwarded-For behind a trusted proxy, with X-Real-IP as fallback', () => {
    expect(clientAddress(new Headers({ 'x-forwarded-for': '198.51.100.1, 10.0.0.2' }), true)).toBe('198.51.100.1');
    expect(clientAddress(new Headers({ 'x-real-ip': '198.51.100.3' }), true)).toBe('198.51.100.3');
    expect(clientAddress({ 'x-forwarded-for': ['198.51.100.4', '10.0.0.1'] }, true)).toBe('198.51.100.4');
  });

  it('takes the last hop (what `next start` fills in from the socket) without one, and ignores X-Real-IP', () => {
    expect(clientAddress(new Headers({ 'x-forwarded-for': '198.51.100.1, 198.51.100.2' }), false)).toBe('198.51.100.2');
    expect(clientAddress(new Headers({ 'x-real-ip': '198.51.100.3' }), false)).toBeNull();
    expect(clientAddress(new Headers(), false)).toBeNull();
  });

  it('normalises IPv4-mapped IPv6, ports and case, and lumps anything else together as invalid', () => {
    expect(normaliseAddress('::ffff:127.0.0.1')).toBe('127.0.0.1');
    expect(normaliseAddress('[::1]:3000')).toBe('::1');
    expect(normaliseAddress('192.0.2.5:51234')).toBe('192.0.2.5');
    expect(normaliseAddress('2001:DB8::1')).toBe('2001:db8::1');
    expect(normaliseAddress('fe80::1%eth0')).toBe('fe80::1');
    expect(normaliseAddress('<script>')).toBe('invalid');
    expect(normaliseAddress('x'.repeat(10_000))).toBe('invalid');
  });
});

describe('the 429 decision of the auth route', () => {
  const signInRequest = (email: string, address: string) =>
    new Request('http://localhost:3000/api/auth/callback/credentials', {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', 'x-forwarded-for': address },
      body: new URLSearchParams({ email, password: 'secret password', csrfToken: 'x', json: 'true' }),
    });

  it('lets an unthrottled attempt through, with its body still readable by next-auth', async () => {
    const request = signInRequest(freshEmail(), '192.0.2.50');
    expect(await throttledSignInResponse(request, T0)).toBeNull();
    expect((await request.formData()).get('password')).toBe('secret password');
  });

  it('answers 429 with Retry-After and a message the login form shows, for a throttled account', async () => {
    const email = freshEmail();
    await fail([accountKey(email)], 10, T0);
    const response = await throttledSignInResponse(signInRequest(email.toUpperCase(), '192.0.2.51'), after(300_000));
    expect(response?.status).toBe(429);
    expect(response?.headers.get('retry-after')).toBe('600');
    const body = (await response?.json()) as Record<string, unknown>;
    expect(body).toMatchObject({ error: 'too-many-attempts', retryAfterSeconds: 600, message: 'Too many attempts. Try again in 10 minutes.' });
    expect(new URL(body.url as string).searchParams.get('error')).toBe('too-many-attempts');
  });

  it('answers 429 for a throttled address whatever the email, even with no readable body', async () => {
    await fail([addressKey('192.0.2.52')], 20, T0);
    expect((await throttledSignInResponse(signInRequest(freshEmail(), '192.0.2.52'), T0))?.status).toBe(429);
    const junk = new Request('http://localhost/api/auth/callback/credentials', {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-forwarded-for': '192.0.2.52' },
      body: '{not json',
    });
    expect((await throttledSignInResponse(junk, T0))?.headers.get('retry-after')).toBe('1');
  });

  it('words the wait in seconds, then minutes', () => {
    expect(tooManyAttemptsMessage(1)).toBe('Too many attempts. Try again in 1 second.');
    expect(tooManyAttemptsMessage(16)).toBe('Too many attempts. Try again in 16 seconds.');
    expect(tooManyAttemptsMessage(900)).toBe('Too many attempts. Try again in 15 minutes.');
  });
});

describe('pruning', () => {
  it('forgets keys quiet for a day, and keeps locked ones', async () => {
    const quiet = accountKey(freshEmail());
    const locked = accountKey(freshEmail());
    await recordFailure([quiet], T0);
    await db.signInThrottle.create({
      data: { key: locked, failures: 10, firstFailureAt: T0, lastFailureAt: T0, lockedUntil: after(48 * 3600_000) },
    });
    await pruneSignInThrottle(after(25 * 3600_000));
    expect(await db.signInThrottle.findUnique({ where: { key: quiet } })).toBeNull();
    expect(await db.signInThrottle.findUnique({ where: { key: locked } })).not.toBeNull();
  });
});
