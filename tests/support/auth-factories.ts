// Factories for sign-in, two-factor and session tests (lib/auth).
import { db } from '@/lib/db';
import type { Role } from '@/lib/generated/prisma/enums';
import { generateTotpSecret } from '@/lib/auth/totp';
import { sealTotpSecret } from '@/lib/auth/totp-secret-at-rest';
import type { SessionUser } from '@/lib/auth/session-user';
import { createUser } from './factories';

/** Enrols a user in two-factor sign-in directly (as a confirmed enrolment would); returns the secret. */
export async function enrolTwoFactor(userId: string, secret = generateTotpSecret(), at = new Date()) {
  await db.user.update({ where: { id: userId }, data: { totpSecret: sealTotpSecret(userId, secret), totpEnabledAt: at, totpLastStep: null } });
  return secret;
}

/** A live UserSession row, as a sign-in opens one. */
export async function createSession(userId: string, at = new Date()) {
  return db.userSession.create({ data: { userId, createdAt: at, lastSeenAt: at } });
}

/** A user with a session, as `getSessionUser` would hand them to a Server Action. */
export async function createSessionUser(
  role: Role,
  agencyId: string,
  { twoFactor = role === 'ADMIN' || role === 'REVIEWER', mustChangePassword = false }: { twoFactor?: boolean; mustChangePassword?: boolean } = {},
): Promise<SessionUser> {
  const actor = await createUser(role, agencyId);
  if (twoFactor) await enrolTwoFactor(actor.id);
  if (mustChangePassword) await db.user.update({ where: { id: actor.id }, data: { mustChangePassword: true } });
  const session = await createSession(actor.id);
  return { ...actor, mustChangePassword, twoFactorEnabled: twoFactor, sessionId: session.id };
}

/** The history events of a kind, oldest first. */
export function eventsOf(kind: string, subjectId?: string) {
  return db.historyEvent.findMany({ where: { kind, ...(subjectId ? { subjectId } : {}) }, orderBy: { id: 'asc' } });
}
