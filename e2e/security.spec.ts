// Security at the HTTP level, against the real production server: response
// headers (CSP with a fresh nonce, HSTS, nosniff, Referrer-Policy,
// Permissions-Policy), pages free of CSP violations, and refusals of a
// protected page, a Server Action and the download routes when the session
// is missing, when the proxy-bypass header of CVE-2025-29927 is spoofed, when
// the session cookie is tampered with, and when an owner aims at another
// agency's record. Owners and viewers only (password-only sign-in).
import { randomUUID } from 'node:crypto';
import { type APIRequestContext, type BrowserContext, expect, type Page, test } from '@playwright/test';
import { DEMO, signIn } from './support/auth';
import { e2eDatabase } from './support/db';
import { createTestRecommendation, ROCHDALE_REVIEW_ID } from './support/records';

const SPOOFED = { 'x-middleware-subrequest': 'middleware:middleware:middleware:middleware:middleware' };
const POLICE_RECOMMENDATION = '/recommendations/rec-rochdale-r3';
/** The police recommendation's one action, where its progress is updated. */
const POLICE_ACTION = '/actions/action-rochdale-r3-1';
const PROTECTED_PAGES = ['/', '/recommendations', POLICE_RECOMMENDATION, '/reports', `/reviews/${ROCHDALE_REVIEW_ID}`];

/** The directives of a Content-Security-Policy header, by name. */
function directives(csp: string): Map<string, string[]> {
  return new Map(
    csp
      .split(';')
      .map((d) => d.trim().split(/\s+/))
      .filter((parts) => parts[0])
      .map(([name, ...values]) => [name!.toLowerCase(), values]),
  );
}

function nonceOf(csp: string): string {
  const source = directives(csp).get('script-src')?.find((v) => v.startsWith("'nonce-"));
  expect(source, `a nonce in script-src of: ${csp}`).toBeTruthy();
  return source!.slice("'nonce-".length, -1);
}

const DOWNLOAD_POLICY = "default-src 'none'; frame-ancestors 'none'; sandbox";

/** The headers every response carries: a page's policy, or (`download`) the policy of a file served for download. */
function expectSecurityHeaders(headers: Record<string, string>, where: string, { download = false } = {}) {
  const csp = headers['content-security-policy'];
  expect(csp, `CSP on ${where}`).toBeTruthy();
  expectCommonHeaders(headers, where);
  if (download) {
    expect(csp, where).toBe(DOWNLOAD_POLICY);
    return;
  }
  const d = directives(csp!);
  expect(d.get('default-src'), where).toEqual(["'self'"]);
  const scriptSrc = d.get('script-src') ?? [];
  expect(scriptSrc, where).toContain("'strict-dynamic'");
  expect(scriptSrc, where).not.toContain("'unsafe-inline'");
  expect(scriptSrc, where).not.toContain("'unsafe-eval'");
  expect(d.get('style-src') ?? [], where).not.toContain("'unsafe-inline'");
  expect(d.get('frame-ancestors'), where).toEqual(["'none'"]);
  expect(d.get('object-src'), where).toEqual(["'none'"]);
  expect(d.get('base-uri'), where).toEqual(["'none'"]);
  expect(d.get('form-action'), where).toEqual(["'self'"]);
}

function expectCommonHeaders(headers: Record<string, string>, where: string) {
  expect(headers['strict-transport-security'], where).toBe('max-age=63072000; includeSubDomains');
  expect(headers['x-content-type-options'], where).toBe('nosniff');
  expect(headers['referrer-policy'], where).toBe('same-origin');
  const permissions = headers['permissions-policy'] ?? '';
  for (const feature of ['camera', 'microphone', 'geolocation', 'payment', 'usb']) expect(permissions, where).toContain(`${feature}=()`);
  expect(headers['cross-origin-opener-policy'], where).toBe('same-origin');
  expect(headers['x-powered-by'], where).toBeUndefined();
}

async function sessionCookie(context: BrowserContext) {
  const cookie = (await context.cookies()).find((c) => /next-auth\.session-token$/.test(c.name));
  expect(cookie, 'a session cookie after signing in').toBeTruthy();
  return cookie!;
}

/** Collects every CSP violation and console error on the page. */
function watchForViolations(page: Page) {
  const problems: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'error' || /Content Security Policy|Refused to/i.test(message.text())) problems.push(`${page.url()}: ${message.text()}`);
  });
  page.on('pageerror', (error) => problems.push(`${page.url()}: ${error.message}`));
  return problems;
}

