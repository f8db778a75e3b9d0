// Evidence uploads at the advertised limit (10 MB) and just over it, against
// the real production server and browser. A file of exactly 10 MB used to
// fail with HTTP 500: with a proxy, Next buffered request bodies only up to
// 10 MB (experimental.proxyClientMaxBodySize), so the upload arrived cut off.
// Now: exactly 10 MB is stored; 10 MB and one byte is refused with a message
// in the form; a hand-made request over the Server Action limit (11 MB, the
// file and the form around it) gets 413 with a message, with or without a
// Content-Length; and a request of exactly that limit is still read by Next.
import { randomUUID } from 'node:crypto';
import http from 'node:http';
import { createRequire } from 'node:module';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { expect, type Page, test } from '@playwright/test';
import type { NextConfig } from 'next';
import { MAX_FILE_BYTES, SERVER_ACTION_BODY_LIMIT } from '../lib/evidence/file-type';
import { DEMO, signIn } from './support/auth';
import { e2eDatabase } from './support/db';
import { createTestRecommendation } from './support/records';

const TOO_BIG = 'The file must be 10 MB or smaller';

/** A PDF (as the server judges files: by their first bytes) of exactly `size` bytes. */
function pdfOfSize(size: number): Buffer {
  const file = Buffer.alloc(size, 0x20);
  file.write('%PDF-1.4\n', 0, 'latin1');
  file.write('%%EOF\n', size - 6, 'latin1');
  return file;
}

function appOrigin(): string {
  return new URL(String(test.info().project.use.baseURL)).origin;
}

async function evidenceTitled(title: string) {
  const db = await e2eDatabase();
  try {
    const { rows } = await db.query<{ size: number | null }>(
      'SELECT f.size FROM "Evidence" e LEFT JOIN "EvidenceFile" f ON f."evidenceId" = e.id WHERE e.title = $1',
      [title],
    );
    return rows;
  } finally {
    await db.end();
  }
}

async function fillEvidenceForm(page: Page, title: string, file: Buffer) {
  const form = page.getByRole('form', { name: 'Submit evidence' });
  await form.getByLabel('Title').fill(title);
  await form.getByLabel('Kind of evidence').selectOption({ label: 'Audit' });
  await form.getByLabel('File (optional)').setInputFiles({ name: 'audit.pdf', mimeType: 'application/pdf', buffer: file });
  await form.getByRole('button', { name: 'Submit evidence' }).click();
  return form;
}

test('the limits agree: next.config.js, the proxy, and the 10 MB file limit', async () => {
  const bytes = createRequire(import.meta.url)('next/dist/compiled/bytes') as { parse: (value: string | number) => number };
  const configFile = pathToFileURL(path.join(import.meta.dirname, '..', 'next.config.js')).href;
  const nextConfig = ((await import(configFile)) as { default: NextConfig }).default;
  const { serverActions, proxyClientMaxBodySize } = nextConfig.experimental ?? {};
  expect(bytes.parse(serverActions?.bodySizeLimit ?? '1mb')).toBe(SERVER_ACTION_BODY_LIMIT);
  // Next buffers more than an action may take, so the proxy sees an oversized body as oversized.
  expect(bytes.parse(proxyClientMaxBodySize ?? '10mb')).toBeGreaterThan(SERVER_ACTION_BODY_LIMIT);
  // Room for the form around a 10 MB file.
  expect(SERVER_ACTION_BODY_LIMIT - MAX_FILE_BYTES).toBeGreaterThanOrEqual(64 * 1024);
});

test('in the browser: a file of exactly 10 MB is stored; one byte more is refused with a message', async ({ page }) => {
  test.setTimeout(120_000);
  const recommendation = await createTestRecommendation('Evidence at the upload limit');
  await signIn(page, DEMO.ownerCsc);
  await page.goto(recommendation.actionUrl);

  const atLimit = `Audit at the limit ${randomUUID()}`;
  const serverErrors: number[] = [];
  page.on('response', (response) => {
    if (response.status() >= 500) serverErrors.push(response.status());
  });
  const form = await fillEvidenceForm(page, atLimit, pdfOfSize(MAX_FILE_BYTES));
  await expect(form.getByRole('status').filter({ hasText: 'Evidence submitted' })).toBeVisible({ timeout: 60_000 });
  await expect(page.getByRole('heading', { name: atLimit })).toBeVisible();
  expect(await evidenceTitled(atLimit)).toEqual([{ size: MAX_FILE_BYTES }]);

  const overLimit = `Audit over the limit ${randomUUID()}`;
  await fillEvidenceForm(page, overLimit, pdfOfSize(MAX_FILE_BYTES + 1));
  await expect(form.getByText(TOO_BIG).first()).toBeVisible();
  expect(await evidenceTitled(overLimit)).toEqual([]);
  expect(serverErrors).toEqual([]);
});

