import 'server-only';
import type { z } from 'zod';
import { recordEvent } from '@/lib/audit/record-event';
import { hashPassword } from '@/lib/auth/password';
import { assertCan } from '@/lib/auth/permissions';
import type { Actor } from '@/lib/auth/session-user';
import { db } from '@/lib/db';
import { RuleError } from '@/lib/errors';
import { assertEmailFree, assertPasswordAllowed, generateOneTimePassword, refusingDuplicateEmail } from './user-rules';
import type { createUserSchema } from './user.schema';

export type CreatedUser = {
  id: string;
  /** Set only when the password was generated: show it to the admin once, then forget it. */
  oneTimePassword: string | null;
};

/**
 * A new user, with the initial password the admin typed or a generated one.
 * Either way the user must choose their own at first sign-in, since the admin
 * knows this one. One 'user.created' event in the same transaction; no
 * password or hash in it.
 */
export async function createUser(actor: Actor, input: z.output<typeof createUserSchema>): Promise<CreatedUser> {
  assertCan(actor, 'user:manage');
  const agency = await db.agency.findUnique({ where: { id: input.agencyId }, select: { id: true, name: true, shortName: true } });
  if (!agency) throw new RuleError('Choose an agency from the list', 'agencyId');

  const context = { email: input.email, name: input.name, agencyName: agency.name, agencyShortName: agency.shortName };
  if (input.initialPassword !== null) await assertPasswordAllowed(input.initialPassword, context, 'initialPassword');
  const oneTimePassword = input.initialPassword === null ? await generateOneTimePassword(context) : null;
  const passwordHash = await hashPassword(input.initialPassword ?? oneTimePassword!);

  const user = await refusingDuplicateEmail(() =>
    db.$transaction(async (tx) => {
      await assertEmailFree(tx, input.email);
      const created = await tx.user.create({
        data: { email: input.email, name: input.name, role: input.role, agencyId: agency.id, passwordHash, mustChangePassword: true },
      });
      await recordEvent(tx, {
        actorId: actor.id,
        kind: 'user.created',
        subjectId: created.id,
        after: {
          email: created.email,
          name: created.name,
          role: created.role,
          agencyId: agency.id,
          agencyName: agency.name,
          active: true,
          mustChangePassword: true,
        },
        note: oneTimePassword ? 'One-time password generated' : 'Initial password set by the admin',
      });
      return created;
    }),
  );
  return { id: user.id, oneTimePassword };
}
