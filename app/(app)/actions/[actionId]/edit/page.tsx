import type { Metadata } from 'next';
import { EditActionForm } from '@/components/action/action-form';
import Link from '@/components/link';
import { ArchiveForm } from '@/components/review/archive-form';
import { NoPermission } from '@/components/review/no-permission';
import { listAgencies } from '@/lib/agencies/list-agencies';
import { can } from '@/lib/auth/permissions';
import { dayInputValue } from '@/lib/days';
import { loadAction } from '../load-action';
import { archiveActionAction, updateActionAction } from './actions';

type Props = { params: Promise<{ actionId: string }> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { action } = await loadAction((await params).actionId);
  return { title: `Edit action ${action.label}: ${action.recommendation.review.title}` };
}

export default async function EditActionPage({ params }: Props) {
  const { user, action: a } = await loadAction((await params).actionId);
  const record = { ownerAgencyId: a.ownerAgencyId };
  const mayEdit = can(user, 'recommendation:edit', record) && can(user, 'recommendation:assign-owner', record);
  const back = `/actions/${a.id}`;
  const recommendationHref = `/recommendations/${a.recommendation.id}`;

  const agencies = mayEdit ? await listAgencies(user) : [];
  // A lead officer who has since been deactivated stays selectable until someone changes it.
  const agencyChoices = agencies.map((agency) =>
    a.leadOfficer && agency.id === a.ownerAgencyId && !agency.users.some((u) => u.id === a.leadOfficer?.id)
      ? { ...agency, users: [...agency.users, { id: a.leadOfficer.id, name: `${a.leadOfficer.name} (no longer active)` }] }
      : agency,
  );

  return (
    <>
      <p className="small">
        <Link href={`/reviews/${a.recommendation.review.id}`}>{a.recommendation.review.title}</Link> ›{' '}
        <Link href={recommendationHref}>Recommendation {a.recommendation.reference}</Link> › <Link href={back}>Action {a.label}</Link>
      </p>
      <h1>
        <span className="caption">Recommendation {a.recommendation.reference}</span>
        Edit action {a.label}
      </h1>

      {mayEdit ? (
        <EditActionForm
          action={updateActionAction}
          recommendationReference={a.recommendation.reference}
          currentDueDate={dayInputValue(a.dueDate)}
          originalDueDate={a.originalDueDate}
          agencies={agencyChoices}
          values={{
            id: a.id,
            version: a.version,
            reference: a.reference,
            // An action made when actions came in says "the recommendation as written": its words, to change if need be.
            text: a.text ?? a.recommendation.text,
            ownerAgencyId: a.ownerAgencyId,
            leadOfficerId: a.leadOfficerId ?? '',
            dueDate: dayInputValue(a.dueDate),
            dueDateChangeReason: '',
          }}
        />
      ) : (
        <NoPermission what="edit this action" backHref={back} backLabel={`Back to action ${a.label}`} />
      )}

      {mayEdit ? (
        <section aria-labelledby="archive-section-heading">
          <h2 id="archive-section-heading">Archive</h2>
          <ArchiveForm
            id={a.id}
            version={a.version}
            what="action"
            consequence="The recommendation then follows from its other actions."
            redirectTo={recommendationHref}
            action={archiveActionAction}
          />
        </section>
      ) : null}
    </>
  );
}
