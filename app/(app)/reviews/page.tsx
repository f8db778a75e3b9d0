import type { Metadata } from 'next';
import { NumberedPagination } from '@/components/pagination-links';
import { AddReviewButton, ReviewCardList } from '@/components/review-card';
import { SearchForm } from '@/components/search-form';
import { requireUser } from '@/lib/auth/session';
import { pageNumberParam, searchTextParam } from '@/lib/route-params';
import { listReviews } from '@/lib/reviews/list-reviews';

export const metadata: Metadata = { title: 'Reviews' };

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

/** Every live review, most recently published first, a page at a time; searchable by title. */
export default async function ReviewsPage({ searchParams }: Props) {
  const user = await requireUser();
  const params = await searchParams;
  const q = searchTextParam(params.q);
  const { reviews, total, page, pageCount } = await listReviews(user, { page: pageNumberParam(params.page), q });
  const count = total === 1 ? '1 review' : `${total.toLocaleString('en-GB')} reviews`;
  return (
    <>
      <h1>
        <span className="caption">Safeguarding partnership</span>
        Reviews
      </h1>
      <AddReviewButton user={user} />
      <SearchForm action="/reviews" name="Search reviews" label="Search by title" q={q} showAll="Show all reviews" />
      {total === 0 ? (
        <p>{q ? `No review title contains “${q}”.` : 'No reviews have been recorded yet.'}</p>
      ) : (
        <>
          <p>{q ? `${count} with “${q}” in the title, most recently published first.` : `${count}, most recently published first.`}</p>
          <ReviewCardList reviews={reviews} />
          <NumberedPagination path="/reviews" page={page} pageCount={pageCount} query={{ q }} />
        </>
      )}
    </>
  );
}
