import 'server-only';
import { recordEvent } from '@/lib/audit/record-event';
import { db, type Tx } from '@/lib/db';

// One UserSession row per sign-in (the JWT carries its id): a session ends
// after 12 hours whatever happens, or 30 minutes without a request, on every
// app instance at once, and can be ended from the server (sign-out, a change
// of two-factor set-up).

export { SESSION_ABSOLUTE_MS, SESSION_IDLE_MS } from './session-limits';
import { SESSION_ABSOLUTE_MS, SESSION_IDLE_MS } from './session-limits';
/**
 * lastSeenAt is written at most once a minute, to spare a write per request;
 * so a session may end up to a minute before 30 minutes of true idleness.
 */
export const LAST_SEEN_RESOLUTION_MS = 60_000;

export type SessionEndReason =
  | 'signed out'
  | 'idle'
  | 'expired'
  | 'deactivated'
  | 'superseded' // the user's session version moved on: role, agency or password changed
  | 'password changed'
  | 'two-factor changed'
  | 'two-factor reset';

/** Why a live session may no longer be used at `now`, or null while it may. */
export function sessionExpiry(session: { createdAt: Date; lastSeenAt: Date }, now: Date): 'expired' | 'idle' | null {
  if (now.getTime() - session.createdAt.getTime() >= SESSION_ABSOLUTE_MS) return 'expired';
  if (now.getTime() - session.lastSeenAt.getTime() >= SESSION_IDLE_MS) return 'idle';
  return null;
}

export async function startSession(tx: Tx, userId: string, now: Date): Promise<string> {
  const session = await tx.userSession.create({ data: { userId, createdAt: now, lastSeenAt: now }, select: { id: true } });
  return session.id;
}

/** Ends a session if it is still live; true when this call ended it. */
export async function endSession(sessionId: string, reason: SessionEndReason, now: Date = new Date(), client: Tx | typeof db = db): Promise<boolean> {
  const { count } = await client.userSession.updateMany({
    where: { id: sessionId, endedAt: null },
    data: { endedAt: now, endReason: reason },
  });
  return count === 1;
}

/** Ends every live session of a user but `keepSessionId` (null: all of them). */
export async function endOtherSessions(client: Tx | typeof db, userId: string, keepSessionId: string | null, reason: SessionEndReason, now: Date = new Date()) {
  const { count } = await client.userSession.updateMany({
    where: { userId, endedAt: null, ...(keepSessionId ? { id: { not: keepSessionId } } : {}) },
    data: { endedAt: now, endReason: reason },
  });
  return count;
}

/** Marks the session as used now, at most once a minute. */
export async function touchSession(sessionId: string, lastSeenAt: Date, now: Date) {
  if (now.getTime() - lastSeenAt.getTime() < LAST_SEEN_RESOLUTION_MS) return;
  await db.userSession.updateMany({
    where: { id: sessionId, endedAt: null, lastSeenAt: { lt: new Date(now.getTime() - LAST_SEEN_RESOLUTION_MS + 1) } },
    data: { lastSeenAt: now },
  });
}

/** next-auth's signOut event: the session ends, and the history says so. */
export async function signOutSession(token: { sub?: string | null; sessionId?: string | null } | null | undefined, now: Date = new Date()) {
  if (!token?.sub || !token.sessionId) return;
  const userId = token.sub;
  const sessionId = token.sessionId;
  await db.$transaction(async (tx) => {
    const live = await tx.userSession.findFirst({ where: { id: sessionId, userId, endedAt: null }, select: { id: true } });
    if (!live) return;
    await endSession(sessionId, 'signed out', now, tx);
    await recordEvent(tx, { actorId: userId, kind: 'user.signed_out', subjectId: userId, after: null, note: null });
  });
}
