import 'server-only';

/**
 * An absolute link into the app, for emails (which have no page to be
 * relative to): on the address the app is served at (NEXTAUTH_URL, which
 * `npm start` always sets).
 */
export function appLink(path: string): string {
  const base = process.env.NEXTAUTH_URL || `http://localhost:${process.env.PORT ?? 3000}`;
  return new URL(path, base).toString();
}