async function cspViolations(page: Page): Promise<string[]> {
  return page.evaluate(() => (window as unknown as { __cspViolations?: string[] }).__cspViolations ?? []);
}

test.beforeEach(async ({ context }) => {
  await context.addInitScript(() => {
    const w = window as unknown as { __cspViolations: string[] };
    w.__cspViolations = [];
    document.addEventListener('securitypolicyviolation', (e) => w.__cspViolations.push(`${e.violatedDirective} blocked ${e.blockedURI || 'inline'} (${e.sourceFile}:${e.lineNumber})`));
  });
});

test.describe('response headers', () => {
  test('every kind of response carries the security headers, and each page a nonce of its own', async ({ request }) => {
    const responses = {
      'the login page': await request.get('/login'),
      'the login page again': await request.get('/login'),
      'the accessibility statement (no data, no session)': await request.get('/accessibility'),
      'a page that does not exist': await request.get(`/no-such-page-${randomUUID()}`),
      'a protected page (redirect)': await request.get('/', { maxRedirects: 0 }),
      'next-auth (JSON)': await request.get('/api/auth/csrf'),
    };
    for (const [where, response] of Object.entries(responses)) expectSecurityHeaders(response.headers(), where);
    for (const path of ['/reports/partnership/download?format=csv', '/evidence/x/file']) {
      expectSecurityHeaders((await request.get(path)).headers(), `${path} (401)`, { download: true });
    }

    const first = nonceOf(responses['the login page'].headers()['content-security-policy']!);
    const second = nonceOf(responses['the login page again'].headers()['content-security-policy']!);
    expect(first).not.toBe(second);
    expect(Buffer.from(first, 'base64').length).toBeGreaterThanOrEqual(16);

    // Every script in the page carries this response's nonce, and no other.
    for (const [where, response] of [['login', responses['the login page']], ['accessibility', responses['the accessibility statement (no data, no session)']], ['404', responses['a page that does not exist']]] as const) {
      const nonce = nonceOf(response.headers()['content-security-policy']!);
      const html = await response.text();
      const scripts = html.match(/<script\b[^>]*>/g) ?? [];
      expect(scripts.length, `scripts on ${where}`).toBeGreaterThan(0);
      for (const tag of scripts) expect(tag, `on ${where}`).toContain(`nonce="${nonce}"`);
      expect(html, `inline event handlers on ${where}`).not.toMatch(/<[^>]+\son[a-z]+=/i);
    }
    // No upgrade-insecure-requests over plain http; it is there behind an HTTPS proxy.
    expect(directives(responses['the login page'].headers()['content-security-policy']!).has('upgrade-insecure-requests')).toBe(false);
    const behindTls = await request.get('/login', { headers: { 'x-forwarded-proto': 'https' } });
    expect(directives(behindTls.headers()['content-security-policy']!).has('upgrade-insecure-requests')).toBe(true);
  });

  test('a downloaded evidence file gets the download policy (nothing runs, nothing loads)', async ({ browser }) => {
    const recommendation = await createTestRecommendation('Evidence download headers');
    const evidenceId = `e2e-${randomUUID()}`;
    const db = await e2eDatabase();
    try {
      await db.query(
        `INSERT INTO "Evidence" (id, "recommendationId", "actionId", title, kind, "submittedById")
         SELECT $1, $2, $3, 'Headers check', 'DOCUMENT', id FROM "User" WHERE email = $4`,
        [evidenceId, recommendation.id, recommendation.actionId, DEMO.ownerCsc],
      );
      await db.query(
        `INSERT INTO "EvidenceFile" (id, "evidenceId", "fileName", "mediaType", size, sha256, content)
         VALUES ($1, $2, 'notes.txt', 'text/plain; charset=utf-8', 5, $3, $4)`,
        [`e2e-${randomUUID()}`, evidenceId, 'x'.repeat(64), Buffer.from('notes')],
      );
    } finally {
      await db.end();
    }
    const context = await browser.newContext();
    const page = await context.newPage();
    await signIn(page, DEMO.viewer);
    const response = await context.request.get(`/evidence/${evidenceId}/file`);
    expect(response.status()).toBe(200);
    const headers = response.headers();
    expect(headers['content-disposition']).toMatch(/^attachment;/);
    expectSecurityHeaders(headers, 'an evidence file', { download: true });
    await context.close();
  });
});

