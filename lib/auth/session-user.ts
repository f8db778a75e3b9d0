import 'server-only';
import { db } from '@/lib/db';
import type { Role } from '@/lib/generated/prisma/enums';
import { hasTwoFactor } from './account-steps';
import { type SessionEndReason, endSession, sessionExpiry, touchSession } from './user-session';

/** The acting user, as every domain function receives it. Always from the session, never the client. */
export type Actor = {
  id: string;
  email: string;
  name: string;
  role: Role;
  agencyId: string;
  agencyName: string;
  mustChangePassword: boolean;
};

/** The actor as the session knows it: also what the account-step checks and session changes need. */
export type SessionUser = Actor & {
  twoFactorEnabled: boolean;
  /** The UserSession row this request belongs to. */
  sessionId: string;
};

/** A user row with its agency, as the actor domain functions take. */
export function toActor(user: {
  id: string;
  email: string;
  name: string;
  role: Role;
  agencyId: string;
  agency: { shortName: string };
  mustChangePassword: boolean;
}): Actor {
  return {
    id: user.id,
    email: user.email,
    name: user.name,
    role: user.role,
    agencyId: user.agencyId,
    agencyName: user.agency.shortName,
    mustChangePassword: user.mustChangePassword,
  };
}

export type SessionClaims = { id?: string | null; sessionVersion?: number | null; sessionId?: string | null };

/**
 * Turns a session's claims into the user, re-read from the database on every
 * request (one query: the session row with its user and agency). Null, and the session
 * row ended with the reason, when:
 *  - the session was ended (signed out, revoked) or is unknown;
 *  - it is 12 hours old (absolute) or has been idle 30 minutes;
 *  - the user was deactivated, or their role, agency or password changed
 *    since the session was issued (session version bumped).
 * A live session's lastSeenAt moves forward, at most once a minute.
 */
export async function findSessionUser(claims: SessionClaims | null | undefined, now: Date = new Date()): Promise<SessionUser | null> {
  if (!claims?.id || typeof claims.sessionVersion !== 'number' || !claims.sessionId) return null;
  // Every request and action runs this: one hand-written query (no query
  // compilation, one round trip) for the session, its user and their agency.
  const [session] = await db.$queryRaw<SessionRow[]>`
    SELECT s.id, s."userId", s."createdAt", s."lastSeenAt", s."endedAt",
           u.email, u.name, u.role::text AS role, u."agencyId", u.active, u."sessionVersion", u."mustChangePassword",
           u."totpEnabledAt", u."totpSecret",
           a."shortName" AS "agencyShortName"
    FROM "UserSession" s
    JOIN "User" u ON u.id = s."userId"
    JOIN "Agency" a ON a.id = u."agencyId"
    WHERE s.id = ${claims.sessionId}`;
  if (!session || session.userId !== claims.id || session.endedAt) return null;
  const ended: SessionEndReason | null = !session.active
    ? 'deactivated'
    : session.sessionVersion !== claims.sessionVersion
      ? 'superseded'
      : sessionExpiry(session, now);
  if (ended) {
    await endSession(session.id, ended, now);
    return null;
  }
  await touchSession(session.id, session.lastSeenAt, now);
  return {
    ...toActor({ ...session, id: session.userId, agency: { shortName: session.agencyShortName } }),
    twoFactorEnabled: hasTwoFactor(session),
    sessionId: session.id,
  };
}

type SessionRow = {
  id: string;
  userId: string;
  createdAt: Date;
  lastSeenAt: Date;
  endedAt: Date | null;
  email: string;
  name: string;
  role: Role;
  agencyId: string;
  active: boolean;
  sessionVersion: number;
  mustChangePassword: boolean;
  totpEnabledAt: Date | null;
  totpSecret: string | null;
  agencyShortName: string;
};
