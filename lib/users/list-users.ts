import 'server-only';
import { assertCan } from '@/lib/auth/permissions';
import type { Actor } from '@/lib/auth/session-user';
import { db } from '@/lib/db';

/** What admin pages may show of a user: never a password hash, two-factor secret or recovery code. */
export const USER_SUMMARY_SELECT = {
  id: true,
  email: true,
  name: true,
  role: true,
  active: true,
  mustChangePassword: true,
  lastSignInAt: true,
  totpEnabledAt: true,
  agency: { select: { id: true, name: true, shortName: true } },
} as const;

export type UserSummary = Awaited<ReturnType<typeof listUsers>>[number];

/** Every user, active ones first, then by agency and name. Admins only. */
export async function listUsers(actor: Actor) {
  assertCan(actor, 'user:manage');
  return db.user.findMany({
    orderBy: [{ active: 'desc' }, { agency: { name: 'asc' } }, { name: 'asc' }, { email: 'asc' }],
    select: USER_SUMMARY_SELECT,
  });
}
