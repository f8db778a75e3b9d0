// Security headers for every response, refusals of malformed Server Action
// requests before Next.js handles them, and the one-click unsubscribe POST
// routed to its handler; nothing else.
//
// This file is deliberately NOT an authorization check: proxies (middleware)
// have been bypassed before (the `x-middleware-subrequest` header,
// CVE-2025-29927). Pages and Server Actions authenticate through
// lib/auth/session.ts and lib/ authorizes every read and write
// (docs/decisions/0003). If this proxy were skipped, the app would still be
// exactly as safe, only without these headers, and with HTTP 500 instead of
// a 4xx for the malformed requests refused below.
import { type NextRequest, NextResponse } from 'next/server';
import { SERVER_ACTION_BODY_LIMIT } from '@/lib/evidence/file-type';

/** 128 random bits, base64: unpredictable and fresh for every response. */
function freshNonce(): string {
  const bytes = new Uint8Array(16);
  crypto.getRandomValues(bytes);
  return btoa(String.fromCharCode(...bytes));
}

/** Behind HTTPS (directly, or through a TLS-terminating reverse proxy that says so). */
function servedOverHttps(request: NextRequest): boolean {
  return (
    request.nextUrl.protocol === 'https:' ||
    request.headers.get('x-forwarded-proto')?.split(',')[0]?.trim() === 'https' ||
    (process.env.NEXTAUTH_URL ?? '').startsWith('https://')
  );
}

function contentSecurityPolicy(nonce: string, https: boolean): string {
  const directives = [
    "default-src 'self'",
    // 'strict-dynamic': scripts the nonced framework scripts load are trusted;
    // 'self' is then ignored by CSP3 browsers and kept for older ones.
    // Never 'unsafe-inline' or 'unsafe-eval' (production React needs neither).
    `script-src 'self' 'nonce-${nonce}' 'strict-dynamic'`,
    // Our one stylesheet is a file (app/globals.css); Next adds no inline
    // styles to our pages, so no nonce and no 'unsafe-inline' for styles.
    "style-src 'self'",
    // QR codes are inline SVG or data: images.
    "img-src 'self' data:",
    "font-src 'self'",
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ];
  // Only behind HTTPS: on plain-http localhost it would send the browser to
  // an https:// port that does not exist.
  if (https) directives.push('upgrade-insecure-requests');
  return directives.join('; ');
}

/**
 * Files served for download (evidence files, report files) are never pages of
 * ours: whatever a browser makes of one, nothing in it may run, load or be framed.
 */
const DOWNLOAD = /^\/(?:evidence\/[^/]+\/file|reports\/[^/]+\/download)\/?$/;
const DOWNLOAD_POLICY = "default-src 'none'; frame-ancestors 'none'; sandbox";

/** Headers that are the same on every response. */
const STATIC_SECURITY_HEADERS: Readonly<Record<string, string>> = {
  // Sent on http too: browsers ignore HSTS over plain http (RFC 6797 §8.1),
  // so it is harmless on localhost and right behind a TLS proxy.
  'Strict-Transport-Security': 'max-age=63072000; includeSubDomains',
  'X-Content-Type-Options': 'nosniff',
  // `same-origin`: no referrer at all leaves for other sites (URLs carry record
  // ids and search terms about children), while same-origin requests keep it.
  // Not `no-referrer`: under it browsers send `Origin: null` on same-origin
  // form POSTs (Fetch standard, "append a request Origin header"), which
  // Next's Server Action CSRF check rejects, breaking forms before hydration.
  'Referrer-Policy': 'same-origin',
  // Nothing in the app needs any of these.
  'Permissions-Policy': [
    'accelerometer=()',
    'autoplay=()',
    'bluetooth=()',
    'browsing-topics=()',
    'camera=()',
    'display-capture=()',
    'encrypted-media=()',
    'geolocation=()',
    'gyroscope=()',
    'hid=()',
    'idle-detection=()',
    'magnetometer=()',
    'microphone=()',
    'midi=()',
    'payment=()',
    'publickey-credentials-get=()',
    'screen-wake-lock=()',
    'serial=()',
    'usb=()',
    'xr-spatial-tracking=()',
  ].join(', '),
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Resource-Policy': 'same-origin',
  // For browsers that predate frame-ancestors.
  'X-Frame-Options': 'DENY',
};

// ---------------------------------------------------------------------------
// Server Action requests Next.js would answer with HTTP 500: refused with a
// 4xx and a plain-text message here (Next's client shows a text/plain body as
// the action's error). Measured in e2e/malformed-requests.spec.ts and
// e2e/upload-limit.spec.ts.

const TOO_LARGE = 'The request is too large: a file can be at most 10 MB.';
const MALFORMED = 'The request is malformed.';

function plainRefusal(status: number, message: string): NextResponse {
  // `text/plain` exactly: Next's client reads such a body as the error message.
  return new NextResponse(message, { status, headers: { 'Content-Type': 'text/plain', 'Cache-Control': 'no-store' } });
}

