// The browser's two requests to next-auth, without next-auth/react (9–11 kB
// of JavaScript on every page for what is two fetches).

/** next-auth's CSRF token, which every POST to /api/auth needs. */
export async function csrfToken(): Promise<string> {
  const response = await fetch('/api/auth/csrf');
  const data = (await response.json().catch(() => ({}))) as { csrfToken?: string };
  return data.csrfToken ?? '';
}

/**
 * Keeps the session alive: next-auth's session endpoint checks (and so
 * touches) the session row. True while the session is live.
 */
export async function keepSessionAlive(): Promise<boolean> {
  const response = await fetch('/api/auth/session', { cache: 'no-store' });
  const data = (await response.json().catch(() => ({}))) as { user?: unknown };
  return response.ok && Boolean(data.user);
}

/** Ends the session (next-auth's sign-out endpoint) and goes to `callbackUrl`. */
export async function signOut(callbackUrl: string) {
  const response = await fetch('/api/auth/signout', {
    method: 'POST',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ csrfToken: await csrfToken(), callbackUrl, json: 'true' }),
  });
  const data = (await response.json().catch(() => ({}))) as { url?: string };
  // A full page load: nothing of the signed-in pages stays in the router's cache.
  window.location.href = data.url ?? callbackUrl;
}
