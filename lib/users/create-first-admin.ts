import 'server-only';
import { z } from 'zod';
import { recordEvent } from '@/lib/audit/record-event';
import { hashPassword } from '@/lib/auth/password';
import type { Db } from '@/lib/db';

export const firstAdminSchema = z.object({
  email: z.string().trim().toLowerCase().email('Enter an email address in the correct format'),
  name: z.string().trim().min(1, 'Enter the role-based name, e.g. "Partnership business manager"'),
  agencyName: z.string().trim().min(1, 'Enter the name of the partnership board'),
  password: z.string().min(12, 'Password must be at least 12 characters').max(1024),
});

export type FirstAdminInput = z.infer<typeof firstAdminSchema>;

/**
 * Creates the first admin (and the board agency, if missing) on an empty
 * production database. Refuses once any admin exists: later users are made by
 * an admin in the app, with a record of who did it.
 */
export async function createFirstAdmin(db: Db, input: FirstAdminInput) {
  const passwordHash = await hashPassword(input.password);
  return db.$transaction(async (tx) => {
    if (await tx.user.count({ where: { role: 'ADMIN' } })) {
      throw new Error('An admin already exists: sign in as that admin to add users.');
    }
    let agency = await tx.agency.findUnique({ where: { name: input.agencyName } });
    if (!agency) {
      agency = await tx.agency.create({ data: { name: input.agencyName, shortName: 'Board', isBoard: true } });
      await recordEvent(tx, { actorId: null, kind: 'agency.created', subjectId: agency.id, after: { name: agency.name, shortName: agency.shortName } });
    }
    const user = await tx.user.create({
      data: { email: input.email, name: input.name, role: 'ADMIN', agencyId: agency.id, passwordHash },
    });
    await recordEvent(tx, {
      actorId: null,
      kind: 'user.created',
      subjectId: user.id,
      after: { email: user.email, name: user.name, role: user.role, agencyId: agency.id },
      note: 'First admin, created from the command line',
    });
    return user;
  });
}