/**
 * The Origin of the request is this site, as Next compares it (the first
 * X-Forwarded-Host, else Host). No Origin at all: let through, as Next does
 * (browsers always send one on a POST; a hand-made request carries no one
 * else's cookies). `null` and unparseable origins are foreign.
 */
function sameOrigin(request: NextRequest): boolean {
  const origin = request.headers.get('origin');
  if (origin === null) return true;
  let host: string;
  try {
    host = new URL(origin).host;
  } catch {
    return false;
  }
  const expected = request.headers.get('x-forwarded-host')?.split(',')[0]?.trim() || request.headers.get('host');
  return origin !== 'null' && host !== '' && host === expected;
}

/** The request body, or null when it is over `limit` bytes (read no further). */
async function bodyUpTo(request: NextRequest, limit: number): Promise<Uint8Array<ArrayBuffer> | null> {
  if (!request.body) return new Uint8Array();
  // With a Content-Length (every browser's request), read a copy: reading the
  // request's own stream sent Next down a slower path for the action after it
  // (status updates 20% slower in `npm run bench`). Without one, read the
  // stream itself, so that cancelling it stops an oversized upload (a copy's
  // cancel would leave the original buffering the rest).
  const declared = request.headers.get('content-length');
  if (declared !== null && Number(declared) <= limit) return new Uint8Array(await request.clone().arrayBuffer());
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > limit) {
      await reader.cancel().catch(() => undefined);
      return null;
    }
    chunks.push(value);
  }
  const body = new Uint8Array(size);
  let offset = 0;
  for (const chunk of chunks) {
    body.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return body;
}

// React's encoding of a Server Action's arguments (what `decodeReply` reads):
// JSON whose strings starting with `$` are escapes or references to other
// parts of the request. Only what this app's forms send is accepted: plain
// values, dates, big integers, references to other parts and to a FormData's
// fields or files. React fails (HTTP 500) on a reference to nothing, on
// promises, streams, iterators, typed arrays, maps, sets and server or
// temporary references, none of which any of our actions takes.
const VALUE_ESCAPE = /^\$(?:\$[^]*|undefined|NaN|Infinity|-Infinity|-0|D[^]*|n-?\d{1,300})$/;
const FORM_DATA_REFERENCE = /^\$K[0-9a-fA-F]+$/;
const BLOB_REFERENCE = /^\$B([0-9a-fA-F]+)$/;
// `$` and a hex id, and a path into it; React reads `$A`, `$B` and `$D` as other things.
const PART_REFERENCE = /^\$(?![ABD])([0-9a-fA-F]+)((?::[^:]*)*)$/;
const MAX_DEPTH = 64;
const MAX_VALUES = 200_000;

/**
 * Whether `fields` (a multipart body's fields in order; a string body is the
 * one field "0") hold arguments React decodes without failing.
 */
export function decodableActionArguments(fields: [string, FormDataEntryValue][]): boolean {
  // Where each field is; a numbered field given twice is ambiguous, and
  // Next's multipart parser loses a field without a name (React then fails).
  const position = new Map<string, number>();
  for (const [index, [name]] of fields.entries()) {
    if (name === '' || (/^\d+$/.test(name) && position.has(name))) return false;
    if (!position.has(name)) position.set(name, index);
  }
  const field = (name: string) => (position.has(name) ? fields[position.get(name)!]![1] : undefined);
  const parsed = new Map<number, unknown>();
  let values = 0;
  const INVALID = Symbol('invalid');

  function part(id: number): unknown {
    if (parsed.has(id)) return parsed.get(id); // already read, or being read (a cycle, which React allows)
    const raw = field(String(id));
    if (typeof raw !== 'string') return INVALID;
    let value: unknown;
    try {
      value = JSON.parse(raw);
    } catch {
      return INVALID;
    }
    parsed.set(id, value);
    return valid(value, 0) ? value : INVALID;
  }

  // React decodes the arguments as the body streams in, from the moment part
  // "0" arrives: whatever it refers to must be there already ("Invalid forward reference").
  const arrivedFirst = (name: string) => position.has(name) && position.get(name)! <= position.get('0')!;

  function reference(text: string): boolean {
    if (VALUE_ESCAPE.test(text) || FORM_DATA_REFERENCE.test(text)) return true;
    const blob = BLOB_REFERENCE.exec(text);
    if (blob) return field(String(parseInt(blob[1]!, 16))) instanceof Blob && arrivedFirst(String(parseInt(blob[1]!, 16)));
    const outlined = PART_REFERENCE.exec(text);
    if (!outlined) return false;
    const id = parseInt(outlined[1]!, 16);
    if (!arrivedFirst(String(id))) return false;
    let target = part(id);
    // A path into the part: each step an own property of a plain object or array.
    for (const key of outlined[2] ? outlined[2].slice(1).split(':') : []) {
      if (typeof target !== 'object' || target === null || !Object.hasOwn(target, key)) return false;
      target = (target as Record<string, unknown>)[key];
    }
    return target !== INVALID;
  }

  function valid(value: unknown, depth: number): boolean {
    if (++values > MAX_VALUES || depth > MAX_DEPTH) return false;
    if (typeof value === 'string') return !value.startsWith('$') || reference(value);
    if (Array.isArray(value)) return value.every((item) => valid(item, depth + 1));
    if (typeof value === 'object' && value !== null) return Object.values(value).every((item) => valid(item, depth + 1));
    return true;
  }

  // The arguments: a list.
  return Array.isArray(part(0));
}

