import 'server-only';
import { assertCan } from '@/lib/auth/permissions';
import type { Actor } from '@/lib/auth/session-user';
import { db, type Prisma } from '@/lib/db';
import { escapeLike } from '@/lib/db/like';

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

export type UserSummary = Awaited<ReturnType<typeof listUsers>>['users'][number];

/** Users per page of the users list. */
export const USERS_PER_PAGE = 50;

/**
 * One page of the users (whose name or email contains `q`, when given),
 * active ones first, then by agency and name. Admins only. A partnership has
 * tens of users, a national deployment thousands: numbered pages by offset.
 */
export async function listUsers(actor: Actor, { page = 1, perPage = USERS_PER_PAGE, q = '' }: { page?: number; perPage?: number; q?: string } = {}) {
  assertCan(actor, 'user:manage');
  const pattern = escapeLike(q);
  const where: Prisma.UserWhereInput = q
    ? { OR: [{ name: { contains: pattern, mode: 'insensitive' } }, { email: { contains: pattern, mode: 'insensitive' } }] }
    : {};
  const total = await db.user.count({ where });
  const pageCount = Math.max(1, Math.ceil(total / perPage));
  const current = Math.min(page, pageCount);
  const users = await db.user.findMany({
    where,
    orderBy: [{ active: 'desc' }, { agency: { name: 'asc' } }, { name: 'asc' }, { email: 'asc' }, { id: 'asc' }],
    skip: (current - 1) * perPage,
    take: perPage,
    select: USER_SUMMARY_SELECT,
  });
  return { users, total, page: current, pageCount };
}