test.describe('pages load with no CSP violation', () => {
  test('signed out, and signed in as an owner, including a Server Action', async ({ page }) => {
    const problems = watchForViolations(page);
    const visit = async (path: string) => {
      await page.goto(path);
      await page.waitForLoadState('networkidle');
      problems.push(...(await cspViolations(page)));
    };
    await visit('/login');
    await visit('/accessibility');
    await visit(`/no-such-page-${randomUUID()}`);
    // Not found pages log their 404 as a console error; anything else is a problem.
    problems.splice(0, problems.length, ...problems.filter((p) => !/Failed to load resource: the server responded with a status of 404/.test(p)));

    const recommendation = await createTestRecommendation('Pages load under the Content-Security-Policy');
    await signIn(page, DEMO.ownerCsc);
    for (const path of [...PROTECTED_PAGES, recommendation.url, recommendation.actionUrl, '/accessibility']) await visit(path);

    // Client-side navigation and a Server Action run under the policy too.
    await page.goto(recommendation.url);
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Recommendations' }).click();
    // An owner starts on their own agency's recommendations.
    await expect(page).toHaveURL(/\/recommendations\?agency=agency-csc$/);
    await page.goto(recommendation.actionUrl);
    const form = page.getByRole('form', { name: 'Update progress' });
    await form.getByRole('radio', { name: 'In progress', exact: true }).check();
    await form.getByLabel('Note').fill('Checked under the Content-Security-Policy');
    await form.getByRole('button', { name: 'Save update' }).click();
    await expect(page.getByRole('status').filter({ hasText: 'Progress update saved' })).toBeVisible();
    problems.push(...(await cspViolations(page)));

    // The two-factor QR code (inline SVG) shows under the policy (starting set-up stores nothing).
    await visit('/account/two-factor');
    await page.getByRole('button', { name: 'Set up two-factor sign-in' }).click();
    await expect(page.getByRole('img', { name: 'QR code to add Followthrough to an authenticator app' }).locator('svg')).toBeVisible();
    problems.push(...(await cspViolations(page)));

    expect(problems).toEqual([]);
  });
});

// ---------------------------------------------------------------------------
// Refusals.

type CapturedAction = { url: string; headers: Record<string, string>; body: string };

/**
 * Signs in as the children's social care owner, saves a progress update on an
 * action of their own, and captures the Server Action request the
 * browser sent (its action id, headers and body) to replay it by hand.
 */
async function captureProgressAction(browser: import('@playwright/test').Browser) {
  const recommendation = await createTestRecommendation('A recommendation whose Server Action request is replayed');
  const context = await browser.newContext();
  const page = await context.newPage();
  await signIn(page, DEMO.ownerCsc);
  await page.goto(recommendation.actionUrl);
  const form = page.getByRole('form', { name: 'Update progress' });
  await form.getByRole('radio', { name: 'In progress', exact: true }).check();
  await form.getByLabel('Note').fill('Captured for the security tests');
  const sent = page.waitForRequest((r) => r.method() === 'POST' && 'next-action' in r.headers());
  await form.getByRole('button', { name: 'Save update' }).click();
  const request = await sent;
  await expect(page.getByRole('status').filter({ hasText: 'Progress update saved' })).toBeVisible();
  const headers = request.headers();
  const action: CapturedAction = {
    url: new URL(request.url()).pathname,
    headers: Object.fromEntries(Object.entries(headers).filter(([name]) => ['next-action', 'content-type', 'accept', 'next-router-state-tree'].includes(name))),
    body: request.postData() ?? '',
  };
  return { context, page, recommendation, action };
}

/** The same action request, aimed at another action (id and version replaced in its arguments). */
function aimedAt(action: CapturedAction, actionId: string, version: number): CapturedAction {
  const args = JSON.parse(action.body) as [Record<string, unknown>];
  expect(args[0]).toHaveProperty('actionId');
  args[0] = { ...args[0], actionId, version, status: 'IN_PROGRESS', note: 'Not my agency' };
  return { ...action, body: JSON.stringify(args) };
}

async function replay(request: APIRequestContext, action: CapturedAction, extra: Record<string, string> = {}) {
  // Sent from the app's own origin, as a browser would (Next refuses a foreign Origin before anything else).
  const origin = new URL(String(test.info().project.use.baseURL)).origin;
  const response = await request.post(action.url, { headers: { ...action.headers, origin, ...extra }, data: action.body, maxRedirects: 0 });
  return { status: response.status(), text: await response.text() };
}

