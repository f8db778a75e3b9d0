// Where to send someone after they sign in: a page of this app, never another
// site. Used by the login page on the server (its redirect when already signed
// in) and by the login form in the browser (its navigation after sign-in), so
// both take exactly the same decision. No imports: it runs on either side.

/** Longer than any page address of the app; anything longer is not one of ours. */
const MAX_LENGTH = 2048;

/**
 * Characters browsers and URL parsers strip or reinterpret: a backslash is
 * read as a slash (`/\evil.example` is `//evil.example`, another host), tabs
 * and newlines are dropped (`/\t/evil.example` too), and other controls,
 * spaces and line separators have no place in a path of ours.
 */
const FORBIDDEN = /[\\\s\u0000-\u001f\u007f-\u009f\u2028\u2029]/;

/** A base no real request has: a relative value that resolves onto it stayed relative. */
const PLACEHOLDER_ORIGIN = 'http://callback-url.invalid';

/**
 * The path, query and fragment of `value` when it is a page of this app:
 * a path starting with exactly one `/`, or an absolute URL of `origin` (when
 * given). Anything else gives `fallback`. Refused: other origins and schemes
 * (`https://evil.example`, `javascript:`), protocol-relative paths (`//evil`),
 * backslashes, whitespace and control characters, raw or percent-encoded (at
 * any depth of encoding: proxies and servers decode more than once), and a
 * path that would start with `//` once decoded (`/%2F%2Fevil`).
 */
export function safeCallbackUrl(value: unknown, origin?: string | null, fallback = '/'): string {
  if (typeof value !== 'string' || value === '' || value.length > MAX_LENGTH) return fallback;

  if (!harmless(value)) return fallback;

  let url: URL;
  if (value.startsWith('/')) {
    try {
      url = new URL(value, PLACEHOLDER_ORIGIN);
    } catch {
      return fallback;
    }
    if (url.origin !== PLACEHOLDER_ORIGIN) return fallback;
  } else {
    // An absolute URL, accepted only when it is this app's own origin.
    if (!origin) return fallback;
    let own: string;
    try {
      url = new URL(value);
      own = new URL(origin).origin;
    } catch {
      return fallback;
    }
    if (url.origin === 'null' || url.origin !== own || url.username || url.password) return fallback;
  }

  // Checked again as parsed: dot segments can leave `//` at the start
  // (`/.//evil`), and an absolute URL's path was not checked on its own.
  const path = `${url.pathname}${url.search}${url.hash}`;
  return path.startsWith('/') && harmless(path) ? path : fallback;
}

/**
 * No forbidden character and no leading `//` in the text, nor in any of its
 * percent-decodings (proxies and servers may decode more than once).
 */
function harmless(text: string): boolean {
  let decoded = text;
  for (let depth = 0; depth < 5; depth++) {
    if (FORBIDDEN.test(decoded) || decoded.startsWith('//')) return false;
    const next = decodeOnce(decoded);
    if (next === decoded) return true;
    decoded = next;
  }
  return false; // still decoding after five rounds: no address of ours looks like that
}

/**
 * One round of percent-decoding that never gives up: a stray `%` elsewhere
 * (`/%5Cevil?q=100%`) must not stop `%5C` from being seen. Runs of escapes
 * that are not UTF-8 are decoded byte by byte.
 */
function decodeOnce(text: string): string {
  return text.replace(/(?:%[0-9a-f]{2})+/gi, (run) => {
    try {
      return decodeURIComponent(run);
    } catch {
      return run.replace(/%([0-9a-f]{2})/gi, (_, hex: string) => String.fromCharCode(parseInt(hex, 16)));
    }
  });
}

/** Whether `value` is a callback URL `safeCallbackUrl` keeps (rather than replacing it with the fallback). */
export function isSafeCallbackUrl(value: unknown, origin?: string | null): boolean {
  return safeCallbackUrl(value, origin, '') !== '';
}
