import type { Metadata } from 'next';
import { ReviewPageHeading } from '@/components/review/review-page-heading';
import { ArchiveForm } from '@/components/review/archive-form';
import { EditReviewForm } from '@/components/review/edit-review-form';
import { NoPermission } from '@/components/review/no-permission';
import { can } from '@/lib/auth/permissions';
import { dayInputValue } from '@/lib/days';
import { loadReview } from '../load-review';
import { archiveReviewAction, updateReviewAction } from './actions';

type Props = { params: Promise<{ reviewId: string }> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { review } = await loadReview((await params).reviewId);
  return { title: `Edit: ${review.title}` };
}

export default async function EditReviewPage({ params }: Props) {
  const { user, review } = await loadReview((await params).reviewId);
  return (
    <>
      <ReviewPageHeading review={review}>Edit review</ReviewPageHeading>
      {can(user, 'review:edit') ? (
        <>
          <EditReviewForm
            action={updateReviewAction}
            review={{
              id: review.id,
              version: review.version,
              title: review.title,
              kind: review.kind,
              commissioningBody: review.commissioningBody,
              periodStart: dayInputValue(review.periodStart),
              periodEnd: dayInputValue(review.periodEnd),
              publishedOn: dayInputValue(review.publishedOn),
              status: review.status,
              summary: review.summary,
              sourceUrl: review.sourceUrl ?? '',
            }}
          />
          <h2>Archive</h2>
          <ArchiveForm
            id={review.id}
            version={review.version}
            what="review"
            consequence="Its findings and recommendations are archived with it."
            redirectTo="/"
            action={archiveReviewAction}
          />
        </>
      ) : (
        <NoPermission what="edit this review" backHref={`/reviews/${review.id}`} backLabel="Back to the review" />
      )}
    </>
  );
}
