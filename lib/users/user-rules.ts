import 'server-only';
import { randomInt } from 'node:crypto';
import { checkPassword, type PasswordContext } from '@/lib/auth/password-policy';
import { Prisma, type Tx } from '@/lib/db';
import { RuleError } from '@/lib/errors';

export const EMAIL_TAKEN = 'A user with that email address already exists: enter a different one';
export const LAST_ADMIN =
  'There must always be at least one active admin: make another user an admin first';

/** Refuses a password the policy does not allow, with the policy's message on the given form field. */
export async function assertPasswordAllowed(password: string, context: PasswordContext, field: string) {
  const problem = await checkPassword(password, context);
  if (problem) throw new RuleError(problem, field);
}

// No 0/o, 1/l/i: the admin reads it out or copies it by hand.
const ALPHABET = 'abcdefghjkmnpqrstuvwxyz23456789';

/**
 * A one-time password for the admin to pass on: four groups of four from a
 * 31-character alphabet (about 79 bits), drawn with a CSPRNG, and checked
 * against the same policy as any other password.
 */
export async function generateOneTimePassword(context: PasswordContext): Promise<string> {
  for (;;) {
    const groups = Array.from({ length: 4 }, () => Array.from({ length: 4 }, () => ALPHABET[randomInt(ALPHABET.length)]).join(''));
    const password = groups.join('-');
    if ((await checkPassword(password, context)) === null) return password;
  }
}

/** Emails are stored lowercased; compared without regard to case all the same, in case an older row was not. */
export async function assertEmailFree(tx: Tx, email: string) {
  const taken = await tx.user.findFirst({ where: { email: { equals: email, mode: 'insensitive' } }, select: { id: true } });
  if (taken) throw new RuleError(EMAIL_TAKEN, 'email');
}

/** The fallback for two creations racing past the check: the unique index refuses the second. */
export async function refusingDuplicateEmail<T>(write: () => Promise<T>): Promise<T> {
  try {
    return await write();
  } catch (error) {
    if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === 'P2002') throw new RuleError(EMAIL_TAKEN, 'email');
    throw error;
  }
}

/**
 * For a change that could leave no active admin (demoting, deactivating):
 * locks every active admin's row, then the user's own, for the rest of the
 * transaction, always in that order so that two such changes cannot
 * deadlock. Two admins demoting or deactivating each other at the same moment
 * are thereby taken one after the other: the second sees the first's change.
 * Returns the active admins' ids, or null if there is no such user.
 */
export async function lockForAdminChange(tx: Tx, userId: string): Promise<{ activeAdminIds: string[] } | null> {
  const admins = await tx.$queryRaw<{ id: string }[]>`
    SELECT id FROM "User" WHERE role = 'ADMIN' AND active = true ORDER BY id FOR UPDATE`;
  const rows = await tx.$queryRaw<{ id: string }[]>`SELECT id FROM "User" WHERE id = ${userId} FOR UPDATE`;
  return rows.length === 1 ? { activeAdminIds: admins.map((admin) => admin.id) } : null;
}

/** Refuses a change that would leave `userId`, an active admin, as no longer one, when nobody else is. */
export function assertAnotherActiveAdmin(activeAdminIds: string[], userId: string) {
  if (!activeAdminIds.some((id) => id !== userId)) throw new RuleError(LAST_ADMIN);
}