test.describe('by hand, past the browser', () => {
  type Captured = { url: string; headers: Record<string, string>; actionId: string };

  /** The evidence action's request, as the browser sends it (a small file, stored). */
  async function captureEvidenceAction(page: Page): Promise<Captured> {
    const recommendation = await createTestRecommendation('Evidence sent by hand');
    await signIn(page, DEMO.ownerCsc);
    await page.goto(recommendation.actionUrl);
    const sent = page.waitForRequest((r) => r.method() === 'POST' && 'next-action' in r.headers());
    const form = await fillEvidenceForm(page, `Small audit ${randomUUID()}`, pdfOfSize(1000));
    const request = await sent;
    await expect(form.getByRole('status').filter({ hasText: 'Evidence submitted' })).toBeVisible();
    const cookie = (await page.context().cookies()).find((c) => /next-auth\.session-token$/.test(c.name))!;
    const headers = Object.fromEntries(Object.entries(request.headers()).filter(([name]) => ['next-action', 'accept', 'next-router-state-tree'].includes(name)));
    return { url: new URL(request.url()).pathname, headers: { ...headers, cookie: `${cookie.name}=${cookie.value}`, origin: appOrigin() }, actionId: recommendation.actionId };
  }

  /** The evidence form as the browser encodes it (a FormData argument, `$K1`), with a PDF of `fileSize` bytes. */
  function evidenceBody(actionId: string, title: string, fileSize: number) {
    const boundary = `----e2e${randomUUID().replace(/-/g, '')}`;
    const field = (name: string, value: string) => `--${boundary}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`;
    const head = Buffer.from(
      field('_1_actionId', actionId) +
        field('_1_title', title) +
        field('_1_kind', 'AUDIT') +
        `--${boundary}\r\nContent-Disposition: form-data; name="_1_file"; filename="audit.pdf"\r\nContent-Type: application/pdf\r\n\r\n`,
    );
    const tail = Buffer.from(`\r\n${field('0', '["$K1"]')}--${boundary}--\r\n`);
    return { body: Buffer.concat([head, pdfOfSize(fileSize), tail]), type: `multipart/form-data; boundary=${boundary}` };
  }

  /** The same, with the file sized to make the whole request exactly `total` bytes. */
  function evidenceBodyOfTotal(actionId: string, title: string, total: number) {
    const overhead = evidenceBody(actionId, title, 10).body.length - 10;
    const built = evidenceBody(actionId, title, total - overhead);
    expect(built.body.length).toBe(total);
    return { ...built, fileSize: total - overhead };
  }

  /** Sends `body` without a Content-Length (chunked), as a streaming client may. */
  function sendChunked(path: string, headers: Record<string, string>, body: Buffer): Promise<{ status: number; text: string }> {
    return new Promise((resolve, reject) => {
      const request = http.request(new URL(path, appOrigin()), { method: 'POST', headers }, (response) => {
        let text = '';
        response.setEncoding('utf8');
        response.on('data', (chunk: string) => (text += chunk));
        response.on('end', () => resolve({ status: response.statusCode ?? 0, text }));
      });
      request.on('error', reject);
      for (let offset = 0; offset < body.length; offset += 256 * 1024) request.write(body.subarray(offset, offset + 256 * 1024));
      request.end();
    });
  }

  test('over the 10 MB file limit: a message in the answer; over the request limit: 413 with a message; never a 500', async ({ page, request }) => {
    test.setTimeout(180_000);
    const action = await captureEvidenceAction(page);
    const post = async (body: Buffer, type: string) => {
      const response = await request.post(action.url, { headers: { ...action.headers, 'content-type': type }, data: body, maxRedirects: 0 });
      return { status: response.status(), text: await response.text(), type: response.headers()['content-type'] };
    };
    const titles: string[] = [];
    const title = () => {
      titles.push(`Hand-made audit ${randomUUID()}`);
      return titles.at(-1)!;
    };

    // A file of 10 MB and one byte, in a request under the request limit: the form's own message.
    const justOver = evidenceBody(action.actionId, title(), MAX_FILE_BYTES + 1);
    expect(justOver.body.length).toBeLessThan(SERVER_ACTION_BODY_LIMIT);
    const fileTooBig = await post(justOver.body, justOver.type);
    expect(fileTooBig.status).toBe(200);
    expect(fileTooBig.text).toContain(TOO_BIG);

    // A request of exactly the request limit: Next still reads it (the limits
    // agree), and the file in it is refused with the same message.
    const atRequestLimit = evidenceBodyOfTotal(action.actionId, title(), SERVER_ACTION_BODY_LIMIT);
    const atLimit = await post(atRequestLimit.body, atRequestLimit.type);
    expect(atLimit.status).toBe(200);
    expect(atLimit.text).toContain(TOO_BIG);

    // One byte more: 413 and a message, with and without a Content-Length.
    const overRequestLimit = evidenceBodyOfTotal(action.actionId, title(), SERVER_ACTION_BODY_LIMIT + 1);
    const tooLarge = await post(overRequestLimit.body, overRequestLimit.type);
    expect(tooLarge.status).toBe(413);
    expect(tooLarge.type).toBe('text/plain');
    expect(tooLarge.text).toBe('The request is too large: a file can be at most 10 MB.');
    const chunked = await sendChunked(action.url, { ...action.headers, 'content-type': overRequestLimit.type }, overRequestLimit.body);
    expect(chunked.status).toBe(413);
    expect(chunked.text).toBe('The request is too large: a file can be at most 10 MB.');
    // Control: a chunked request at the limit is read as usual.
    const chunkedAtLimit = evidenceBodyOfTotal(action.actionId, title(), SERVER_ACTION_BODY_LIMIT);
    const readChunked = await sendChunked(action.url, { ...action.headers, 'content-type': chunkedAtLimit.type }, chunkedAtLimit.body);
    expect(readChunked.status).toBe(200);
    expect(readChunked.text).toContain(TOO_BIG);

    // Control: a file of exactly 10 MB sent by hand is stored.
    const exact = title();
    const atFileLimit = evidenceBody(action.actionId, exact, MAX_FILE_BYTES);
    const stored = await post(atFileLimit.body, atFileLimit.type);
    expect(stored.status).toBe(200);
    expect(stored.text).not.toContain(TOO_BIG);
    expect(stored.text).toContain('"ok":true');

    // Nothing over the limit was stored; the 10 MB file was.
    for (const t of titles) expect(await evidenceTitled(t), t).toEqual(t === exact ? [{ size: MAX_FILE_BYTES }] : []);
  });
});
