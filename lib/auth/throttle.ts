import 'server-only';
import { createHash } from 'node:crypto';
import { isIP } from 'node:net';
import { db, Prisma } from '@/lib/db';
import { TOO_MANY_ATTEMPTS } from './schemas';

// Sign-in throttling, kept in PostgreSQL (SignInThrottle) so that it holds
// across every app instance. Two kinds of key:
//  - the account: the e-mail as typed, lowercased (stored as a SHA-256, so a
//    password typed into the e-mail field by mistake is never kept);
//  - the client address.
// Within a 15-minute window, from the `delayAfter`-th failure each further
// attempt must wait 1 s, then 2, 4, 8... after the last failure; at
// `lockAfter` failures the key is locked for 15 minutes. A success clears the
// account key (not the address: one good password must not reset a spray).

export const THROTTLE_WINDOW_MS = 15 * 60_000;
export const THROTTLE_LOCK_MS = 15 * 60_000;

export type ThrottlePolicy = { delayAfter: number; lockAfter: number };

/**
 * Accounts as the issue asks: delays from the 5th failure, a lock at the
 * 10th. Addresses are looser (20 / 40) on purpose: a partner agency's whole
 * office (police station, hospital) reaches us from one NAT address, and ten
 * mistyped passwords there must not lock every colleague out. Spraying many
 * accounts from one address is still slowed, and each account stays at 5 / 10.
 */
export const THROTTLE_POLICY: Record<'account' | 'address', ThrottlePolicy> = {
  account: { delayAfter: 5, lockAfter: 10 },
  address: { delayAfter: 20, lockAfter: 40 },
};

export type ThrottleDecision = { retryAfterSeconds: number } | null;

export function accountKey(email: string): string {
  return `account:${createHash('sha256').update(email.trim().toLowerCase()).digest('hex')}`;
}

export function addressKey(address: string): string {
  return `address:${address}`;
}

/** The keys one sign-in attempt counts against. */
export function signInThrottleKeys({ email, address }: { email?: string | null; address?: string | null }): string[] {
  return [...(email ? [accountKey(email)] : []), ...(address ? [addressKey(address)] : [])];
}

function policyFor(key: string): ThrottlePolicy {
  return key.startsWith('address:') ? THROTTLE_POLICY.address : THROTTLE_POLICY.account;
}

/** How long after the last failure the next attempt must wait, with `failures` in the window. */
export function delayMs(failures: number, policy: ThrottlePolicy): number {
  if (failures < policy.delayAfter) return 0;
  if (failures >= policy.lockAfter) return THROTTLE_LOCK_MS;
  return Math.min(2 ** (failures - policy.delayAfter) * 1000, THROTTLE_LOCK_MS);
}

/**
 * Whether an attempt may go ahead now. Returns the longest wait any of the
 * keys imposes, in whole seconds (for Retry-After), or null.
 */
export async function checkThrottle(keys: string[], now: Date = new Date()): Promise<ThrottleDecision> {
  if (keys.length === 0) return null;
  const rows = await db.signInThrottle.findMany({ where: { key: { in: keys } } });
  let waitMs = 0;
  for (const row of rows) {
    if (row.lockedUntil && row.lockedUntil > now) {
      waitMs = Math.max(waitMs, row.lockedUntil.getTime() - now.getTime());
      continue;
    }
    if (row.firstFailureAt.getTime() <= now.getTime() - THROTTLE_WINDOW_MS) continue;
    const delay = delayMs(row.failures, policyFor(row.key));
    if (delay === 0) continue;
    const until = row.lastFailureAt.getTime() + delay;
    waitMs = Math.max(waitMs, until - now.getTime());
  }
  return waitMs > 0 ? { retryAfterSeconds: Math.ceil(waitMs / 1000) } : null;
}

/**
 * Counts one failure against each key: a single INSERT ... ON CONFLICT DO
 * UPDATE per key, so concurrent failures are each counted (PostgreSQL locks
 * the row and re-evaluates the update on its latest version; no
 * read-modify-write in the app). Returns the failures now counted per key.
 */
export async function recordFailure(keys: string[], now: Date = new Date()): Promise<Record<string, number>> {
  const counted: Record<string, number> = {};
  const at = now.toISOString();
  const windowStart = new Date(now.getTime() - THROTTLE_WINDOW_MS).toISOString();
  const lockUntil = new Date(now.getTime() + THROTTLE_LOCK_MS).toISOString();
  for (const key of keys) {
    const { lockAfter } = policyFor(key);
    // A fresh window when the old one has passed, or a lock has run out.
    const fresh = Prisma.sql`(t."lockedUntil" IS NOT NULL AND t."lockedUntil" <= ${at}::timestamp(3))
      OR (t."lockedUntil" IS NULL AND t."firstFailureAt" <= ${windowStart}::timestamp(3))`;
    const rows = await db.$queryRaw<{ failures: number }[]>`
      INSERT INTO "SignInThrottle" AS t ("key", "failures", "firstFailureAt", "lastFailureAt", "lockedUntil")
      VALUES (${key}, 1, ${at}::timestamp(3), ${at}::timestamp(3), NULL)
      ON CONFLICT ("key") DO UPDATE SET
        "failures" = CASE WHEN ${fresh} THEN 1 ELSE t."failures" + 1 END,
        "firstFailureAt" = CASE WHEN ${fresh} THEN ${at}::timestamp(3) ELSE t."firstFailureAt" END,
        "lastFailureAt" = ${at}::timestamp(3),
        "lockedUntil" = CASE
          WHEN ${fresh} THEN NULL
          WHEN t."failures" + 1 >= ${lockAfter} THEN GREATEST(t."lockedUntil", ${lockUntil}::timestamp(3))
          ELSE t."lockedUntil"
        END
      RETURNING "failures"`;
    counted[key] = Number(rows[0]?.failures ?? 0);
  }
  // Now and then, forget keys that have been quiet for a day (addresses made
  // up by a client accumulate otherwise). Cheap, and needs no scheduler.
  if (Math.random() < 0.01) await pruneSignInThrottle(now);
  return counted;
}

