import { beforeAll, describe, expect, it, vi } from 'vitest';
import { failingHistory } from '@/tests/support/failing-history';
import { describeEvent } from '@/lib/audit/describe-event';
import { ForbiddenError } from '@/lib/auth/permissions';
import type { Actor } from '@/lib/auth/session-user';
import { db } from '@/lib/db';
import { ConflictError, NotFoundError, RuleError } from '@/lib/errors';
import { createAgency, createCast, createUser } from '@/tests/support/factories';
import { listSeniorLeads } from './list-agencies';
import { setSeniorLeadSchema } from './senior-lead.schema';
import { NOT_AN_ACTIVE_OWNER, setSeniorLead } from './set-senior-lead';

// The history write made to fail on demand (tests/support/failing-history.ts).
vi.mock('@/lib/audit/record-event', async (original) => (await import('@/tests/support/failing-history')).failingRecordEvent(original));

let cast: Awaited<ReturnType<typeof createCast>>;

beforeAll(async () => {
  cast = await createCast();
});

/** A fresh agency with two active owners, a former owner, a reviewer of its own, and its version. */
async function agencyWithPeople() {
  const agency = await createAgency();
  const lead = await createUser('OWNER', agency.id);
  const deputy = await createUser('OWNER', agency.id);
  await db.user.update({ where: { id: deputy.id }, data: { name: 'Deputy lead officer' } });
  const former = await createUser('OWNER', agency.id, { active: false });
  const reviewer = await createUser('REVIEWER', agency.id);
  return { agency, lead, deputy, former, reviewer };
}

const input = (values: { agencyId: string; seniorLeadId: string | null; version: number }) =>
  setSeniorLeadSchema.parse({ ...values, seniorLeadId: values.seniorLeadId ?? '', version: String(values.version) });

const agencyRow = (id: string) => db.agency.findUniqueOrThrow({ where: { id } });
const eventsOf = (agencyId: string) =>
  db.historyEvent.findMany({ where: { subjectType: 'agency', subjectId: agencyId }, orderBy: { id: 'asc' }, include: { actor: { select: { name: true } } } });

describe('the senior lead form', () => {
  it('reads "No senior lead" (blank) as none, and parses its own output the same', () => {
    const parsed = setSeniorLeadSchema.parse({ agencyId: ' a1 ', seniorLeadId: '', version: '3' });
    expect(parsed).toEqual({ agencyId: 'a1', seniorLeadId: null, version: 3 });
    expect(setSeniorLeadSchema.parse(parsed)).toEqual(parsed);
    expect(setSeniorLeadSchema.parse({ agencyId: 'a1', seniorLeadId: 'u1', version: 1 }).seniorLeadId).toBe('u1');
  });

  it('refuses a missing agency, a choice that is not text, and a bad version, each on its field', () => {
    const result = setSeniorLeadSchema.safeParse({ agencyId: '', seniorLeadId: 42, version: '0' });
    expect(Object.fromEntries(result.error!.issues.map((issue) => [issue.path.join('.'), issue.message]))).toMatchObject({
      agencyId: 'Choose an agency',
      seniorLeadId: 'Choose a senior lead from the list, or "No senior lead"',
      version: expect.any(String),
    });
  });
});

