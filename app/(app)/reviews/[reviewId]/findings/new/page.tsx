import type { Metadata } from 'next';
import { ReviewPageHeading } from '@/components/review/review-page-heading';
import { CreateFindingForm } from '@/components/finding/create-finding-form';
import { NoPermission } from '@/components/review/no-permission';
import { can } from '@/lib/auth/permissions';
import { loadReview, nextReference } from '../../load-review';
import { createFindingAction } from './actions';

type Props = { params: Promise<{ reviewId: string }> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { review } = await loadReview((await params).reviewId);
  return { title: `Add a finding: ${review.title}` };
}

export default async function NewFindingPage({ params }: Props) {
  const { user, review } = await loadReview((await params).reviewId);
  return (
    <>
      <ReviewPageHeading review={review}>Add a finding</ReviewPageHeading>
      {can(user, 'finding:edit') ? (
        <CreateFindingForm
          reviewId={review.id}
          suggestedReference={nextReference('F', review.findings.map((finding) => finding.reference))}
          action={createFindingAction}
        />
      ) : (
        <NoPermission what="add findings" backHref={`/reviews/${review.id}`} backLabel="Back to the review" />
      )}
    </>
  );
}