/** A successful sign-in: the account starts afresh. */
export async function recordSuccess(email: string): Promise<void> {
  await db.signInThrottle.deleteMany({ where: { key: accountKey(email) } });
}

export async function pruneSignInThrottle(now: Date = new Date()): Promise<number> {
  const dayAgo = new Date(now.getTime() - 24 * 60 * 60_000);
  const { count } = await db.signInThrottle.deleteMany({
    where: { lastFailureAt: { lt: dayAgo }, OR: [{ lockedUntil: null }, { lockedUntil: { lt: now } }] },
  });
  return count;
}

export function tooManyAttemptsMessage(retryAfterSeconds: number): string {
  const wait =
    retryAfterSeconds < 120
      ? `${retryAfterSeconds} ${retryAfterSeconds === 1 ? 'second' : 'seconds'}`
      : `${Math.ceil(retryAfterSeconds / 60)} minutes`;
  return `Too many attempts. Try again in ${wait}.`;
}

// --- The client address ------------------------------------------------------

type HeaderSource = Headers | Record<string, string | string[] | undefined>;

function header(headers: HeaderSource, name: string): string | undefined {
  if (headers instanceof Headers) return headers.get(name) ?? undefined;
  const value = headers[name] ?? headers[name.toLowerCase()];
  return Array.isArray(value) ? value.join(',') : value;
}

/**
 * The address a sign-in comes from, for its throttle key. Route handlers see
 * only headers, never the socket, so:
 *  - TRUST_PROXY=1 (behind our reverse proxy / load balancer): the FIRST hop
 *    of X-Forwarded-For. The proxy must SET the header to the address it saw
 *    (nginx: `proxy_set_header X-Forwarded-For $remote_addr;`), not append to
 *    what the client sent, or the client picks its own key. X-Real-IP is the
 *    fallback.
 *  - otherwise (the app faces clients directly): `next start` fills
 *    X-Forwarded-For from the socket when the request has none, so the LAST
 *    hop is the socket address. A client that sends its own header can still
 *    choose its address key this way (Next keeps it), which is why production
 *    runs behind a proxy with TRUST_PROXY=1; the account key holds regardless.
 *    X-Real-IP is ignored: without a proxy, only the client could have set it.
 * Anything that is not an IP address counts as the one key 'invalid'.
 */
export function clientAddress(headers: HeaderSource, trustProxy = process.env.TRUST_PROXY === '1'): string | null {
  const forwarded = (header(headers, 'x-forwarded-for') ?? '')
    .split(',')
    .map((hop) => hop.trim())
    .filter(Boolean);
  const candidate = trustProxy ? (forwarded[0] ?? header(headers, 'x-real-ip')) : forwarded.at(-1);
  if (!candidate) return null;
  return normaliseAddress(candidate);
}

export function normaliseAddress(raw: string): string {
  let address = raw.trim().slice(0, 100);
  // "[::1]:3000" and "1.2.3.4:5678" carry a port.
  const bracketed = /^\[([^\]]+)\](?::\d+)?$/.exec(address);
  if (bracketed) address = bracketed[1]!;
  else if (/^\d{1,3}(\.\d{1,3}){3}:\d+$/.test(address)) address = address.slice(0, address.lastIndexOf(':'));
  address = address.toLowerCase().replace(/%.*$/, ''); // IPv6 zone id
  if (address.startsWith('::ffff:') && isIP(address.slice(7)) === 4) address = address.slice(7);
  return isIP(address) ? address : 'invalid';
}

// --- The auth route's guard ----------------------------------------------------

/**
 * For the credentials callback (POST /api/auth/callback/credentials), before
 * next-auth sees it: reads the email from a clone of the form body and the
 * client address, and returns the 429 response when either key is
 * throttled, or null to let the attempt through. The body carries `url` (as
 * next-auth's own responses do, so its client does not fail on it), the
 * `error` and a message the login form shows.
 */
export async function throttledSignInResponse(request: Request, now: Date = new Date()): Promise<Response | null> {
  const form = await request
    .clone()
    .formData()
    .catch(() => null);
  const email = form?.get('email');
  const keys = signInThrottleKeys({
    email: typeof email === 'string' && email.trim() ? email.slice(0, 320) : null,
    address: clientAddress(request.headers),
  });
  const throttled = await checkThrottle(keys, now);
  if (!throttled) return null;
  const { retryAfterSeconds } = throttled;
  const url = new URL('/login', process.env.NEXTAUTH_URL || request.url);
  url.searchParams.set('error', TOO_MANY_ATTEMPTS);
  return Response.json(
    { url: url.toString(), error: TOO_MANY_ATTEMPTS, retryAfterSeconds, message: tooManyAttemptsMessage(retryAfterSeconds) },
    { status: 429, headers: { 'Retry-After': String(retryAfterSeconds), 'Cache-Control': 'no-store' } },
  );
}
