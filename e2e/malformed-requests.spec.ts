// Malformed requests against the real production server: each used to end
// in HTTP 500 and must now get a 4xx, change nothing, and still carry the
// security headers. next-auth's four (found by tests/security/fuzz-routes.test.ts:
// GET on the credentials callback, a callbackUrl that is not a page of this
// site, an error code outside next-auth's, a JSON body that does not parse),
// and Server Action requests with a foreign Origin or a body React cannot
// decode (refused by proxy.ts before Next handles them). The last test sends
// a few hundred random action bodies: none may be answered with 500.
import { randomUUID } from 'node:crypto';
import { type APIRequestContext, type Browser, expect, test } from '@playwright/test';
import fc from 'fast-check';
import { DEMO, signIn } from './support/auth';
import { e2eDatabase } from './support/db';
import { createTestRecommendation } from './support/records';

function appOrigin(): string {
  return new URL(String(test.info().project.use.baseURL)).origin;
}

/** The headers proxy.ts puts on every response, refusals included. */
function expectSecurityHeaders(headers: Record<string, string>, where: string) {
  expect(headers['content-security-policy'], where).toBeTruthy();
  expect(headers['x-content-type-options'], where).toBe('nosniff');
  expect(headers['strict-transport-security'], where).toBe('max-age=63072000; includeSubDomains');
}

test.describe('next-auth', () => {
  type Case = { what: string; method?: 'GET' | 'POST'; path: string; headers?: Record<string, string>; data?: string; status: number };
  const JSON_TYPE = { 'content-type': 'application/json' };
  const FORM_TYPE = { 'content-type': 'application/x-www-form-urlencoded' };
  const CASES: Case[] = [
    // get-credentials-callback
    { what: 'GET on the credentials callback', path: '/api/auth/callback/credentials', status: 405 },
    { what: 'GET on the credentials callback, with a query', path: '/api/auth/callback/credentials?email=a&password=b', status: 405 },
    // invalid-callback-url
    { what: 'a callbackUrl that is not a URL', path: '/api/auth/csrf?callbackUrl=http://%25', status: 400 },
    { what: 'a backslashed callbackUrl', path: '/api/auth/session?callbackUrl=%5C%5Cevil.example', status: 400 },
    { what: 'a relative callbackUrl', path: '/api/auth/signin?callbackUrl=evil', status: 400 },
    { what: 'another site as callbackUrl', path: '/api/auth/signin?callbackUrl=https://evil.example/', status: 400 },
    { what: 'a hostile callbackUrl after a good one', path: '/api/auth/providers?callbackUrl=/reports&callbackUrl=javascript:alert(1)', status: 400 },
    { what: 'a callbackUrl that is not a URL, in a form', method: 'POST', path: '/api/auth/callback/credentials', headers: FORM_TYPE, data: 'callbackUrl=http%3A%2F%2F%25&csrfToken=x', status: 400 },
    { what: 'a callbackUrl that is not a string, in JSON', method: 'POST', path: '/api/auth/signout', headers: JSON_TYPE, data: '{"callbackUrl":{"a":1},"csrfToken":"x"}', status: 400 },
    { what: 'a callback-url cookie that is not a URL', path: '/api/auth/session', headers: { cookie: 'next-auth.callback-url=not-a-url' }, status: 400 },
    { what: 'a callback-url cookie of another site', path: '/api/auth/csrf', headers: { cookie: 'next-auth.callback-url=https%3A%2F%2Fevil.example%2F' }, status: 400 },
    // unencoded-error-redirect
    { what: 'an error code outside Latin-1', path: '/api/auth/error/%E2%82%AC', status: 400 },
    { what: 'an error code with CR/LF (header injection)', path: '/api/auth/error?error=%0D%0ASet-Cookie:%20injected=1', status: 400 },
    { what: 'an error code with CR/LF in the path', path: '/api/auth/error/x%0D%0ASet-Cookie:%20injected=1', status: 400 },
    { what: 'an unknown error code', path: '/api/auth/error?error=Whatever', status: 400 },
    // malformed-json-body
    { what: 'a JSON body that does not parse', method: 'POST', path: '/api/auth/callback/credentials', headers: JSON_TYPE, data: '{"email":', status: 400 },
    { what: 'a JSON body that does not parse, to signout', method: 'POST', path: '/api/auth/signout', headers: JSON_TYPE, data: 'not json', status: 400 },
    { what: 'a JSON body that is not an object', method: 'POST', path: '/api/auth/session', headers: JSON_TYPE, data: '[1,2]', status: 400 },
    // Not used by this app, and it would let anyone write to the server's log.
    { what: "next-auth's client log endpoint", method: 'POST', path: '/api/auth/_log', headers: JSON_TYPE, data: '{"level":"error","code":"X"}', status: 404 },
    // Controls: what next-auth answers normally is unchanged.
    { what: 'the CSRF token (control)', path: '/api/auth/csrf', status: 200 },
    { what: 'a good callbackUrl (control)', path: '/api/auth/csrf?callbackUrl=%2Freports', status: 200 },
    { what: 'an absolute callbackUrl of this site (control)', path: `/api/auth/csrf?callbackUrl=ORIGIN%2Freports`, status: 200 },
    { what: "one of next-auth's error codes (control)", path: '/api/auth/error?error=CredentialsSignin', status: 302 },
    // next-auth answers these with a bare "Error: ..." text: a clean 404 instead.
    { what: 'an unknown provider', path: '/api/auth/callback/unknown', status: 404 },
    { what: 'signing in with an unknown provider', path: '/api/auth/signin/unknown', status: 404 },
    { what: 'an action next-auth does not have', path: '/api/auth/nothing-here', status: 404 },
    { what: 'credentials without a CSRF token (control: refused by next-auth)', method: 'POST', path: '/api/auth/callback/credentials', headers: FORM_TYPE, data: 'email=a%40b.test&password=x', status: 302 },
  ];

  test('each malformed request is answered with a 4xx, never 500; the controls as before', async ({ request }) => {
    for (const { what, method = 'GET', path, headers = {}, data, status } of CASES) {
      const url = path.replace('ORIGIN', encodeURIComponent(appOrigin()));
      const response = await request.fetch(url, { method, headers, data, maxRedirects: 0 });
      expect(response.status(), `${what}: ${method} ${url}`).toBe(status);
      expectSecurityHeaders(response.headers(), what);
      const body = await response.text();
      expect(body, what).not.toMatch(/at .+:\d+:\d+|node_modules|Error:/);
      // No header was injected.
      expect(response.headersArray().some((h) => /injected/i.test(h.value)), what).toBe(false);
    }
  });

  test('a bad callback-url cookie is cleared, so that the next request works', async ({ request }) => {
    const refused = await request.get('/api/auth/csrf', { headers: { cookie: 'next-auth.callback-url=not-a-url' } });
    expect(refused.status()).toBe(400);
    expect(refused.headers()['set-cookie']).toMatch(/^next-auth\.callback-url=;.*Max-Age=0/);
    expect((await request.get('/api/auth/csrf')).status()).toBe(200);
  });
});