/** The refusal for a Server Action request Next would fail on, or null to let Next handle it. */
async function refuseMalformedAction(request: NextRequest): Promise<NextResponse | null> {
  // What Next treats as a possible Server Action: a POST to a page with the
  // action header, or a POST of a form.
  if (request.method !== 'POST' || request.nextUrl.pathname.startsWith('/api/')) return null;
  const actionId = request.headers.get('next-action');
  const type = request.headers.get('content-type') ?? '';
  const multipart = type.startsWith('multipart/form-data');
  if (actionId === null && !multipart && type !== 'application/x-www-form-urlencoded') return null;

  // Next checks the Origin too, but answers a mismatch with 500.
  if (!sameOrigin(request)) return plainRefusal(403, 'Refused: this request did not come from this site.');

  const declared = Number(request.headers.get('content-length') ?? 0);
  if (declared > SERVER_ACTION_BODY_LIMIT) return plainRefusal(413, TOO_LARGE);
  // Next answers these itself, without failing: it has no URL-encoded actions.
  if (type === 'application/x-www-form-urlencoded') return null;

  // Counted as read too: a body sent without Content-Length.
  const body = await bodyUpTo(request, SERVER_ACTION_BODY_LIMIT);
  if (body === null) return plainRefusal(413, TOO_LARGE);

  let fields: [string, FormDataEntryValue][];
  if (multipart) {
    try {
      fields = [...(await new Response(body, { headers: { 'Content-Type': type } }).formData())];
    } catch {
      return plainRefusal(400, MALFORMED);
    }
    // A form posted without scripts: Next decodes it itself (this app has no such forms).
    if (actionId === null) return null;
  } else {
    // As Next reads a string body: UTF-8, malformed bytes replaced.
    fields = [['0', new TextDecoder().decode(body)]];
  }
  return decodableActionArguments(fields) ? null : plainRefusal(400, MALFORMED);
}

// ---------------------------------------------------------------------------

export async function proxy(request: NextRequest) {
  // RFC 8058: a mail client POSTs to the List-Unsubscribe URL, the /unsubscribe
  // page's (whose GET shows a button): that POST is the route handler's.
  // Before the Server Action checks: it is not one, and may come from anywhere.
  if (request.method === 'POST' && request.nextUrl.pathname === '/unsubscribe' && !request.headers.has('next-action')) {
    const target = request.nextUrl.clone();
    target.pathname = '/api/unsubscribe';
    const response = NextResponse.rewrite(target);
    response.headers.set('Content-Security-Policy', DOWNLOAD_POLICY);
    for (const [name, value] of Object.entries(STATIC_SECURITY_HEADERS)) response.headers.set(name, value);
    return response;
  }

  const refused = await refuseMalformedAction(request);
  if (refused) {
    // Not a page: nothing in it may run, load or be framed.
    refused.headers.set('Content-Security-Policy', DOWNLOAD_POLICY);
    for (const [name, value] of Object.entries(STATIC_SECURITY_HEADERS)) refused.headers.set(name, value);
    return refused;
  }

  if (DOWNLOAD.test(request.nextUrl.pathname)) {
    const response = NextResponse.next();
    response.headers.set('Content-Security-Policy', DOWNLOAD_POLICY);
    for (const [name, value] of Object.entries(STATIC_SECURITY_HEADERS)) response.headers.set(name, value);
    return response;
  }

  const nonce = freshNonce();
  const csp = contentSecurityPolicy(nonce, servedOverHttps(request));

  // Next reads the nonce from the request's Content-Security-Policy header and
  // puts it on its own scripts (and `x-nonce` is there for any <Script> of ours).
  const requestHeaders = new Headers(request.headers);
  requestHeaders.set('x-nonce', nonce);
  requestHeaders.set('Content-Security-Policy', csp);

  const response = NextResponse.next({ request: { headers: requestHeaders } });
  response.headers.set('Content-Security-Policy', csp);
  for (const [name, value] of Object.entries(STATIC_SECURITY_HEADERS)) response.headers.set(name, value);
  return response;
}

export const config = {
  // Every page, Server Action and route handler, including /api/auth. Only the
  // build's immutable assets are skipped (they are files, not documents).
  matcher: ['/((?!_next/static/).*)'],
};