async function actionRow(id: string) {
  const db = await e2eDatabase();
  try {
    const { rows } = await db.query<{ status: string; version: number }>('SELECT status, version FROM "Action" WHERE id = $1', [id]);
    return rows[0]!;
  } finally {
    await db.end();
  }
}

async function historyCount(recommendationId: string) {
  const db = await e2eDatabase();
  try {
    const { rows } = await db.query<{ n: string }>(`SELECT count(*) AS n FROM "HistoryEvent" WHERE "recommendationId" = $1 AND kind <> 'access.denied'`, [recommendationId]);
    return Number(rows[0]!.n);
  } finally {
    await db.end();
  }
}

/** A session cookie value with characters changed: each variant must count as no session at all. */
function tamperings(value: string): [string, string][] {
  const flip = (s: string, at: number) => s.slice(0, at) + (s[at] === 'A' ? 'B' : 'A') + s.slice(at + 1);
  const parts = value.split('.');
  return [
    ['one character of the ciphertext flipped', flip(value, Math.floor(value.length / 2))],
    ['one character of the authentication tag flipped', flip(value, value.length - 3)],
    ['one character of the header flipped', flip(value, 5)],
    ['truncated', value.slice(0, -10)],
    ['extended', `${value}AAAA`],
    ['parts swapped', [parts[0], parts[2], parts[1], parts[3], parts[4]].join('.')],
    ['an unsigned JWT claiming to be an admin', `${Buffer.from('{"alg":"none"}').toString('base64url')}.${Buffer.from(JSON.stringify({ sub: 'admin', role: 'ADMIN', sessionVersion: 1 })).toString('base64url')}.`],
  ];
}

test.describe('refused without a valid session', () => {
  test('no session, with and without a spoofed x-middleware-subrequest header: protected pages redirect to sign-in, downloads answer 401', async ({ request }) => {
    // What must not leak: the police recommendation's text, and the signed-in layout.
    const db = await e2eDatabase();
    const { rows } = await db.query<{ text: string }>('SELECT text FROM "Recommendation" WHERE id = $1', [POLICE_RECOMMENDATION.split('/').pop()]);
    await db.end();
    const secret = rows[0]!.text.slice(0, 40);
    for (const headers of [{}, SPOOFED]) {
      const label = Object.keys(headers).length ? 'spoofed header' : 'no session';
      for (const path of PROTECTED_PAGES) {
        const response = await request.get(path, { headers, maxRedirects: 0 });
        expect(response.status(), `${label}: ${path}`).toBe(307);
        expect(response.headers().location, `${label}: ${path}`).toMatch(/^\/login/);
        // The proxy ran all the same (its headers are there), and no record content leaked.
        expectSecurityHeaders(response.headers(), `${label}: ${path}`);
        const body = await response.text();
        expect(body, `${label}: ${path}`).not.toContain(secret);
        expect(body, `${label}: ${path}`).not.toContain('Sign out');
      }
      for (const path of ['/reports/partnership/download?format=csv', `/reports/${ROCHDALE_REVIEW_ID}/download?format=pdf`, '/evidence/evidence-rochdale-r3-strategy/file']) {
        const response = await request.get(path, { headers, maxRedirects: 0 });
        expect(response.status(), `${label}: ${path}`).toBe(401);
        expectSecurityHeaders(response.headers(), `${label}: ${path}`, { download: true });
        expect(await response.text()).not.toContain(secret);
      }
    }
  });

  test('a Server Action replayed without a session, with a spoofed header, or with a tampered cookie, changes nothing', async ({ browser, request }) => {
    const { context, recommendation, action } = await captureProgressAction(browser);
    const cookie = await sessionCookie(context);
    const before = await actionRow(recommendation.actionId);
    const events = await historyCount(recommendation.id);
    // Aimed at the action as it is now, so that only the session can be the reason for a refusal.
    const fresh = aimedAt(action, recommendation.actionId, before.version);

    // Control: the very same request with the owner's real cookie is accepted.
    const accepted = await replay(request, fresh, { cookie: `${cookie.name}=${cookie.value}` });
    expect(accepted.text).not.toContain('Your session has ended');
    const afterControl = await actionRow(recommendation.actionId);
    expect(afterControl.version).toBe(before.version + 1);
    const eventsAfterControl = await historyCount(recommendation.id);
    const retry = aimedAt(action, recommendation.actionId, afterControl.version);

    const attempts: [string, Record<string, string>][] = [
      ['no session', {}],
      ['no session, spoofed header', SPOOFED],
      ...tamperings(cookie.value).map(([how, value]): [string, Record<string, string>] => [`cookie ${how}`, { cookie: `${cookie.name}=${value}` }]),
      ...tamperings(cookie.value).slice(0, 2).map(([how, value]): [string, Record<string, string>] => [`cookie ${how}, spoofed header`, { cookie: `${cookie.name}=${value}`, ...SPOOFED }]),
    ];
    for (const [label, headers] of attempts) {
      const response = await replay(request, retry, headers);
      expect(response.status, label).toBeLessThan(500);
      expect(response.text, label).toContain('Your session has ended');
    }
    expect(await actionRow(recommendation.actionId)).toEqual(afterControl);
    expect(await historyCount(recommendation.id)).toBe(eventsAfterControl);
    expect(eventsAfterControl).toBe(events + 1);
    await context.close();
  });

  test('a tampered session cookie counts as signed out on pages and downloads', async ({ browser, request }) => {
    const context = await browser.newContext();
    const page = await context.newPage();
    await signIn(page, DEMO.ownerCsc);
    const cookie = await sessionCookie(context);

    // Control: the cookie as issued works.
    const genuine = await request.get('/', { headers: { cookie: `${cookie.name}=${cookie.value}` }, maxRedirects: 0 });
    expect(genuine.status()).toBe(200);
    expect(await genuine.text()).toContain('Sign out');

    for (const [how, value] of tamperings(cookie.value)) {
      const headers = { cookie: `${cookie.name}=${value}` };
      const home = await request.get('/', { headers, maxRedirects: 0 });
      expect(home.status(), how).toBe(307);
      expect(home.headers().location, how).toMatch(/^\/login/);
      const report = await request.get('/reports/partnership/download?format=csv', { headers, maxRedirects: 0 });
      expect(report.status(), how).toBe(401);
      const session = await request.get('/api/auth/session', { headers });
      expect(await session.json(), how).toEqual({});
    }
    await context.close();
  });
});