// ---------------------------------------------------------------------------
// Server Actions.

type CapturedAction = { url: string; headers: Record<string, string>; cookie: string };

/** Signs in as the children's social care owner, saves a progress update, and keeps the action request's id and headers and the session. */
async function captureProgressAction(browser: Browser) {
  const recommendation = await createTestRecommendation('A recommendation whose Server Action is sent malformed');
  const context = await browser.newContext();
  const page = await context.newPage();
  await signIn(page, DEMO.ownerCsc);
  await page.goto(recommendation.actionUrl);
  const form = page.getByRole('form', { name: 'Update progress' });
  await form.getByRole('radio', { name: 'In progress', exact: true }).check();
  await form.getByLabel('Note').fill('Captured for the malformed-request tests');
  const sent = page.waitForRequest((r) => r.method() === 'POST' && 'next-action' in r.headers());
  await form.getByRole('button', { name: 'Save update' }).click();
  const request = await sent;
  await expect(page.getByRole('status').filter({ hasText: 'Progress update saved' })).toBeVisible();
  const cookie = (await context.cookies()).find((c) => /next-auth\.session-token$/.test(c.name))!;
  const headers = request.headers();
  const action: CapturedAction = {
    url: new URL(request.url()).pathname,
    headers: Object.fromEntries(Object.entries(headers).filter(([name]) => ['next-action', 'accept', 'next-router-state-tree'].includes(name))),
    cookie: `${cookie.name}=${cookie.value}`,
  };
  await context.close();
  return { recommendation, action };
}

/** The action's status and version, and its recommendation's history so far. */
async function state(actionId: string) {
  const db = await e2eDatabase();
  try {
    const { rows } = await db.query<{ status: string; version: number; events: string }>(
      `SELECT status, version, (SELECT count(*) FROM "HistoryEvent" h WHERE h."recommendationId" = a."recommendationId") AS events
       FROM "Action" a WHERE id = $1`,
      [actionId],
    );
    return rows[0]!;
  } finally {
    await db.end();
  }
}

/** A valid progress update of the captured action, for the action at `version`. */
function validBody(actionId: string, version: number) {
  return JSON.stringify([{ actionId, version, status: 'IN_PROGRESS', note: `Sent at ${randomUUID()}` }]);
}

async function send(request: APIRequestContext, action: CapturedAction, body: string | Buffer, headers: Record<string, string>) {
  const response = await request.post(action.url, {
    headers: { ...action.headers, cookie: action.cookie, 'content-type': 'text/plain;charset=UTF-8', ...headers },
    data: body,
    maxRedirects: 0,
  });
  return { status: response.status(), text: await response.text(), headers: response.headers() };
}

