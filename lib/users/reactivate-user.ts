import 'server-only';
import type { z } from 'zod';
import { recordEvent } from '@/lib/audit/record-event';
import { assertCan } from '@/lib/auth/permissions';
import type { Actor } from '@/lib/auth/session-user';
import { db } from '@/lib/db';
import { NotFoundError, RuleError } from '@/lib/errors';
import type { reactivateUserSchema } from './user.schema';

/**
 * Lets a deactivated user sign in again, with the role, agency and password
 * they had. The session version moves on too, so that a session from before
 * the deactivation can never come back to life.
 */
export async function reactivateUser(actor: Actor, input: z.output<typeof reactivateUserSchema>) {
  assertCan(actor, 'user:manage');
  return db.$transaction(async (tx) => {
    const rows = await tx.$queryRaw<{ active: boolean }[]>`SELECT active FROM "User" WHERE id = ${input.id} FOR UPDATE`;
    const user = rows[0];
    if (!user) throw new NotFoundError('user');
    if (user.active) throw new RuleError('That user is already active');

    await tx.user.update({ where: { id: input.id }, data: { active: true, sessionVersion: { increment: 1 } } });
    await recordEvent(tx, {
      actorId: actor.id,
      kind: 'user.reactivated',
      subjectId: input.id,
      before: { active: false },
      after: { active: true },
    });
    return { id: input.id };
  });
}
