import 'server-only';
import type { z } from 'zod';
import { recordEvent } from '@/lib/audit/record-event';
import { assertCan } from '@/lib/auth/permissions';
import type { Actor } from '@/lib/auth/session-user';
import { clearTwoFactor } from '@/lib/auth/two-factor';
import { endOtherSessions } from '@/lib/auth/user-session';
import { db } from '@/lib/db';
import { NotFoundError, RuleError } from '@/lib/errors';
import type { resetTwoFactorSchema } from './user.schema';

/**
 * For an admin, when a user has lost both the device and the recovery codes:
 * two-factor is cleared and all the user's sessions end. An admin or
 * reviewer must then set it up again at their next sign-in.
 */
export async function resetTwoFactor(admin: Actor, input: z.output<typeof resetTwoFactorSchema>, now: Date = new Date()): Promise<{ id: string }> {
  assertCan(admin, 'user:manage');
  // Switching off one's own two-factor needs a current code (disableTwoFactor):
  // an admin's session alone must not be enough to drop it.
  if (input.id === admin.id) throw new RuleError('You cannot reset your own two-factor sign-in: ask another admin, or turn it off in your account with a code');
  return db.$transaction(async (tx) => {
    const user = await tx.user.findUnique({ where: { id: input.id }, select: { id: true, totpEnabledAt: true } });
    if (!user) throw new NotFoundError('user');
    if (!user.totpEnabledAt) throw new RuleError('Two-factor sign-in is not set up for this user.');
    await clearTwoFactor(tx, user.id);
    await endOtherSessions(tx, user.id, null, 'two-factor reset', now);
    await recordEvent(tx, {
      actorId: admin.id,
      kind: 'user.two_factor_disabled',
      subjectId: user.id,
      after: { by: 'admin' },
      note: input.resetTwoFactorReason,
    });
    return { id: user.id };
  });
}
