import 'server-only';
import type { CookiesOptions, NextAuthOptions } from 'next-auth';
import CredentialsProvider from 'next-auth/providers/credentials';
import { authenticate } from './authenticate';
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

export function buildAuthOptions(url = process.env.NEXTAUTH_URL): NextAuthOptions {
  const secure = servedOverHttps(url);
  return {
    // The JWT's own lifetime; the UserSession row enforces 12 h absolute and
    // 30 min idle on the server (lib/auth/session-user.ts).
    session: { strategy: 'jwt', maxAge: TWELVE_HOURS },
    useSecureCookies: secure,
    cookies: authCookies(secure),
    pages: { signIn: '/login', error: '/login' },
    providers: [
      CredentialsProvider({
        name: 'Email and password',
        credentials: { email: { type: 'email' }, password: { type: 'password' }, code: { type: 'text' } },
        authorize: (credentials, request) => authenticate(credentials, { clientAddress: clientAddress(request?.headers ?? {}) }),
      }),
    ],
    callbacks: {
      jwt({ token, user }) {
        if (user) {
          token.sub = user.id;
          token.sessionVersion = user.sessionVersion;
          token.sessionId = user.sessionId;
          token.role = user.role;
          token.agencyId = user.agencyId;
        }
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