/** A multipart body with the given fields in order (a field is a string, or a file). */
function multipart(fields: [string, string | { file: string }][]): { body: Buffer; type: string } {
  const boundary = `----e2e${randomUUID().replace(/-/g, '')}`;
  const parts = fields.map(([name, value]) =>
    typeof value === 'string'
      ? `--${boundary}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`
      : `--${boundary}\r\nContent-Disposition: form-data; name="${name}"; filename="a.txt"\r\nContent-Type: text/plain\r\n\r\n${value.file}\r\n`,
  );
  return { body: Buffer.from(`${parts.join('')}--${boundary}--\r\n`), type: `multipart/form-data; boundary=${boundary}` };
}

test.describe('Server Actions', () => {
  test('a foreign Origin is refused with 403, even with a valid session, and changes nothing', async ({ browser, request }) => {
    const { recommendation, action } = await captureProgressAction(browser);
    const before = await state(recommendation.actionId);
    const port = new URL(appOrigin()).port;
    for (const origin of ['https://evil.example', 'null', `http://localhost:${port}.evil.example`, `http://evil.example:${port}`, 'not a url', '::::']) {
      const response = await send(request, action, validBody(recommendation.actionId, before.version), { origin });
      expect(response.status, origin).toBe(403);
      expect(response.headers['content-type'], origin).toBe('text/plain');
      expect(response.text, origin).toContain('did not come from this site');
      expectSecurityHeaders(response.headers, origin);
    }
    // Also a form posted without scripts (no action header) from another site.
    const form = multipart([[`$ACTION_ID_${action.headers['next-action']}`, '']]);
    const mpa = await request.post(action.url, { headers: { cookie: action.cookie, origin: 'https://evil.example', 'content-type': form.type }, data: form.body, maxRedirects: 0 });
    expect(mpa.status()).toBe(403);
    expect(await state(recommendation.actionId)).toEqual(before);

    // Control: the same request from this site is accepted.
    const accepted = await send(request, action, validBody(recommendation.actionId, before.version), { origin: appOrigin() });
    expect(accepted.status).toBe(200);
    expect((await state(recommendation.actionId)).version).toBe(before.version + 1);
  });

  test('a body React cannot decode is refused with 400, and changes nothing', async ({ browser, request }) => {
    const { recommendation, action } = await captureProgressAction(browser);
    const before = await state(recommendation.actionId);
    const origin = { origin: appOrigin() };
    const TEXT: [string, string][] = [
      ['not JSON', '{"actionId":'],
      ['empty', ''],
      ['an object, not a list of arguments', JSON.stringify({ actionId: recommendation.actionId })],
      ['a reference to a part that is not there', '["$1"]'],
      ['a path that is not there', '[{"a":1},"$0:1:b"]'],
      ['a Map reference to nothing', '["$Q1"]'],
      ['a Set reference to nothing', '["$W1"]'],
      ['a promise', '["$@1"]'],
      ['a server reference', '["$h1"]'],
      ['a temporary reference', '["$T"]'],
      ['a stream', '["$R1"]'],
      ['a typed array', '["$A1"]'],
      ['a blob that is not there', '["$B1"]'],
      ['a big integer that is not one', '["$n12x"]'],
      ['nested 100 deep', `${'['.repeat(100)}${']'.repeat(100)}`],
    ];
    for (const [what, body] of TEXT) {
      const response = await send(request, action, body, origin);
      expect(response.status, what).toBe(400);
      expect(response.headers['content-type'], what).toBe('text/plain');
      expect(response.text, what).toBe('The request is malformed.');
      expectSecurityHeaders(response.headers, what);
    }
    const MULTIPART: [string, { body: Buffer; type: string }][] = [
      ['no arguments part', multipart([['_1_note', 'x']])],
      ['arguments that are not JSON', multipart([['0', '[{"a":']])],
      ['a forward reference', multipart([['0', '["$1"]'], ['1', '{"a":1}']])],
      ['a file after the part naming it', multipart([['0', '[{"f":"$B1"}]'], ['1', { file: 'x' }]])],
      ['a file reference to a text field', multipart([['1', 'x'], ['0', '[{"f":"$B1"}]']])],
      ['the arguments twice', multipart([['0', '[{"a":'], ['0', '[1]']])],
      ['a field without a name', multipart([['', '[[]]'], ['0', '[[]]']])],
    ];
    for (const [what, { body, type }] of MULTIPART) {
      const response = await send(request, action, body, { ...origin, 'content-type': type });
      expect(response.status, what).toBe(400);
      expect(response.text, what).toBe('The request is malformed.');
    }
    const garbage = await send(request, action, 'not multipart at all', { ...origin, 'content-type': 'multipart/form-data; boundary=x' });
    expect(garbage.status).toBe(400);
    // The same without the action header (a form posted without scripts).
    const mpa = await request.post(action.url, { headers: { cookie: action.cookie, ...origin, 'content-type': 'multipart/form-data; boundary=x' }, data: 'garbage', maxRedirects: 0 });
    expect(mpa.status()).toBe(400);
    expect(await state(recommendation.actionId)).toEqual(before);

    // Controls: the encodings the browser sends are accepted (a list of plain
    // values, a FormData argument, a file, a reference back to an earlier value).
    const encodings: [string, string | { body: Buffer; type: string }][] = [
      ['a deduplicated value', JSON.stringify([{ actionId: recommendation.actionId, version: 0, status: 'IN_PROGRESS', note: 'x', extra: { a: 1 } }, '$0:0:extra'])],
      ['a FormData argument', multipart([['_1_title', 'x'], ['0', '["$K1"]']])],
      ['a file before the part naming it', multipart([['1', { file: 'x' }], ['0', '[{"f":"$B1","d":"$D2013-03-31T00:00:00.000Z","n":"$n12","u":"$undefined","s":"$$x"}]']])],
    ];
    for (const [what, body] of encodings) {
      const response = typeof body === 'string' ? await send(request, action, body, origin) : await send(request, action, body.body, { ...origin, 'content-type': body.type });
      expect(response.status, what).toBe(200);
      expect(response.text, what).not.toContain('"digest"');
    }
    const accepted = await send(request, action, validBody(recommendation.actionId, before.version), origin);
    expect(accepted.status).toBe(200);
    expect((await state(recommendation.actionId)).version).toBe(before.version + 1);
  });

  test('random action bodies: never a 500, never a change', async ({ browser, request }) => {
    test.setTimeout(300_000);
    const { recommendation, action } = await captureProgressAction(browser);
    const before = await state(recommendation.actionId);
    const seed = Number(process.env.FUZZ_SEED ?? Date.now() % 2 ** 31);
    const runs = Number(process.env.FUZZ_RUNS ?? 150);
    const reference = fc.oneof(
      fc.constantFrom('$', '$$', '$$x', '$undefined', '$NaN', '$Infinity', '$-Infinity', '$-0', '$D2013-03-31', '$Dx', '$n12', '$nx', '$K1', '$B1', '$0', '$1', '$2', '$0:0', '$1:a', '$0:0:0', '$@0', '$h1', '$T', '$Q1', '$W1', '$i1', '$A1', '$R1', '$X1', '$F', '$1x'),
      fc.string({ maxLength: 6 }).map((s) => `$${s}`),
    );
    const leaf = fc.oneof(reference, fc.string({ maxLength: 8 }), fc.integer(), fc.boolean(), fc.constant(null));
    const value = fc.letrec((tie) => ({
      v: fc.oneof({ depthSize: 'small' }, leaf, fc.array(tie('v'), { maxLength: 4 }), fc.dictionary(fc.oneof(fc.constantFrom('a', '0', '__proto__'), fc.string({ maxLength: 3 })), tie('v'), { maxKeys: 3 })),
    })).v;
    const text = fc.oneof(value.map((v) => JSON.stringify([v])), value.map((v) => JSON.stringify(v)), fc.string({ maxLength: 30 }));
    const fields = fc.array(fc.tuple(fc.oneof(fc.constantFrom('0', '1', '2', '_1_a'), fc.string({ maxLength: 3 })), fc.oneof(text, text.map((file) => ({ file })))), { maxLength: 5 });
    const statuses = new Map<number, number>();
    const failures: string[] = [];
    const record = (status: number, what: string, body: string) => {
      statuses.set(status, (statuses.get(status) ?? 0) + 1);
      if (status >= 500 || body.includes('"digest"')) failures.push(`${status} ${what}`);
    };
    for (const body of fc.sample(text, { numRuns: runs, seed })) {
      const response = await send(request, action, body, { origin: appOrigin() });
      record(response.status, `text ${body}`, response.text);
    }
    for (const parts of fc.sample(fields, { numRuns: runs, seed: seed + 1 })) {
      const { body, type } = multipart(parts.map(([name, v]) => [name.replace(/["\r\n]/g, '_'), v]));
      const response = await send(request, action, body, { origin: appOrigin(), 'content-type': type });
      record(response.status, `multipart ${JSON.stringify(parts)}`, response.text);
    }
    console.log(`[malformed-requests] ${runs * 2} random action bodies (seed ${seed}, FUZZ_RUNS=${runs}): statuses ${JSON.stringify(Object.fromEntries(statuses))}`);
    expect(failures).toEqual([]);
    expect(await state(recommendation.actionId)).toEqual(before);
  });
});
