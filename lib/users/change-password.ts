import 'server-only';
import type { z } from 'zod';
import { recordEvent } from '@/lib/audit/record-event';
import { hashPassword, verifyPassword } from '@/lib/auth/password';
import { assertNotThrottled, recordReauthenticationFailure } from '@/lib/auth/reauthentication';
import type { Actor } from '@/lib/auth/session-user';
import { endOtherSessions } from '@/lib/auth/user-session';
import { db } from '@/lib/db';
import { RuleError } from '@/lib/errors';
import { assertPasswordAllowed } from './user-rules';
import type { changePasswordSchema } from './user.schema';

export const CURRENT_PASSWORD_WRONG = 'Your current password is not right: enter the password you signed in with';

export type ChangedPassword = {
  /**
   * The user's session version after the change. Every session minted with
   * an older one ends on its next request; the caller re-issues the current
   * session's token with this version (and `sessionId`) to keep it alive.
   */
  sessionVersion: number;
  /**
   * The session that replaces the one the change was made in (same start
   * time, so the 12-hour limit still counts from the sign-in), or null when
   * the actor came without one. Every other session of the user, the old
   * current one included, is ended ('superseded') in the same transaction: a
   * request still in flight with the old token then ends only the old row.
   */
  sessionId: string | null;
};

/**
 * The signed-in user changes their own password (any role; only ever their
 * own account: the user comes from the session, never from the input). Asks
 * for the current password, applies the password policy, clears "must change
 * password", and ends every other session.
 */
export async function changePassword(
  actor: Actor & { sessionId?: string | null },
  input: z.output<typeof changePasswordSchema>,
): Promise<ChangedPassword> {
  const user = await db.user.findUnique({ where: { id: actor.id }, include: { agency: true } });
  if (!user || !user.active) throw new RuleError('Your account is no longer active');
  await assertNotThrottled(user, 'currentPassword');
  if (!(await verifyPassword(user.passwordHash, input.currentPassword))) {
    await recordReauthenticationFailure(user, 'change password');
    throw new RuleError(CURRENT_PASSWORD_WRONG, 'currentPassword');
  }

  await assertPasswordAllowed(
    input.newPassword,
    { email: user.email, name: user.name, agencyName: user.agency.name, agencyShortName: user.agency.shortName },
    'newPassword',
  );
  if (input.newPassword === input.currentPassword) {
    throw new RuleError('Choose a new password that is different from your current one', 'newPassword');
  }
  const passwordHash = await hashPassword(input.newPassword);

  return db.$transaction(async (tx) => {
    const now = new Date();
    // Only over the password just verified: if it was reset or changed meanwhile, nothing happens.
    const updated = await tx.user.updateMany({
      where: { id: user.id, passwordHash: user.passwordHash, active: true },
      data: { passwordHash, passwordChangedAt: now, mustChangePassword: false, sessionVersion: { increment: 1 } },
    });
    if (updated.count !== 1) throw new RuleError('Your password was changed elsewhere meanwhile: sign in again, then try again');
    const { sessionVersion } = await tx.user.findUniqueOrThrow({ where: { id: user.id }, select: { sessionVersion: true } });

    let sessionId: string | null = null;
    const current = actor.sessionId
      ? await tx.userSession.findFirst({ where: { id: actor.sessionId, userId: user.id, endedAt: null }, select: { createdAt: true } })
      : null;
    if (current) {
      const replacement = await tx.userSession.create({
        data: { userId: user.id, createdAt: current.createdAt, lastSeenAt: now },
        select: { id: true },
      });
      sessionId = replacement.id;
    }
    await endOtherSessions(tx, user.id, sessionId, 'superseded', now);

    await recordEvent(tx, {
      actorId: user.id,
      kind: 'user.password_changed',
      subjectId: user.id,
      before: { mustChangePassword: user.mustChangePassword, passwordChangedAt: user.passwordChangedAt },
      after: { mustChangePassword: false, passwordChangedAt: now },
      note: 'Every other session of the user was ended',
    });
    return { sessionVersion, sessionId };
  });
}
