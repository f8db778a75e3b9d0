import { describe, expect, it } from 'vitest';
import { authCookies, buildAuthOptions, servedOverHttps } from './options';

describe('auth cookies', () => {
  it('behind HTTPS: __Secure- session, __Host- CSRF token, every cookie HttpOnly, SameSite=Lax, Secure, Path=/', () => {
    const options = buildAuthOptions('https://followthrough.example.org');
    expect(options.useSecureCookies).toBe(true);
    const cookies = options.cookies!;
    expect(cookies.sessionToken!.name).toBe('__Secure-next-auth.session-token');
    expect(cookies.csrfToken!.name).toBe('__Host-next-auth.csrf-token');
    expect(cookies.callbackUrl!.name).toBe('__Secure-next-auth.callback-url');
    for (const [name, cookie] of Object.entries(cookies)) {
      expect(cookie.options, name).toMatchObject({ httpOnly: true, sameSite: 'lax', secure: true, path: '/' });
      expect(cookie.options.domain, name).toBeUndefined(); // __Host- requires no Domain; none of them needs one
      expect(cookie.name, name).toMatch(/^__(Secure|Host)-/);
    }
  });

  it('over plain http (local use): the same flags without Secure or prefixes, which browsers would refuse', () => {
    const cookies = authCookies(false);
    expect(cookies.sessionToken.name).toBe('next-auth.session-token');
    expect(cookies.csrfToken.name).toBe('next-auth.csrf-token');
    for (const cookie of Object.values(cookies)) {
      expect(cookie.options).toMatchObject({ httpOnly: true, sameSite: 'lax', secure: false, path: '/' });
    }
    expect(buildAuthOptions('http://localhost:3000').useSecureCookies).toBe(false);
  });

  it('decides by NEXTAUTH_URL', () => {
    expect(servedOverHttps('HTTPS://x.example')).toBe(true);
    expect(servedOverHttps('http://x.example')).toBe(false);
    expect(servedOverHttps(undefined)).toBe(false);
  });

  it('keeps JWT sessions of at most 12 hours', () => {
    expect(buildAuthOptions().session).toEqual({ strategy: 'jwt', maxAge: 12 * 60 * 60 });
  });
});
