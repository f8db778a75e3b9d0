import type { Metadata } from 'next';
import Link from '@/components/link';
import { NumberedPagination } from '@/components/pagination-links';
import { ReviewCardList } from '@/components/review-card';
import { can } from '@/lib/auth/permissions';
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
      {can(user, 'review:create') ? (
        <p>
          <Link href="/reviews/new" className="button button--secondary">
            Add a review
          </Link>
        </p>
      ) : null}
      {/* A plain GET form: the search is in the URL, and works without JavaScript. */}
      <form key={q} method="get" action="/reviews" role="search" aria-label="Search reviews">
        <div className="form-group">
          <label className="label" htmlFor="reviews-q">
            Search by title
          </label>
          <input className="input" id="reviews-q" name="q" type="search" defaultValue={q} maxLength={200} />
        </div>
        <button type="submit" className="button">
          Search
        </button>
        {q ? (
          <Link href="/reviews" className="button button--secondary">
            Show all reviews
          </Link>
        ) : null}
      </form>
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
