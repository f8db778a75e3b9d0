import type { Metadata } from 'next';
import { ReviewPageHeading } from '@/components/review/review-page-heading';
import { CreateRecommendationForm } from '@/components/recommendation/recommendation-form';
import { NoPermission } from '@/components/review/no-permission';
import { listAgencies } from '@/lib/agencies/list-agencies';
import { can } from '@/lib/auth/permissions';
import { loadReview, nextReference } from '../../load-review';
import { createRecommendationAction } from './actions';

type Props = { params: Promise<{ reviewId: string }> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { review } = await loadReview((await params).reviewId);
  return { title: `Add a recommendation: ${review.title}` };
}

export default async function NewRecommendationPage({ params }: Props) {
  const { user, review } = await loadReview((await params).reviewId);
  const allowed = can(user, 'recommendation:edit') && can(user, 'recommendation:assign-owner');
  return (
    <>
      <ReviewPageHeading review={review}>Add a recommendation</ReviewPageHeading>
      {allowed ? (
        <CreateRecommendationForm
          reviewId={review.id}
          suggestedReference={nextReference('R', review.recommendations.map((r) => r.reference))}
          findings={review.findings.map(({ id, reference, text }) => ({ id, reference, text }))}
          agencies={await listAgencies(user)}
          action={createRecommendationAction}
        />
      ) : (
        <NoPermission what="add recommendations" backHref={`/reviews/${review.id}`} backLabel="Back to the review" />
      )}
    </>
  );
}
