import type { Metadata } from 'next';
import Link from '@/components/link';
import { EditRecommendationForm } from '@/components/recommendation/recommendation-form';
import { ArchiveForm } from '@/components/review/archive-form';
import { NoPermission } from '@/components/review/no-permission';
import { can } from '@/lib/auth/permissions';
import { getReview } from '@/lib/reviews/get-review';
import { archiveRecommendationAction, updateRecommendationAction } from './actions';
import { loadRecommendation } from '../load-recommendation';

type Props = { params: Promise<{ recommendationId: string }> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { recommendation } = await loadRecommendation((await params).recommendationId);
  return { title: `Edit ${recommendation.reference}: ${recommendation.review.title}` };
}

export default async function EditRecommendationPage({ params }: Props) {
  const { user, recommendation: r } = await loadRecommendation((await params).recommendationId);
  const record = { ownerAgencyId: r.ownerAgencyId };
  const mayEdit = can(user, 'recommendation:edit', record);
  const back = `/recommendations/${r.id}`;
  const review = mayEdit ? await getReview(user, r.review.id) : null;

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
        <>
          <p className="hint">
            Owners, lead officers and due dates belong to its actions: change them on{' '}
            {r.actions.length === 1 ? (
              <Link href={`/actions/${r.actions[0]!.id}/edit`}>its action</Link>
            ) : (
              <Link href={`${back}#actions-heading`}>each action</Link>
            )}
            .
          </p>
          <EditRecommendationForm
            action={updateRecommendationAction}
            findings={review.findings.map(({ id, reference, text }) => ({ id, reference, text }))}
            recommendation={{
              id: r.id,
              version: r.version,
              reference: r.reference,
              text: r.text,
              findingIds: r.findings.map((finding) => finding.id),
              response: r.response,
              priority: r.priority,
            }}
          />
        </>
      ) : (
        <NoPermission what="edit this recommendation" backHref={back} backLabel={`Back to recommendation ${r.reference}`} />
      )}

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
