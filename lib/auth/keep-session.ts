import 'server-only';
import { decode, encode } from 'next-auth/jwt';
import { cookies } from 'next/headers';
import { db } from '@/lib/db';
import { RuleError } from '@/lib/errors';
import { authCookies, servedOverHttps } from './options';
import type { SessionUser } from './session-user';
import { endOtherSessions, SESSION_ABSOLUTE_MS } from './user-session';

// Changing a password bumps the user's sessionVersion, which ends every
// session minted with the old one (lib/auth/session-user.ts). The session in
// which the user changed it must survive, but next-auth v4 cannot update a JWT
// from the server. A Server Action can set cookies, though: this re-issues the
// session cookie with the new version and the session that carries on
// (`changePassword` in lib/users/change-password.ts opens a replacement row
// with the same start, so the 12-hour limit still counts from the sign-in, and
// ends every other session in its transaction).
//
// Use, in the change-password Server Action, after the change has committed:
//   export const changePasswordAction = serverAction(changePasswordSchema, async (actor, input) => {
//     const changed = await changePassword(actor, input);
//     await keepSessionAfterPasswordChange(actor, changed);
//     return null;
//   }, { allow: 'password-change' });

/** A RuleError, so that `serverAction` shows its message rather than failing. */
export class SessionNotRenewedError extends RuleError {
  constructor() {
    super('Your password was changed, but your session could not be kept. Sign in again with your new password.');
    this.name = 'SessionNotRenewedError';
  }
}

export type ChangedSession = {
  sessionVersion: number;
  /** The session that carries on; the actor's own when omitted. */
  sessionId?: string | null;
};

export async function keepSessionAfterPasswordChange(
  actor: SessionUser,
  changed: ChangedSession | number,
  now: Date = new Date(),
): Promise<void> {
  const { sessionVersion, sessionId = actor.sessionId } = typeof changed === 'number' ? { sessionVersion: changed } : changed;
  const secret = process.env.NEXTAUTH_SECRET;
  if (!secret) throw new Error('NEXTAUTH_SECRET is not set');
  if (!sessionId) throw new SessionNotRenewedError();
  const { sessionToken } = authCookies(servedOverHttps());
  const jar = await cookies();

  // next-auth splits a token over name.0, name.1... only past 4 kB; ours is
  // far smaller, but read (and later clear) the chunks if they are there.
  const chunks = jar
    .getAll()
    .filter((cookie) => cookie.name.startsWith(`${sessionToken.name}.`))
    .sort((a, b) => Number(a.name.split('.').pop()) - Number(b.name.split('.').pop()));
  const raw = jar.get(sessionToken.name)?.value ?? chunks.map((cookie) => cookie.value).join('');
  const token = await decode({ token: raw, secret }).catch(() => null);
  // The cookie must be the one of the session the change was made in.
  if (!token || token.sub !== actor.id || token.sessionId !== actor.sessionId) throw new SessionNotRenewedError();

  const session = await db.userSession.findUnique({ where: { id: sessionId }, include: { user: { select: { sessionVersion: true } } } });
  if (!session || session.endedAt || session.userId !== actor.id) throw new SessionNotRenewedError();
  if (session.user.sessionVersion !== sessionVersion) throw new SessionNotRenewedError();

  const maxAge = Math.floor((session.createdAt.getTime() + SESSION_ABSOLUTE_MS - now.getTime()) / 1000);
  if (maxAge <= 0) throw new SessionNotRenewedError();
  const renewed = await encode({ token: { ...token, sessionVersion, sessionId }, secret, maxAge });
  for (const chunk of chunks) jar.delete(chunk.name);
  jar.set(sessionToken.name, renewed, { ...sessionToken.options, maxAge });

  // Normally done by changePassword already; a no-op then.
  await endOtherSessions(db, actor.id, sessionId, 'password changed', now);
}
