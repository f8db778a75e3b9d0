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

export type AgencyWithSeniorLead = Awaited<ReturnType<typeof listSeniorLeads>>[number];

/**
 * Every agency with its senior lead and the people who could be it (its
 * active owners), for the admin's page. A senior lead who has since left or
 * changed role or agency is shown as such: escalations skip them.
 */
export async function listSeniorLeads(actor: Actor) {
  assertCan(actor, 'agency:manage');
  const agencies = await db.agency.findMany({
    orderBy: { name: 'asc' },
    select: {
      id: true,
      name: true,
      version: true,
      seniorLead: { select: { id: true, name: true, email: true, active: true, role: true, agencyId: true } },
      users: { where: { active: true, role: 'OWNER' }, orderBy: { name: 'asc' }, select: { id: true, name: true, email: true } },
    },
  });
  return agencies.map(({ users, seniorLead, ...agency }) => ({
    ...agency,
    seniorLead: seniorLead ? { ...seniorLead, eligible: seniorLead.active && seniorLead.role === 'OWNER' && seniorLead.agencyId === agency.id } : null,
    candidates: users,
  }));
}
