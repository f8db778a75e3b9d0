import type { Metadata } from 'next';
import Link from '@/components/link';
import { type SeniorLeadChoice, SeniorLeadForm } from '@/components/agencies/senior-lead-form';
import { AdminOnly } from '@/components/users/admin-only';
import { listSeniorLeads } from '@/lib/agencies/list-agencies';
import { can } from '@/lib/auth/permissions';
import { requireUser } from '@/lib/auth/session';
import { setSeniorLeadAction } from './actions';

export const metadata: Metadata = { title: 'Agencies' };

/** Every agency and its senior lead: who its overdue actions are escalated to first. */
export default async function AgenciesPage() {
  const user = await requireUser();
  if (!can(user, 'agency:manage')) {
    return (
      <>
        <h1>Agencies</h1>
        <AdminOnly what="see or manage agencies" only="Only admins can manage agencies." />
      </>
    );
  }
  const agencies = await listSeniorLeads(user);
  return (
    <>
      <h1>Agencies</h1>
      <p>
        Each agency&apos;s senior lead is told when one of its actions has been overdue for a while, by email at once; later the
        business managers (the admins) are told too. The <Link href="/admin/notices">notice rules</Link> say after how many days.
      </p>
      <p>
        <strong>An agency without a senior lead has its overdue actions escalated straight to the business managers.</strong> A senior
        lead is one of the agency&apos;s active owners.
      </p>
      <ul className="card-list" aria-label="Agencies">
        {agencies.map((agency) => {
          const lead = agency.seniorLead;
          // A senior lead who is no longer an active owner here stays chosen until an admin chooses again: say so.
          const choices: SeniorLeadChoice[] =
            lead && !agency.candidates.some((c) => c.id === lead.id) ? [{ ...lead, note: 'no longer one of its active owners' }, ...agency.candidates] : agency.candidates;
          return (
            <li key={agency.id} className="card">
              <h2>{agency.name}</h2>
              <p>
                Senior lead:{' '}
                {lead ? (
                  <>
                    <strong>{lead.name}</strong>
                    {lead.eligible ? null : (
                      <>
                        {' '}
                        <strong className="tag tag--amber">No longer one of its active owners</strong>
                      </>
                    )}
                  </>
                ) : (
                  <>
                    <strong>none</strong>: overdue actions go straight to the business managers
                  </>
                )}
              </p>
              <SeniorLeadForm agency={{ id: agency.id, name: agency.name, version: agency.version, seniorLeadId: lead?.id ?? null }} choices={choices} action={setSeniorLeadAction} />
            </li>
          );
        })}
      </ul>
    </>
  );
}
