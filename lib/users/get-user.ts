import 'server-only';
import { assertCan } from '@/lib/auth/permissions';
import type { Actor } from '@/lib/auth/session-user';
import { db } from '@/lib/db';
import { NotFoundError } from '@/lib/errors';
import { USER_SUMMARY_SELECT } from './list-users';

export type UserDetail = Awaited<ReturnType<typeof getUser>>;

/** One user, for the admin's page about them. Admins only; never a secret. */
export async function getUser(actor: Actor, id: string) {
  assertCan(actor, 'user:manage');
  const user = await db.user.findUnique({
    where: { id },
    select: { ...USER_SUMMARY_SELECT, passwordChangedAt: true, createdAt: true, updatedAt: true },
  });
  if (!user) throw new NotFoundError('user');
  return user;
}
