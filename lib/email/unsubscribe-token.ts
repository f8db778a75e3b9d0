import 'server-only';
import { createHmac, timingSafeEqual } from 'node:crypto';
import { appLink } from './links';

// The link in a digest's List-Unsubscribe header works without signing in
// (mail clients call it), so it carries its own proof: the user's id with an
// HMAC under the app's secret. It can only ever switch that user's optional
// emails off, never read anything.

function mac(userId: string): string {
  const secret = process.env.NEXTAUTH_SECRET;
  if (!secret) throw new Error('NEXTAUTH_SECRET is not set');
  return createHmac('sha256', secret).update(`unsubscribe:${userId}`).digest('base64url');
}

export function unsubscribeToken(userId: string): string {
  return `${userId}.${mac(userId)}`;
}

/** The user the token was made for, or null for a token we did not make. */
export function userOfUnsubscribeToken(token: string): string | null {
  const [userId, given, extra] = token.split('.');
  if (!userId || !given || extra !== undefined || userId.length > 64) return null;
  const expected = Buffer.from(mac(userId));
  const actual = Buffer.from(given);
  return expected.length === actual.length && timingSafeEqual(expected, actual) ? userId : null;
}

/** The link a digest carries to stop reminder emails, without signing in. */
export function unsubscribeLink(userId: string): string {
  return appLink(`/unsubscribe?token=${encodeURIComponent(unsubscribeToken(userId))}`);
}
