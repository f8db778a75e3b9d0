import 'server-only';
import type { z } from 'zod';
import { recordEvent } from '@/lib/audit/record-event';
import { hashPassword } from '@/lib/auth/password';
import { assertCan } from '@/lib/auth/permissions';
import type { Actor } from '@/lib/auth/session-user';
import { db } from '@/lib/db';
import { NotFoundError, RuleError } from '@/lib/errors';
import { generateOneTimePassword } from './user-rules';
import type { resetPasswordSchema } from './user.schema';

export type PasswordReset = {
  id: string;
  /** Show it to the admin once, to pass on by a safe route; it is not stored anywhere in clear. */
  oneTimePassword: string;
};

/**
 * Replaces a user's password with a generated one-time password that they
 * must change when they next sign in. Their sessions end on their next
 * request (session version bumped). An admin changes their own password on
 * the change-password page instead, which asks for the current one.
 */
export async function resetPassword(actor: Actor, input: z.output<typeof resetPasswordSchema>): Promise<PasswordReset> {
  assertCan(actor, 'user:manage');
  if (input.id === actor.id) {
    throw new RuleError('You cannot reset your own password here: change it on the "Change your password" page');
  }
  const user = await db.user.findUnique({ where: { id: input.id }, include: { agency: true } });
  if (!user) throw new NotFoundError('user');
  const oneTimePassword = await generateOneTimePassword({
    email: user.email,
    name: user.name,
    agencyName: user.agency.name,
    agencyShortName: user.agency.shortName,
  });
  const passwordHash = await hashPassword(oneTimePassword);

  await db.$transaction(async (tx) => {
    const rows = await tx.$queryRaw<{ mustChangePassword: boolean }[]>`
      SELECT "mustChangePassword" FROM "User" WHERE id = ${user.id} FOR UPDATE`;
    const current = rows[0];
    if (!current) throw new NotFoundError('user');
    await tx.user.update({
      where: { id: user.id },
      data: { passwordHash, mustChangePassword: true, sessionVersion: { increment: 1 } },
    });
    await recordEvent(tx, {
      actorId: actor.id,
      kind: 'user.password_reset',
      subjectId: user.id,
      before: { mustChangePassword: current.mustChangePassword },
      after: { mustChangePassword: true },
      note: "One-time password generated; the user's sessions were ended",
    });
  });
  return { id: user.id, oneTimePassword };
}
