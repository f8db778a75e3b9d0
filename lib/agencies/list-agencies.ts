import 'server-only';
import { assertCan } from '@/lib/auth/permissions';
import type { Actor } from '@/lib/auth/session-user';
import { db } from '@/lib/db';

export type AgencyOption = Awaited<ReturnType<typeof listAgencies>>[number];

/** Every agency with its active users: the choices for a recommendation's owner agency and lead officer. */
export async function listAgencies(actor: Actor) {
  assertCan(actor, 'review:read');
  return db.agency.findMany({
    orderBy: { name: 'asc' },
    select: {
      id: true,
      name: true,
      shortName: true,
      users: { where: { active: true }, orderBy: { name: 'asc' }, select: { id: true, name: true } },
    },
  });
}

/** Every agency by name, and nothing else: the choices for a user's agency. */
export async function listAgencyNames(actor: Actor) {
  assertCan(actor, 'review:read');
  return db.agency.findMany({ orderBy: { name: 'asc' }, select: { id: true, name: true } });
}
