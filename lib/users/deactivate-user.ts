import 'server-only';
import type { z } from 'zod';
import { recordEvent } from '@/lib/audit/record-event';
import { assertCan } from '@/lib/auth/permissions';
import type { Actor } from '@/lib/auth/session-user';
import { db } from '@/lib/db';
import { NotFoundError, RuleError } from '@/lib/errors';
import { assertAnotherActiveAdmin, lockForAdminChange } from './user-rules';
import type { deactivateUserSchema } from './user.schema';

/**
 * Deactivates a user: they cannot sign in, and their sessions end on their
 * next request (session version bumped). Nothing of theirs is deleted: their
 * name stays on everything they did. An admin cannot deactivate themselves,
 * nor the last active admin.
 */
export async function deactivateUser(actor: Actor, input: z.output<typeof deactivateUserSchema>) {
  assertCan(actor, 'user:manage');
  if (input.id === actor.id) throw new RuleError('You cannot deactivate your own account: ask another admin to do it');
  return db.$transaction(async (tx) => {
    const locked = await lockForAdminChange(tx, input.id);
    if (!locked) throw new NotFoundError('user');
    const user = await tx.user.findUniqueOrThrow({ where: { id: input.id }, select: { id: true, role: true, active: true } });
    if (!user.active) throw new RuleError('That user is already deactivated');
    if (user.role === 'ADMIN') assertAnotherActiveAdmin(locked.activeAdminIds, user.id);

    await tx.user.update({ where: { id: user.id }, data: { active: false, sessionVersion: { increment: 1 } } });
    await recordEvent(tx, {
      actorId: actor.id,
      kind: 'user.deactivated',
      subjectId: user.id,
      before: { active: true },
      after: { active: false },
      note: input.deactivateReason,
    });
    return { id: user.id };
  });
}
