import { describe, expect, it } from 'vitest';
import { isSafeCallbackUrl, safeCallbackUrl } from './safe-callback-url';

const ORIGIN = 'http://localhost:3000';

/**
 * Known ways of writing "another site" that pass a naive "starts with one
 * slash" check, or that some browser, proxy or server turns into another
 * site: each must give the fallback.
 */
const BYPASSES: string[] = [
  // Backslashes: browsers read them as slashes in http(s) URLs.
  '/\\evil.example/phish',
  '/\\\\evil.example',
  '\\\\evil.example',
  '\\/evil.example',
  '/%5Cevil.example/phish',
  '/%5cevil.example',
  '/%255Cevil.example', // encoded twice
  '/%25255Cevil.example', // three times
  '/%5Cevil.example?q=100%', // a stray % elsewhere must not stop the decoding
  // Tabs, newlines and other controls: the URL parser drops them ('/\t/evil' is '//evil').
  '/\t/evil.example',
  '/\n/evil.example',
  '/\r/evil.example',
  '/%09/evil.example',
  '/%0a/evil.example',
  '/%0D%0A/evil.example',
  '/%00/evil.example',
  '/\u0000/evil.example',
  '/\u007f/evil.example',
  '/%C2%85/evil.example', // NEL
  '/%E2%80%A8/evil.example', // line separator
  ' //evil.example', // leading space, stripped by the parser
  '/ /evil.example',
  // Protocol-relative, plain or hidden.
  '//evil.example',
  '///evil.example',
  '////evil.example',
  '/%2F%2Fevil.example',
  '/%2f/evil.example',
  '/%252F%252Fevil.example',
  '/.//evil.example', // dot segments collapse to '//evil.example'
  '/..//evil.example',
  '/a/../..//evil.example',
  '/./%2Fevil.example',
  // Other origins and schemes.
  'https://evil.example',
  'https://evil.example/phish',
  'http://evil.example',
  'http:evil.example',
  'https:evil.example',
  'http:/evil.example',
  'http:\\\\evil.example',
  'HTTPS://evil.example',
  'javascript:alert(1)',
  'JavaScript:alert(1)',
  'java\tscript:alert(1)',
  '%6Aavascript:alert(1)',
  'data:text/html,<script>alert(1)</script>',
  'vbscript:msgbox(1)',
  'file:///etc/passwd',
  'ftp://evil.example',
  // This origin, but with credentials, another port or another scheme.
  'http://user:pass@localhost:3000/reports',
  'http://localhost:3001/reports',
  'https://localhost:3000/reports',
  'http://localhost:3000.evil.example/reports',
  'http://localhost:3000@evil.example/reports',
  // This origin, but a path that is protocol-relative once parsed or decoded.
  'http://localhost:3000//evil.example',
  'http://localhost:3000/%2F%2Fevil.example',
  'http://localhost:3000/%5Cevil.example',
  // Not addresses at all.
  'evil.example',
  'reports',
  '',
  '?',
  '#/evil',
  `/${'a'.repeat(3000)}`,
];

describe('safeCallbackUrl', () => {
  it.each(BYPASSES)('refuses %j', (value) => {
    expect(safeCallbackUrl(value, ORIGIN)).toBe('/');
    expect(safeCallbackUrl(value, ORIGIN, '/fallback')).toBe('/fallback');
    expect(isSafeCallbackUrl(value, ORIGIN)).toBe(false);
  });

  it('refuses what is not a string', () => {
    for (const value of [undefined, null, 42, ['/reports'], { toString: () => '/reports' }]) {
      expect(safeCallbackUrl(value, ORIGIN)).toBe('/');
    }
  });

  it('keeps the path, query and fragment of a page of this app', () => {
    expect(safeCallbackUrl('/', ORIGIN)).toBe('/');
    expect(safeCallbackUrl('/reports', ORIGIN)).toBe('/reports');
    expect(safeCallbackUrl('/recommendations?status=IN_PROGRESS&agency=agency-csc', ORIGIN)).toBe('/recommendations?status=IN_PROGRESS&agency=agency-csc');
    expect(safeCallbackUrl('/reports/partnership?asAt=2013-03-31#changes', ORIGIN)).toBe('/reports/partnership?asAt=2013-03-31#changes');
    expect(safeCallbackUrl('/recommendations?q=caf%C3%A9', ORIGIN)).toBe('/recommendations?q=caf%C3%A9');
    // A slash further on is an ordinary path, even encoded.
    expect(safeCallbackUrl('/recommendations/a%2Fb', ORIGIN)).toBe('/recommendations/a%2Fb');
    expect(safeCallbackUrl('/?next=//evil.example', ORIGIN)).toBe('/?next=//evil.example');
    // Dot segments are resolved as a browser would.
    expect(safeCallbackUrl('/reviews/../reports', ORIGIN)).toBe('/reports');
  });

  it("takes an absolute URL only of the app's own origin, and keeps only its path", () => {
    expect(safeCallbackUrl('http://localhost:3000/reports?asAt=2013-03-31', ORIGIN)).toBe('/reports?asAt=2013-03-31');
    expect(safeCallbackUrl('HTTP://LOCALHOST:3000/reports', ORIGIN)).toBe('/reports');
    expect(safeCallbackUrl('http://localhost:3000', ORIGIN)).toBe('/');
    // Without an origin to compare with, no absolute URL is taken.
    expect(safeCallbackUrl('http://localhost:3000/reports')).toBe('/');
    expect(safeCallbackUrl('http://localhost:3000/reports', 'not a url')).toBe('/');
  });

  it('gives a result that is itself kept unchanged, and that a browser resolves onto the same origin', () => {
    for (const value of [...BYPASSES, '/reports?x=1#y', 'http://localhost:3000/a/b', '/a%2Fb', '/%', '/%zz']) {
      const result = safeCallbackUrl(value, ORIGIN);
      expect(safeCallbackUrl(result, ORIGIN), value).toBe(result);
      expect(new URL(result, ORIGIN).origin, value).toBe(ORIGIN);
      expect(new URL(result, 'https://app.example/some/page').origin, value).toBe('https://app.example');
    }
  });
});
