import type { Metadata } from 'next';
import Link from '@/components/link';
import { RagOverrideForm, WithdrawRagOverrideForm } from '@/components/recommendation/rag-override-form';
import { EditRecommendationForm } from '@/components/recommendation/recommendation-form';
import { ArchiveForm } from '@/components/review/archive-form';
import { NoPermission } from '@/components/review/no-permission';
import { RagTag } from '@/components/status-tag';
import { listAgencies } from '@/lib/agencies/list-agencies';
import { can } from '@/lib/auth/permissions';
import { isClosed } from '@/lib/recommendations/status';
import { getReview } from '@/lib/reviews/get-review';
import { dayInputValue } from '@/lib/days';
import {
  archiveRecommendationAction,
  overrideRagAction,
  updateRecommendationAction,
  withdrawRagOverrideAction,
} from './actions';
import { loadRecommendation } from '../load-recommendation';

type Props = { params: Promise<{ recommendationId: string }> };


export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { recommendation } = await loadRecommendation((await params).recommendationId);
  return { title: `Edit ${recommendation.reference}: ${recommendation.review.title}` };
}

export default async function EditRecommendationPage({ params }: Props) {
  const { user, recommendation: r } = await loadRecommendation((await params).recommendationId);
  const record = { ownerAgencyId: r.ownerAgencyId };
  const mayEdit = can(user, 'recommendation:edit', record) && can(user, 'recommendation:assign-owner', record);
  const mayOverride = can(user, 'recommendation:override-rag', record);
  const back = `/recommendations/${r.id}`;

  const [review, agencies] = mayEdit ? await Promise.all([getReview(user, r.review.id), listAgencies(user)]) : [null, []];
  // A lead officer who has since been deactivated stays selectable until someone changes it.
  const agencyChoices = agencies.map((agency) =>
    r.leadOfficer && agency.id === r.ownerAgencyId && !agency.users.some((u) => u.id === r.leadOfficer?.id)
      ? { ...agency, users: [...agency.users, { id: r.leadOfficer.id, name: `${r.leadOfficer.name} (no longer active)` }] }
      : agency,
  );

  return (
    <>
      <p className="small">
        <Link href={`/reviews/${r.review.id}`}>{r.review.title}</Link> › <Link href={back}>Recommendation {r.reference}</Link>
      </p>
      <h1>
        <span className="caption">{r.review.title}</span>
        Edit recommendation {r.reference}
      </h1>

      {mayEdit && review ? (
        <EditRecommendationForm
          action={updateRecommendationAction}
          currentDueDate={dayInputValue(r.dueDate)}
          originalDueDate={r.originalDueDate}
          findings={review.findings.map(({ id, reference, text }) => ({ id, reference, text }))}
          agencies={agencyChoices}
          recommendation={{
            id: r.id,
            version: r.version,
            reference: r.reference,
            text: r.text,
            findingIds: r.findings.map((finding) => finding.id),
            response: r.response,
            ownerAgencyId: r.ownerAgencyId,
            leadOfficerId: r.leadOfficerId ?? '',
            priority: r.priority,
            dueDate: dayInputValue(r.dueDate),
            dueDateChangeReason: '',
          }}
        />
      ) : (
        <NoPermission what="edit this recommendation" backHref={back} backLabel={`Back to recommendation ${r.reference}`} />
      )}

      {mayOverride ? (
        <section aria-labelledby="rag-heading">
          <h2 id="rag-heading">RAG rating</h2>
          <p>
            Now: <RagTag rating={r.rag.rating} /> <span className="small secondary">{r.rag.reasons.join('; ')}</span>
          </p>
          {r.ragOverride ? (
            <p className="small">
              Overridden by a reviewer: “{r.ragOverrideJustification}”
            </p>
          ) : null}
          {isClosed(r.status) ? (
            <p>This recommendation is closed, so it has no RAG rating to override.</p>
          ) : (
            <RagOverrideForm
              recommendationId={r.id}
              version={r.version}
              current={r.ragOverride ? { rating: r.ragOverride, justification: r.ragOverrideJustification ?? '' } : null}
              action={overrideRagAction}
            />
          )}
          {r.ragOverride ? (
            <WithdrawRagOverrideForm recommendationId={r.id} version={r.version} action={withdrawRagOverrideAction} />
          ) : null}
        </section>
      ) : null}

      {mayEdit ? (
        <section aria-labelledby="archive-section-heading">
          <h2 id="archive-section-heading">Archive</h2>
          <ArchiveForm
            id={r.id}
            version={r.version}
            what="recommendation"
            redirectTo={`/reviews/${r.review.id}`}
            action={archiveRecommendationAction}
          />
        </section>
      ) : null}
    </>
  );
}
