import 'server-only';
import type { z } from 'zod';
import { changedFields } from '@/lib/audit/events';
import { recordEvent } from '@/lib/audit/record-event';
import { assertCan } from '@/lib/auth/permissions';
import type { Actor } from '@/lib/auth/session-user';
import { db } from '@/lib/db';
import type { Role } from '@/lib/generated/prisma/enums';
import { NotFoundError, RuleError } from '@/lib/errors';
import { assertAnotherActiveAdmin, lockForAdminChange } from './user-rules';
import type { updateUserSchema } from './user.schema';

export type UpdatedUser = { id: string; changed: boolean };

/**
 * Changes a user's name, role or agency. A new role or agency ends the user's
 * sessions on their next request (session version bumped), so that what they
 * may see and do changes at once. Refuses to leave no active admin, and to
 * change your own role (another admin must). Saving without changing anything
 * changes nothing and records nothing.
 */
export async function updateUser(actor: Actor, input: z.output<typeof updateUserSchema>): Promise<UpdatedUser> {
  assertCan(actor, 'user:manage');
  return db.$transaction(async (tx) => {
    const locked = await lockForAdminChange(tx, input.id);
    if (!locked) throw new NotFoundError('user');
    const before = await tx.user.findUniqueOrThrow({ where: { id: input.id }, include: { agency: true } });

    if (input.role !== before.role) {
      if (before.id === actor.id) throw new RuleError('You cannot change your own role: ask another admin to do it', 'role');
      if (before.role === 'ADMIN' && before.active) assertAnotherActiveAdmin(locked.activeAdminIds, before.id);
    }
    let agencyName = before.agency.name;
    if (input.agencyId !== before.agencyId) {
      const agency = await tx.agency.findUnique({ where: { id: input.agencyId }, select: { name: true } });
      if (!agency) throw new RuleError('Choose an agency from the list', 'agencyId');
      agencyName = agency.name;
    }

    // The agency's name travels with its id, for the history to read.
    type Fields = { name: string; role: Role; agencyId: string; agencyName?: string };
    const changes: { before: Partial<Fields>; after: Partial<Fields> } = changedFields<Fields>(
      { name: before.name, role: before.role, agencyId: before.agencyId },
      { name: input.name, role: input.role, agencyId: input.agencyId },
    );
    if (Object.keys(changes.after).length === 0) return { id: before.id, changed: false };
    if ('agencyId' in changes.after) {
      changes.before.agencyName = before.agency.name;
      changes.after.agencyName = agencyName;
    }

    const endsSessions = 'role' in changes.after || 'agencyId' in changes.after;
    await tx.user.update({
      where: { id: before.id },
      data: {
        name: input.name,
        role: input.role,
        agencyId: input.agencyId,
        ...(endsSessions ? { sessionVersion: { increment: 1 } } : {}),
      },
    });
    await recordEvent(tx, {
      actorId: actor.id,
      kind: 'user.updated',
      subjectId: before.id,
      ...changes,
      note: endsSessions ? "The user's sessions were ended" : null,
    });
    return { id: before.id, changed: true };
  });
}
