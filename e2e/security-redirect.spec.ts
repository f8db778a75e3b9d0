// Where signing in leads, against the real production server and browser:
// a hostile `callbackUrl` on the login page (the open redirect a probe found:
// `/login?callbackUrl=/%5Cevil.example/phish` sent the browser to
// evil.example) must end on this app's own origin, both when signing in and
// when already signed in (the server's redirect). And what a session cookie
// is worth once its user is deactivated: no user at /api/auth/session.
import { randomUUID } from 'node:crypto';
import { type BrowserContext, expect, type Page, test } from '@playwright/test';
import { DEMO, DEMO_PASSWORD } from './support/auth';
import { e2eDatabase } from './support/db';

/**
 * Hostile values of `callbackUrl`, as they appear in the login page's query
 * string (so `%5C` is a backslash, `%09` a tab, `%255C` an encoded backslash).
 */
const HOSTILE = [
  '/%5Cevil.example/phish', // the reported one: /\evil.example/phish
  '/%09/evil.example', // a tab, dropped by the URL parser: //evil.example
  '/%5C%5Cevil.example',
  '%5C%5Cevil.example',
  '//evil.example',
  '/%2F%2Fevil.example', // a literal /%2F%2Fevil.example
  '/%255Cevil.example', // a literal /%5Cevil.example
  '/.//evil.example',
  'https://evil.example/phish',
  'http:evil.example',
  'javascript:alert(document.domain)',
];

function appOrigin(): string {
  return new URL(String(test.info().project.use.baseURL)).origin;
}

/** Every request the page makes to another host. */
function offSiteRequests(context: BrowserContext): string[] {
  const seen: string[] = [];
  context.on('request', (request) => {
    const url = new URL(request.url());
    if (url.protocol.startsWith('http') && url.origin !== appOrigin()) seen.push(request.url());
  });
  return seen;
}

/** Signs in as an owner (password only) from the login page at `loginUrl`; returns where the browser ends up. */
async function signInFrom(page: Page, loginUrl: string, email: string = DEMO.ownerCsc): Promise<URL> {
  await page.goto(loginUrl);
  await page.getByLabel('Email address').fill(email);
  await page.getByLabel('Password').fill(DEMO_PASSWORD);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.waitForURL((url) => url.pathname !== '/login' || url.origin !== appOrigin());
  await page.waitForLoadState('load');
  return new URL(page.url());
}

test.describe('signing in with a hostile callbackUrl', () => {
  test('ends on the home page of this app, never on another site', async ({ browser }) => {
    test.setTimeout(180_000);
    for (const hostile of HOSTILE) {
      const context = await browser.newContext();
      const offSite = offSiteRequests(context);
      const page = await context.newPage();
      const landed = await signInFrom(page, `/login?callbackUrl=${hostile}`);
      expect(landed.origin, hostile).toBe(appOrigin());
      expect(landed.pathname, hostile).toBe('/');
      await expect(page.getByRole('button', { name: 'Sign out' }), hostile).toBeVisible();
      expect(offSite, hostile).toEqual([]);
      await context.close();
    }
  });

  test('a callbackUrl that is a page of this app is still honoured (control)', async ({ browser }) => {
    const context = await browser.newContext();
    const page = await context.newPage();
    const landed = await signInFrom(page, `/login?callbackUrl=${encodeURIComponent('/reports?asAt=2013-03-31')}`);
    expect(landed.origin).toBe(appOrigin());
    expect(`${landed.pathname}${landed.search}`).toBe('/reports?asAt=2013-03-31');
    await context.close();
  });

  test('already signed in: the login page redirects to this app only', async ({ browser }) => {
    const context = await browser.newContext();
    const page = await context.newPage();
    await signInFrom(page, '/login');
    for (const hostile of HOSTILE) {
      const response = await context.request.get(`/login?callbackUrl=${hostile}`, { maxRedirects: 0 });
      expect(response.status(), hostile).toBe(307);
      expect(response.headers().location, hostile).toBe('/');
    }
    // Control: a page of this app is where it sends the user.
    const reports = await context.request.get(`/login?callbackUrl=${encodeURIComponent('/reports?asAt=2013-03-31')}`, { maxRedirects: 0 });
    expect(reports.status()).toBe(307);
    expect(reports.headers().location).toBe('/reports?asAt=2013-03-31');
    // And never back to the login page itself (a loop).
    const loop = await context.request.get(`/login?callbackUrl=${encodeURIComponent('/login?callbackUrl=/reports')}`, { maxRedirects: 0 });
    expect(loop.headers().location).toBe('/');
    await context.close();
  });
});

test.describe('a session cookie after its user is deactivated', () => {
  test('/api/auth/session returns no user, and pages count the cookie as signed out', async ({ browser }) => {
    // A user of this test's own (demo users are shared by parallel tests), with the demo password.
    const email = `deactivated-${randomUUID()}@followthrough.test`;
    const db = await e2eDatabase();
    try {
      await db.query(
        `INSERT INTO "User" (id, email, name, role, "agencyId", "passwordHash", "updatedAt")
         SELECT $1, $2, 'Deactivation check', 'VIEWER', "agencyId", "passwordHash", now() FROM "User" WHERE email = $3`,
        [`e2e-${randomUUID()}`, email, DEMO.viewer],
      );
    } finally {
      await db.end();
    }
    const context = await browser.newContext();
    const page = await context.newPage();
    await signInFrom(page, '/login', email);

    // Control: while active, the session is theirs.
    const live = await context.request.get('/api/auth/session');
    expect(((await live.json()) as { user?: { email?: string } }).user?.email).toBe(email);

    // Deactivated as the database sees it (an admin's deactivation also bumps the session version).
    const again = await e2eDatabase();
    try {
      await again.query('UPDATE "User" SET active = false WHERE email = $1', [email]);
    } finally {
      await again.end();
    }
    const after = await context.request.get('/api/auth/session');
    expect(after.status()).toBe(200);
    expect(await after.json()).toEqual({});
    const home = await context.request.get('/', { maxRedirects: 0 });
    expect(home.status()).toBe(307);
    expect(home.headers().location).toMatch(/^\/login/);
    await context.close();
  });
});
