import { createRequire } from 'node:module';
import { encode } from 'next-auth/jwt';
import { NextRequest } from 'next/server';
import { beforeAll, describe, expect, it } from 'vitest';
import { db } from '@/lib/db';
import { deactivateUser } from '@/lib/users/deactivate-user';
import { createSessionUser } from '@/tests/support/auth-factories';
import { createAgency, createUser } from '@/tests/support/factories';
import { authCookies, buildAuthOptions, servedOverHttps } from './options';
import type { SessionUser } from './session-user';

describe('auth cookies', () => {
  it('behind HTTPS: __Secure- session, __Host- CSRF token, every cookie HttpOnly, SameSite=Lax, Secure, Path=/', () => {
    const options = buildAuthOptions('https://followthrough.example.org');
    expect(options.useSecureCookies).toBe(true);
    const cookies = options.cookies!;
    expect(cookies.sessionToken!.name).toBe('__Secure-next-auth.session-token');
    expect(cookies.csrfToken!.name).toBe('__Host-next-auth.csrf-token');
    expect(cookies.callbackUrl!.name).toBe('__Secure-next-auth.callback-url');
    for (const [name, cookie] of Object.entries(cookies)) {
      expect(cookie.options, name).toMatchObject({ httpOnly: true, sameSite: 'lax', secure: true, path: '/' });
      expect(cookie.options.domain, name).toBeUndefined(); // __Host- requires no Domain; none of them needs one
      expect(cookie.name, name).toMatch(/^__(Secure|Host)-/);
    }
  });

  it('over plain http (local use): the same flags without Secure or prefixes, which browsers would refuse', () => {
    const cookies = authCookies(false);
    expect(cookies.sessionToken.name).toBe('next-auth.session-token');
    expect(cookies.csrfToken.name).toBe('next-auth.csrf-token');
    for (const cookie of Object.values(cookies)) {
      expect(cookie.options).toMatchObject({ httpOnly: true, sameSite: 'lax', secure: false, path: '/' });
    }
    expect(buildAuthOptions('http://localhost:3000').useSecureCookies).toBe(false);
  });

  it('decides by NEXTAUTH_URL', () => {
    expect(servedOverHttps('HTTPS://x.example')).toBe(true);
    expect(servedOverHttps('http://x.example')).toBe(false);
    expect(servedOverHttps(undefined)).toBe(false);
  });

  it('keeps JWT sessions of at most 12 hours', () => {
    expect(buildAuthOptions().session).toEqual({ strategy: 'jwt', maxAge: 12 * 60 * 60 });
  });
});

describe('redirect callback', () => {
  it('sends next-auth only to pages of this app, and never throws on a callbackUrl that is not a URL', async () => {
    const redirect = buildAuthOptions('http://localhost:3000').callbacks!.redirect!;
    const baseUrl = 'http://localhost:3000';
    expect(await redirect({ url: '/reports?asAt=2013-03-31', baseUrl })).toBe('http://localhost:3000/reports?asAt=2013-03-31');
    expect(await redirect({ url: 'http://localhost:3000/reports', baseUrl })).toBe('http://localhost:3000/reports');
    for (const url of ['/\\evil.example', '//evil.example', 'https://evil.example/', 'javascript:alert(1)', 'http://%', 'not a url', '']) {
      expect(await redirect({ url, baseUrl }), url).toBe('http://localhost:3000/');
    }
  });
});

