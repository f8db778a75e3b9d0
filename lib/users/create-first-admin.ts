import 'server-only';
import { z } from 'zod';
import { recordEvent } from '@/lib/audit/record-event';
import { hashPassword } from '@/lib/auth/password';
import { checkPassword, checkPasswordLength } from '@/lib/auth/password-policy';
import type { Db } from '@/lib/db';
import { RuleError } from '@/lib/errors';

const BOARD_SHORT_NAME = 'Board';

export const firstAdminSchema = z.object({
  email: z.string().trim().toLowerCase().email('Enter an email address in the correct format'),
  name: z.string().trim().min(1, 'Enter the role-based name, e.g. "Partnership business manager"'),
  agencyName: z.string().trim().min(1, 'Enter the name of the partnership board'),
  // Length here (synchronous, so the command line reports it with the other fields); the rest of the policy in createFirstAdmin.
  password: z.string().superRefine((value, ctx) => {
    const problem = checkPasswordLength(value);
    if (problem) ctx.addIssue({ code: 'custom', message: problem });
  }),
});

export type FirstAdminInput = z.infer<typeof firstAdminSchema>;

/**
 * Creates the first admin (and the board agency, if missing) on an empty
 * production database. Refuses once any admin exists: later users are made by
 * an admin in the app, with a record of who did it.
 */
export async function createFirstAdmin(db: Db, input: FirstAdminInput) {
  // The whole password policy, with the board's names as the agency (it may exist already, under its own short name).
  const board = await db.agency.findUnique({ where: { name: input.agencyName }, select: { shortName: true } });
  const problem = await checkPassword(input.password, {
    email: input.email,
    name: input.name,
    agencyName: input.agencyName,
    agencyShortName: board?.shortName ?? BOARD_SHORT_NAME,
  });
  if (problem) throw new RuleError(`password: ${problem}`, 'password');
  const passwordHash = await hashPassword(input.password);
  return db.$transaction(async (tx) => {
    if (await tx.user.count({ where: { role: 'ADMIN' } })) {
      throw new Error('An admin already exists: sign in as that admin to add users.');
    }
    let agency = await tx.agency.findUnique({ where: { name: input.agencyName } });
    if (!agency) {
      agency = await tx.agency.create({ data: { name: input.agencyName, shortName: BOARD_SHORT_NAME, isBoard: true } });
      await recordEvent(tx, { actorId: null, kind: 'agency.created', subjectId: agency.id, after: { name: agency.name, shortName: agency.shortName } });
    }
    const user = await tx.user.create({
      data: { email: input.email, name: input.name, role: 'ADMIN', agencyId: agency.id, passwordHash },
    });
    await recordEvent(tx, {
      actorId: null,
      kind: 'user.created',
      subjectId: user.id,
      after: { email: user.email, name: user.name, role: user.role, agencyId: agency.id, agencyName: agency.name, active: true },
      note: 'First admin, created from the command line',
    });
    return user;
  });
}