describe('setSeniorLead', () => {
  it("makes one of the agency's active owners its senior lead, then someone else, then nobody, recording who was and who is", async () => {
    const { agency, lead, deputy } = await agencyWithPeople();
    expect(await setSeniorLead(cast.admin, input({ agencyId: agency.id, seniorLeadId: lead.id, version: 1 }))).toEqual({ agencyId: agency.id, version: 2, changed: true });
    expect(await agencyRow(agency.id)).toMatchObject({ seniorLeadId: lead.id, version: 2 });
    await setSeniorLead(cast.admin, input({ agencyId: agency.id, seniorLeadId: deputy.id, version: 2 }));
    expect(await setSeniorLead(cast.admin, input({ agencyId: agency.id, seniorLeadId: null, version: 3 }))).toEqual({ agencyId: agency.id, version: 4, changed: true });
    expect(await agencyRow(agency.id)).toMatchObject({ seniorLeadId: null, version: 4 });

    const events = await eventsOf(agency.id);
    expect(events.map((e) => [e.kind, e.actorId, e.subjectVersion, e.before, e.after])).toEqual([
      ['agency.senior_lead_changed', cast.admin.id, 2, { seniorLeadId: null, seniorLead: null }, { seniorLeadId: lead.id, seniorLead: 'Test owner' }],
      ['agency.senior_lead_changed', cast.admin.id, 3, { seniorLeadId: lead.id, seniorLead: 'Test owner' }, { seniorLeadId: deputy.id, seniorLead: 'Deputy lead officer' }],
      ['agency.senior_lead_changed', cast.admin.id, 4, { seniorLeadId: deputy.id, seniorLead: 'Deputy lead officer' }, { seniorLeadId: null, seniorLead: null }],
    ]);
    expect(events.map((e) => describeEvent({ ...e, actorName: e.actor!.name }))).toEqual([
      'Test admin made Test owner the senior lead',
      'Test admin made Deputy lead officer the senior lead (was Test owner)',
      'Test admin removed the senior lead (was Deputy lead officer): overdue actions go to the business managers',
    ]);
  });

  it('records nothing, and keeps the version, when the senior lead is already the one chosen', async () => {
    const { agency, lead } = await agencyWithPeople();
    expect(await setSeniorLead(cast.admin, input({ agencyId: agency.id, seniorLeadId: null, version: 1 }))).toEqual({ agencyId: agency.id, version: 1, changed: false });
    await setSeniorLead(cast.admin, input({ agencyId: agency.id, seniorLeadId: lead.id, version: 1 }));
    expect(await setSeniorLead(cast.admin, input({ agencyId: agency.id, seniorLeadId: lead.id, version: 2 }))).toEqual({ agencyId: agency.id, version: 2, changed: false });
    expect((await agencyRow(agency.id)).version).toBe(2);
    expect(await eventsOf(agency.id)).toHaveLength(1);
  });

  it("refuses anyone who is not one of the agency's active owners, on the field, and changes nothing", async () => {
    const { agency, former, reviewer } = await agencyWithPeople();
    const elsewhere = await createUser('OWNER', (await createAgency()).id);
    for (const seniorLeadId of [former.id, reviewer.id, elsewhere.id, cast.admin.id, 'no-such-user']) {
      const attempt = setSeniorLead(cast.admin, input({ agencyId: agency.id, seniorLeadId, version: 1 }));
      await expect(attempt).rejects.toEqual(new RuleError(NOT_AN_ACTIVE_OWNER, 'seniorLeadId'));
    }
    expect(await agencyRow(agency.id)).toMatchObject({ seniorLeadId: null, version: 1 });
    expect(await eventsOf(agency.id)).toEqual([]);
  });

  it('refuses a stale version, saying who changed what, and changes nothing', async () => {
    const { agency, lead, deputy } = await agencyWithPeople();
    await setSeniorLead(cast.admin, input({ agencyId: agency.id, seniorLeadId: lead.id, version: 1 }));
    const stale = setSeniorLead(cast.admin, input({ agencyId: agency.id, seniorLeadId: deputy.id, version: 1 }));
    await expect(stale).rejects.toBeInstanceOf(ConflictError);
    await expect(stale).rejects.toMatchObject({
      currentVersion: 2,
      changes: [expect.objectContaining({ actorName: 'Test admin', description: 'Test admin made Test owner the senior lead' })],
    });
    expect(await agencyRow(agency.id)).toMatchObject({ seniorLeadId: lead.id, version: 2 });
    expect(await eventsOf(agency.id)).toHaveLength(1);
  });

  it('refuses an agency that does not exist', async () => {
    await expect(setSeniorLead(cast.admin, input({ agencyId: 'no-such-agency', seniorLeadId: null, version: 1 }))).rejects.toBeInstanceOf(NotFoundError);
  });

  it('is for admins only: anyone else is refused and nothing changes', async () => {
    const { agency, lead } = await agencyWithPeople();
    for (const actor of [cast.reviewer, cast.owner, cast.viewer, lead] as Actor[]) {
      await expect(setSeniorLead(actor, input({ agencyId: agency.id, seniorLeadId: lead.id, version: 1 }))).rejects.toBeInstanceOf(ForbiddenError);
    }
    expect(await agencyRow(agency.id)).toMatchObject({ seniorLeadId: null, version: 1 });
  });

  it('writes the change and its event in one transaction', async () => {
    const { agency, lead } = await agencyWithPeople();
    failingHistory.events = true;
    try {
      await expect(setSeniorLead(cast.admin, input({ agencyId: agency.id, seniorLeadId: lead.id, version: 1 }))).rejects.toThrow('history write failed');
    } finally {
      failingHistory.events = false;
    }
    expect(await agencyRow(agency.id)).toMatchObject({ seniorLeadId: null, version: 1 });
  });
});

describe('listSeniorLeads', () => {
  it('lists each agency with its senior lead and its active owners to choose from, and says when the senior lead no longer qualifies', async () => {
    const { agency, lead, deputy, former } = await agencyWithPeople();
    await setSeniorLead(cast.admin, input({ agencyId: agency.id, seniorLeadId: lead.id, version: 1 }));
    let listed = (await listSeniorLeads(cast.admin)).find((a) => a.id === agency.id)!;
    expect(listed).toMatchObject({ name: agency.name, version: 2, seniorLead: { id: lead.id, eligible: true } });
    expect(listed.candidates.map((c) => c.id).sort()).toEqual([lead.id, deputy.id].sort());
    expect(listed.candidates.map((c) => c.id)).not.toContain(former.id);

    await db.user.update({ where: { id: lead.id }, data: { active: false } });
    listed = (await listSeniorLeads(cast.admin)).find((a) => a.id === agency.id)!;
    expect(listed.seniorLead).toMatchObject({ id: lead.id, eligible: false });
    expect(listed.candidates.map((c) => c.id)).toEqual([deputy.id]);
    await expect(listSeniorLeads(cast.reviewer)).rejects.toBeInstanceOf(ForbiddenError);
  });
});
