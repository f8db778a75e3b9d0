import type { Metadata } from 'next';
import Link from 'next/link';
import { NumberedPagination } from '@/components/pagination-links';
import { ReviewCardList } from '@/components/review-card';
import { can } from '@/lib/auth/permissions';
import { requireUser } from '@/lib/auth/session';
import { pageNumberParam } from '@/lib/route-params';
import { listReviews } from '@/lib/reviews/list-reviews';

export const metadata: Metadata = { title: 'Reviews' };

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

/** Every live review, most recently published first, a page at a time. */
export default async function ReviewsPage({ searchParams }: Props) {
  const user = await requireUser();
  const { reviews, total, page, pageCount } = await listReviews(user, { page: pageNumberParam((await searchParams).page) });
  return (
    <>
      <h1>
        <span className="caption">Safeguarding partnership</span>
        Reviews
      </h1>
      {can(user, 'review:create') ? (
        <p>
          <Link href="/reviews/new" className="button button--secondary">
            Add a review
          </Link>
        </p>
      ) : null}
      {total === 0 ? (
        <p>No reviews have been recorded yet.</p>
      ) : (
        <>
          <p>
            {total === 1 ? '1 review' : `${total.toLocaleString('en-GB')} reviews`}, most recently published first.
          </p>
          <ReviewCardList reviews={reviews} />
          <NumberedPagination path="/reviews" page={page} pageCount={pageCount} />
        </>
      )}
    </>
  );
}