test.describe("another agency's records", () => {
  test("an owner sees no update form on another agency's action, and their Server Action, aimed there by hand, is refused", async ({ browser, request }) => {
    const { context, page, action } = await captureProgressAction(browser);
    const cookie = await sessionCookie(context);

    // The pages: readable (one shared truth), but nothing to change.
    await page.goto(POLICE_RECOMMENDATION);
    await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
    await expect(page.getByRole('link', { name: /^Update progress/ })).toHaveCount(0);
    await page.goto(POLICE_ACTION);
    await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
    await expect(page.getByRole('form', { name: 'Update progress' })).toHaveCount(0);
    await expect(page.getByRole('form', { name: 'Submit evidence' })).toHaveCount(0);

    // The Server Action's endpoint, with the police action's id and current version.
    const policeActionId = POLICE_ACTION.split('/').pop()!;
    const policeId = POLICE_RECOMMENDATION.split('/').pop()!;
    const before = await actionRow(policeActionId);
    const events = await historyCount(policeId);
    const refused = await replay(request, aimedAt(action, policeActionId, before.version), { cookie: `${cookie.name}=${cookie.value}` });
    expect(refused.status).toBeLessThan(500);
    expect(refused.text).toContain('You do not have permission to do that');
    expect(await actionRow(policeActionId)).toEqual(before);
    expect(await historyCount(policeId)).toBe(events);
    await context.close();
  });

  test('a viewer gets no update forms, and their action request is refused', async ({ browser, request }) => {
    const { context: ownerContext, action } = await captureProgressAction(browser);
    await ownerContext.close();
    const context = await browser.newContext();
    const page = await context.newPage();
    await signIn(page, DEMO.viewer);
    const recommendation = await createTestRecommendation('A recommendation a viewer may only read');
    await page.goto(recommendation.actionUrl);
    await expect(page.getByRole('heading', { level: 1 })).toContainText('Action');
    await expect(page.getByText('A recommendation a viewer may only read').first()).toBeVisible();
    for (const name of ['Update progress', 'Submit evidence']) await expect(page.getByRole('form', { name })).toHaveCount(0);
    const cookie = await sessionCookie(context);
    const before = await actionRow(recommendation.actionId);
    const refused = await replay(request, aimedAt(action, recommendation.actionId, before.version), { cookie: `${cookie.name}=${cookie.value}` });
    expect(refused.text).toContain('You do not have permission to do that');
    expect(await actionRow(recommendation.actionId)).toEqual(before);
    await context.close();
  });
});