// next-auth's own /api/auth/session endpoint, through the app's route handler,
// with a session cookie as next-auth issues it, on real PostgreSQL.
describe('/api/auth/session', () => {
  const BASE = 'http://localhost:3000';
  const SECRET = 'options-test-secret-options-test-secret-0123456789';
  // next-auth reads the request's cookies and headers through `next/headers`,
  // which works only inside a Next request: here it is handed the request under test.
  const current = { request: null as NextRequest | null };
  let GET: (request: NextRequest, context: { params: Promise<{ nextauth: string[] }> }) => Promise<Response>;

  beforeAll(async () => {
    process.env.NEXTAUTH_URL = BASE;
    process.env.NEXTAUTH_SECRET = SECRET;
    const require = createRequire(import.meta.url);
    const file = createRequire(require.resolve('next-auth')).resolve('next/headers');
    const fake = {
      headers: async () => new Headers(current.request?.headers),
      cookies: async () => {
        const all = current.request?.cookies.getAll() ?? [];
        return { getAll: () => all, get: (name: string) => all.find((c) => c.name === name), has: (name: string) => all.some((c) => c.name === name) };
      },
    };
    require.cache[file] = { id: file, filename: file, loaded: true, exports: fake } as unknown as NodeJS.Module;
    ({ GET } = await import('@/app/api/auth/[...nextauth]/route'));
  });

  async function cookieFor(user: SessionUser) {
    const token = await encode({
      token: { sub: user.id, sessionVersion: 1, sessionId: user.sessionId, role: user.role, agencyId: user.agencyId, name: user.name, email: user.email },
      secret: SECRET,
    });
    return `${authCookies(false).sessionToken.name}=${token}`;
  }

  async function session(cookie: string) {
    const request = new NextRequest(`${BASE}/api/auth/session`, { headers: { cookie, host: 'localhost:3000' } });
    current.request = request;
    const response = await GET(request, { params: Promise.resolve({ nextauth: ['session'] }) });
    return { status: response.status, body: (await response.json()) as { user?: { id: string } }, setCookie: response.headers.get('set-cookie') ?? '' };
  }

  const sessionCookieCleared = (setCookie: string) =>
    new RegExp(`${authCookies(false).sessionToken.name}=;[^,]*(Max-Age=0|Expires=Thu, 01 Jan 1970)`, 'i').test(setCookie);

  let agencyId: string;
  beforeAll(async () => {
    agencyId = (await createAgency()).id;
  });

  it('returns no user, and clears the cookie, once the user is deactivated', async () => {
    const user = await createSessionUser('OWNER', agencyId);
    const cookie = await cookieFor(user);

    const live = await session(cookie);
    expect(live.status).toBe(200);
    expect(live.body.user?.id).toBe(user.id);
    expect(sessionCookieCleared(live.setCookie)).toBe(false);

    const admin = await createUser('ADMIN', (await createAgency(undefined, true)).id);
    await deactivateUser(admin, { id: user.id, deactivateReason: 'Left the partnership' });

    const after = await session(cookie);
    expect(after.status).toBe(200);
    expect(after.body).toEqual({});
    expect(sessionCookieCleared(after.setCookie)).toBe(true);
    // The session row is ended, with the reason.
    expect(await db.userSession.findUniqueOrThrow({ where: { id: user.sessionId } })).toMatchObject({ endReason: 'deactivated' });
    expect((await db.userSession.findUniqueOrThrow({ where: { id: user.sessionId } })).endedAt).not.toBeNull();
  });

  it('returns no user when the user was deactivated in the database directly, or the session was ended', async () => {
    const flipped = await createSessionUser('VIEWER', agencyId);
    const flippedCookie = await cookieFor(flipped);
    expect((await session(flippedCookie)).body.user?.id).toBe(flipped.id);
    await db.user.update({ where: { id: flipped.id }, data: { active: false } });
    expect((await session(flippedCookie)).body).toEqual({});

    const signedOut = await createSessionUser('OWNER', agencyId);
    const signedOutCookie = await cookieFor(signedOut);
    expect((await session(signedOutCookie)).body.user?.id).toBe(signedOut.id);
    await db.userSession.update({ where: { id: signedOut.sessionId }, data: { endedAt: new Date(), endReason: 'signed out' } });
    expect((await session(signedOutCookie)).body).toEqual({});

    // A role change (session version moved on) ends it too.
    const promoted = await createSessionUser('OWNER', agencyId);
    const promotedCookie = await cookieFor(promoted);
    await db.user.update({ where: { id: promoted.id }, data: { sessionVersion: { increment: 1 } } });
    expect((await session(promotedCookie)).body).toEqual({});
  });
});
