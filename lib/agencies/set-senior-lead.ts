import 'server-only';
import type { z } from 'zod';
import { recordEvent } from '@/lib/audit/record-event';
import { claimVersion } from '@/lib/audit/versions';
import { assertCan } from '@/lib/auth/permissions';
import type { Actor } from '@/lib/auth/session-user';
import { db } from '@/lib/db';
import { RuleError } from '@/lib/errors';
import { NoChanges, unlessNoChanges } from '@/lib/reviews/no-changes';
import type { setSeniorLeadSchema } from './senior-lead.schema';

export const NOT_AN_ACTIVE_OWNER = "Choose one of the agency's active owners, or \"No senior lead\"";

export type SeniorLeadSet = { agencyId: string; version: number; changed: boolean };

/**
 * An admin chooses who an agency's overdue actions are escalated to first: one
 * of that agency's active owners, or nobody (null: they go straight to the
 * business managers). One transaction: claim the agency's version the form was
 * based on (a stale one changes nothing), check the person, update, and record
 * who it was and who it is now. Choosing the senior lead it already has
 * changes nothing and records nothing.
 */
export async function setSeniorLead(actor: Actor, input: z.output<typeof setSeniorLeadSchema>): Promise<SeniorLeadSet> {
  assertCan(actor, 'agency:manage');
  return unlessNoChanges(
    () =>
      db.$transaction(async (tx): Promise<SeniorLeadSet> => {
        const version = await claimVersion(tx, 'agency', input.agencyId, input.version);
        const before = await tx.agency.findUniqueOrThrow({ where: { id: input.agencyId }, include: { seniorLead: { select: { name: true } } } });
        if (before.seniorLeadId === input.seniorLeadId) throw new NoChanges();
        let seniorLead: string | null = null;
        if (input.seniorLeadId) {
          // FOR SHARE: a concurrent deactivation, or a move to another agency or role, waits for this to commit (or this sees it).
          const [person] = await tx.$queryRaw<{ name: string; active: boolean; role: string; agencyId: string }[]>`
            SELECT name, active, role::text AS role, "agencyId" FROM "User" WHERE id = ${input.seniorLeadId} FOR SHARE`;
          if (!person || !person.active || person.role !== 'OWNER' || person.agencyId !== before.id) throw new RuleError(NOT_AN_ACTIVE_OWNER, 'seniorLeadId');
          seniorLead = person.name;
        }
        await tx.agency.update({ where: { id: before.id }, data: { seniorLeadId: input.seniorLeadId } });
        await recordEvent(tx, {
          actorId: actor.id,
          kind: 'agency.senior_lead_changed',
          subjectId: before.id,
          subjectVersion: version,
          before: { seniorLeadId: before.seniorLeadId, seniorLead: before.seniorLead?.name ?? null },
          after: { seniorLeadId: input.seniorLeadId, seniorLead },
        });
        return { agencyId: before.id, version, changed: true };
      }),
    (): SeniorLeadSet => ({ agencyId: input.agencyId, version: input.version, changed: false }),
  );
}
