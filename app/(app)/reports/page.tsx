import type { Metadata } from 'next';
import Link from '@/components/link';
import { NumberedPagination } from '@/components/pagination-links';
import { requireUser } from '@/lib/auth/session';
import { REVIEW_KIND_LABELS, reviewStatusText } from '@/lib/labels';
import { PARTNERSHIP } from '@/lib/reports/get-report';
import { pageNumberParam } from '@/lib/route-params';
import { countOpenReviews, listReviews } from '@/lib/reviews/list-reviews';

export const metadata: Metadata = { title: 'Reports' };

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

export default async function ReportsPage({ searchParams }: Props) {
  const user = await requireUser();
  const [{ reviews, total, page, pageCount }, open] = await Promise.all([
    listReviews(user, { page: pageNumberParam((await searchParams).page) }),
    countOpenReviews(user),
  ]);
  return (
    <>
      <h1>
        <span className="caption">Progress reports for the board</span>
        Reports
      </h1>
      <p>
        Each report shows where things stand today, or stood at the end of any earlier day, with what changed since a date you choose (usually the last
        board meeting). You can download each one as a CSV file, a spreadsheet or a PDF.
      </p>

      <ul className="card-list report-list">
        <li className="card">
          <h2 className="report-list__title">
            <Link href={`/reports/${PARTNERSHIP}`}>Partnership progress report</Link>
          </h2>
          <p className="small secondary">
            Every review not closed ({open === 1 ? '1 review' : `${open} reviews`}), recommendations across all owner agencies.
          </p>
        </li>
        {reviews.map((review) => (
          <li key={review.id} className="card">
            <h2 className="report-list__title">
              <Link href={`/reports/${review.id}`}>{review.title}</Link>
            </h2>
            <p className="small secondary">
              {REVIEW_KIND_LABELS[review.kind]} ·{' '}
              {reviewStatusText(review)}{' '}
              ·{' '}
              {review.recommendationTotal === 1 ? '1 recommendation' : `${review.recommendationTotal} recommendations`}
            </p>
          </li>
        ))}
      </ul>
      <NumberedPagination path="/reports" page={page} pageCount={pageCount} />
      {total === 0 ? <p>No reviews have been recorded yet, so the partnership report is empty.</p> : null}
    </>
  );
}
