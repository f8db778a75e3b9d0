import 'server-only';
import type { CookiesOptions, LoggerInstance, NextAuthOptions } from 'next-auth';
import type { JWT } from 'next-auth/jwt';
import CredentialsProvider from 'next-auth/providers/credentials';
import { authenticate } from './authenticate';
import { safeCallbackUrl } from './safe-callback-url';
import { findSessionUser } from './session-user';
import { clientAddress } from './throttle';
import { signOutSession } from './user-session';

const TWELVE_HOURS = 12 * 60 * 60;

/** True when the app is served over HTTPS (NEXTAUTH_URL says so): cookies then get `Secure` and their prefixes. */
export function servedOverHttps(url = process.env.NEXTAUTH_URL): boolean {
  return (url ?? '').toLowerCase().startsWith('https://');
}

/**
 * Every cookie next-auth sets, spelt out rather than left to its defaults:
 * HttpOnly, SameSite=Lax, Path=/ and, behind HTTPS, Secure with the
 * `__Secure-` prefix (the session) or the stricter `__Host-` prefix (the CSRF
 * token: no Domain, Path=/, Secure). Over plain http (local use, the browser
 * tests) browsers refuse prefixed or Secure cookies, so neither is used.
 */
export function authCookies(secure: boolean): CookiesOptions {
  const prefix = secure ? '__Secure-' : '';
  const options = { httpOnly: true, sameSite: 'lax' as const, path: '/', secure };
  const shortLived = { ...options, maxAge: 60 * 15 };
  return {
    sessionToken: { name: `${prefix}next-auth.session-token`, options },
    callbackUrl: { name: `${prefix}next-auth.callback-url`, options },
    csrfToken: { name: `${secure ? '__Host-' : ''}next-auth.csrf-token`, options },
    pkceCodeVerifier: { name: `${prefix}next-auth.pkce.code_verifier`, options: shortLived },
    state: { name: `${prefix}next-auth.state`, options: shortLived },
    nonce: { name: `${prefix}next-auth.nonce`, options },
  };
}

/**
 * Thrown by the jwt callback when a token's session has ended (signed out,
 * idle, expired, user deactivated, role, agency or password changed): next-auth
 * then answers /api/auth/session with `{}` and clears the session cookie, as
 * for a forged token.
 */
export class SessionEndedError extends Error {
  constructor() {
    super('The session has ended');
    this.name = 'SessionEndedError';
  }
}

/** next-auth's console logger, without the expected SessionEndedError (not a fault, and one per request of an ended session). */
export const authLogger: LoggerInstance = {
  error(code, metadata) {
    const error = metadata instanceof Error ? metadata : (metadata as { error?: unknown } | undefined)?.error;
    if (error instanceof Error && error.name === 'SessionEndedError') return;
    console.error(`[next-auth][error][${code}]`, metadata);
  },
  warn(code) {
    console.warn(`[next-auth][warn][${code}]`);
  },
  debug() {},
};

function sessionClaims(token: JWT) {
  return {
    id: token.sub,
    sessionVersion: typeof token.sessionVersion === 'number' ? token.sessionVersion : null,
    sessionId: typeof token.sessionId === 'string' ? token.sessionId : null,
  };
}

export type BuildAuthOptions = {
  /**
   * Whether reading a session (next-auth's /api/auth/session) checks its
   * session row and user in the database. Only `getSessionUser`
   * (lib/auth/session.ts) turns it off, because it runs the same check
   * (findSessionUser) itself right after: once per request is enough.
   */
  checkSessionRow?: boolean;
};

export function buildAuthOptions(url = process.env.NEXTAUTH_URL, { checkSessionRow = true }: BuildAuthOptions = {}): NextAuthOptions {
  const secure = servedOverHttps(url);
  return {
    // The JWT's own lifetime; the UserSession row enforces 12 h absolute and
    // 30 min idle on the server (lib/auth/session-user.ts).
    session: { strategy: 'jwt', maxAge: TWELVE_HOURS },
    useSecureCookies: secure,
    cookies: authCookies(secure),
    pages: { signIn: '/login', error: '/login' },
    logger: authLogger,
    providers: [
      CredentialsProvider({
        name: 'Email and password',
        credentials: { email: { type: 'email' }, password: { type: 'password' }, code: { type: 'text' } },
        authorize: (credentials, request) => authenticate(credentials, { clientAddress: clientAddress(request?.headers ?? {}) }),
      }),
    ],
    callbacks: {
      // Only pages of this app, and never a throw: next-auth's default throws
      // "Invalid URL" (HTTP 500) on a callbackUrl that is not a URL. The route
      // refuses those first (app/api/auth/[...nextauth]/route.ts); this is the backstop.
      redirect({ url, baseUrl }) {
        return `${baseUrl}${safeCallbackUrl(url, baseUrl)}`;
      },
      async jwt({ token, user }) {
        if (user) {
          token.sub = user.id;
          token.sessionVersion = user.sessionVersion;
          token.sessionId = user.sessionId;
          token.role = user.role;
          token.agencyId = user.agencyId;
          return token;
        }
        // An existing token, read or renewed: the cookie alone proves nothing
        // once the session row has ended or the user was deactivated, so the
        // session answers as no session at all (and is not renewed).
        if (checkSessionRow && !(await findSessionUser(sessionClaims(token)))) throw new SessionEndedError();
        return token;
      },
      session({ session, token }) {
        session.user = {
          id: token.sub ?? '',
          sessionVersion: token.sessionVersion,
          sessionId: token.sessionId,
          role: token.role,
          agencyId: token.agencyId,
          name: token.name ?? '',
          email: token.email ?? '',
        };
        return session;
      },
    },
    events: {
      signOut: ({ token }) => signOutSession(token),
    },
  };
}

export const authOptions: NextAuthOptions = buildAuthOptions();

/** For `getServerSession` in lib/auth/session.ts only: it checks the session row itself (see `checkSessionRow`). */
export const serverSessionOptions: NextAuthOptions = buildAuthOptions(undefined, { checkSessionRow: false });
