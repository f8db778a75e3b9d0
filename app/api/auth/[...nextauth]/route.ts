import NextAuth from 'next-auth';
import type { NextRequest } from 'next/server';
import { authCookies, authOptions, servedOverHttps } from '@/lib/auth/options';
import { isSafeCallbackUrl } from '@/lib/auth/safe-callback-url';
import { throttledSignInResponse } from '@/lib/auth/throttle';

const handler = NextAuth(authOptions);

type Context = { params: Promise<{ nextauth: string[] }> };

// next-auth 4 answers some malformed requests with HTTP 500, or throws. Each
// is refused here first, with a 4xx and a short JSON message, before next-auth
// sees it (the fuzzing in tests/security/fuzz-routes.test.ts found them;
// e2e/malformed-requests.spec.ts asks for each):
//  - GET /api/auth/callback/credentials ("not supported", 500): 405;
//  - a callbackUrl (query, form or JSON field, or the callback-url cookie)
//    that is not a page of this app (500, or "Invalid URL" thrown): 400, and
//    such a cookie is cleared so that the next request works;
//  - /api/auth/error/<code> or ?error= with a code that is not next-auth's
//    (it goes into Location unencoded: outside Latin-1 or with CR/LF, 500): 400;
//  - a JSON body that does not parse (500): 400.

/** The codes next-auth itself sends to its error action. */
const ERROR_CODES = new Set([
  'Configuration',
  'AccessDenied',
  'Verification',
  'Default',
  'Signin',
  'OAuthSignin',
  'OAuthCallback',
  'OAuthCreateAccount',
  'EmailCreateAccount',
  'Callback',
  'OAuthAccountNotLinked',
  'EmailSignin',
  'CredentialsSignin',
  'SessionRequired',
]);

function refuse(status: number, message: string, headers: Record<string, string> = {}): Response {
  return Response.json({ message }, { status, headers: { 'Cache-Control': 'no-store', ...headers } });
}

/** next-auth's base URL: NEXTAUTH_URL's origin (as next-auth takes it), else the request's. */
function appOrigin(request: NextRequest): string {
  try {
    return new URL(process.env.NEXTAUTH_URL ?? request.url).origin;
  } catch {
    return request.nextUrl.origin;
  }
}

/** The refusal for a request next-auth would fail on, whatever its method; null to go on. */
function refuseMalformed(request: NextRequest, nextauth: string[] | undefined, bodyCallbackUrl: unknown): Response | null {
  const origin = appOrigin(request);
  const callbackCookie = authCookies(servedOverHttps()).callbackUrl;
  const cookieValue = request.cookies.get(callbackCookie.name)?.value;
  if (cookieValue !== undefined && !isSafeCallbackUrl(cookieValue, origin)) {
    const { secure } = callbackCookie.options;
    const clear = `${callbackCookie.name}=; Path=/; Max-Age=0; HttpOnly; SameSite=Lax${secure ? '; Secure' : ''}`;
    return refuse(400, 'The callback URL cookie is not a page of this site; it has been cleared.', { 'Set-Cookie': clear });
  }
  // Every value: next-auth takes the last of repeated parameters. An empty
  // one counts as none, as next-auth takes it.
  const query = request.nextUrl.searchParams;
  const callbackUrls = [...query.getAll('callbackUrl'), ...(bodyCallbackUrl === undefined ? [] : [bodyCallbackUrl])];
  if (callbackUrls.some((value) => value !== '' && !isSafeCallbackUrl(value, origin))) {
    return refuse(400, 'callbackUrl must be a page of this site.');
  }
  const [action, provider] = nextauth ?? [];
  if (request.method === 'GET' && action === 'error') {
    // next-auth reads the code from ?error= first, else the path.
    const codes = query.has('error') ? query.getAll('error') : provider === undefined ? [] : [provider];
    if (codes.some((code) => code !== '' && !ERROR_CODES.has(code))) return refuse(400, 'Unknown error code.');
  }
  return null;
}

/** What next-auth answers on GET; anything else it answers with a bare "Error: ..." text. */
const GET_ACTIONS = new Set(['providers', 'session', 'csrf', 'signin', 'signout', 'callback', 'verify-request', 'error']);

export async function GET(request: NextRequest, context: Context) {
  const { nextauth } = await context.params;
  const [action, provider] = nextauth ?? [];
  if (action === undefined || !GET_ACTIONS.has(action)) return refuse(404, 'Not found.');
  // This app has one provider, and its credentials are only ever posted.
  if ((action === 'callback' || action === 'signin') && provider !== undefined && provider !== 'credentials') {
    return refuse(404, 'Unknown sign-in provider.');
  }
  if (action === 'callback' && provider === 'credentials') return refuse(405, 'Sign in with a POST request.', { Allow: 'POST' });
  return refuseMalformed(request, nextauth, undefined) ?? handler(request, context);
}

/**
 * The fields of a POST body as next-auth reads them (JSON or a form), or a
 * refusal for a JSON body that does not parse into an object.
 */
async function postedFields(request: NextRequest): Promise<Record<string, unknown> | Response> {
  const type = request.headers.get('content-type') ?? '';
  if (type.includes('application/json')) {
    const body: unknown = await request
      .clone()
      .json()
      .catch(() => undefined);
    if (typeof body !== 'object' || body === null || Array.isArray(body)) return refuse(400, 'The request body is not a JSON object.');
    return body as Record<string, unknown>;
  }
  if (type.includes('application/x-www-form-urlencoded')) {
    return Object.fromEntries(new URLSearchParams(await request.clone().text()));
  }
  return {}; // next-auth reads no other body
}

/**
 * next-auth's POST, with the refusals above and sign-in throttling in front of
 * the credentials callback: a throttled account or address gets HTTP 429 with
 * Retry-After before its password is even checked (lib/auth/throttle.ts).
 */
export async function POST(request: NextRequest, context: Context) {
  const { nextauth } = await context.params;
  // next-auth's client-side logging endpoint: this app sends nothing there,
  // and it would let anyone write to the server's log.
  if (nextauth?.[0] === '_log') return refuse(404, 'Not found.');
  const fields = await postedFields(request);
  if (fields instanceof Response) return fields;
  const refused = refuseMalformed(request, nextauth, Object.hasOwn(fields, 'callbackUrl') ? fields.callbackUrl : undefined);
  if (refused) return refused;
  if (nextauth?.[0] === 'callback' && nextauth[1] === 'credentials') {
    const throttled = await throttledSignInResponse(request);
    if (throttled) return throttled;
  }
  return handler(request, context);
}
