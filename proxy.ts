// Security headers for every response, and nothing else.
//
// This file is deliberately NOT an authorization check: proxies (middleware)
// have been bypassed before (the `x-middleware-subrequest` header,
// CVE-2025-29927). Pages and Server Actions authenticate through
// lib/auth/session.ts and lib/ authorizes every read and write
// (docs/decisions/0003). If this proxy were skipped, the app would still be
// exactly as safe, only without these headers.
import { type NextRequest, NextResponse } from 'next/server';

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

export function proxy(request: NextRequest) {
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
