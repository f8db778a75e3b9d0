import 'server-only';
import { db } from '@/lib/db';
import type { Role } from '@/lib/generated/prisma/enums';

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

export type SessionClaims = { id?: string | null; sessionVersion?: number | null };

/**
 * Turns a session's claims into the user, re-read from the database on every
 * request: a deactivated user, or one whose role, agency or password changed
 * since the session was issued (session version bumped), gets null.
 */
export async function findSessionUser(claims: SessionClaims | null | undefined): Promise<Actor | null> {
  if (!claims?.id || typeof claims.sessionVersion !== 'number') return null;
  const user = await db.user.findUnique({ where: { id: claims.id }, include: { agency: true } });
  if (!user || !user.active || user.sessionVersion !== claims.sessionVersion) return null;
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
