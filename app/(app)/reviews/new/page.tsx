import type { Metadata } from 'next';
import { CreateReviewForm } from '@/components/review/create-review-form';
import { NoPermission } from '@/components/review/no-permission';
import { can } from '@/lib/auth/permissions';
import { requireUser } from '@/lib/auth/session';
import { createReviewAction } from './actions';

export const metadata: Metadata = { title: 'Add a review' };

export default async function NewReviewPage() {
  const user = await requireUser();
  return (
    <>
      <h1>Add a review</h1>
      {can(user, 'review:create') ? (
        <CreateReviewForm action={createReviewAction} />
      ) : (
        <NoPermission what="add a review" backHref="/" backLabel="Back to the reviews" />
      )}
    </>
  );
}
