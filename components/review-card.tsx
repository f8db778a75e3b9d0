import Link from '@/components/link';
import { can } from '@/lib/auth/permissions';
import type { Actor } from '@/lib/auth/session-user';
import type { ReviewSummary } from '@/lib/reviews/list-reviews';
import { REVIEW_KIND_LABELS, reviewStatusText, STATUS_LABELS } from '@/lib/labels';
import { STATUS_ORDER } from '@/lib/recommendations/status';

export function ReviewCard({ review }: { review: ReviewSummary }) {
  return (
    <article className="card" aria-labelledby={`review-${review.id}`}>
      <h3 id={`review-${review.id}`}>
        <Link href={`/reviews/${review.id}`}>{review.title}</Link>
      </h3>
      <p className="secondary small">
        {REVIEW_KIND_LABELS[review.kind]} · {review.commissioningBody} · {reviewStatusText(review)}
      </p>
      {review.recommendationTotal === 0 ? (
        <p className="small">No recommendations recorded yet.</p>
      ) : (
        <>
          <h4 className="visually-hidden">Recommendations by status</h4>
          <ul className="counts">
            <li>
              <strong>{review.recommendationTotal.toLocaleString('en-GB')}</strong> recommendations
            </li>
            {STATUS_ORDER.filter((status) => review.recommendationCounts[status]).map((status) => (
              <li key={status}>
                <strong>{review.recommendationCounts[status]?.toLocaleString('en-GB')}</strong> {STATUS_LABELS[status].toLowerCase()}
              </li>
            ))}
          </ul>
        </>
      )}
    </article>
  );
}

/** Review cards as a list (the dashboard's latest, a page of the reviews list). */
export function ReviewCardList({ reviews }: { reviews: ReviewSummary[] }) {
  return (
    <ul className="card-list" aria-label="Reviews">
      {reviews.map((review) => (
        <li key={review.id}>
          <ReviewCard review={review} />
        </li>
      ))}
    </ul>
  );
}

/** "Add a review", for those who may. */
export function AddReviewButton({ user }: { user: Actor }) {
  if (!can(user, 'review:create')) return null;
  return (
    <p>
      <Link href="/reviews/new" className="button button--secondary">
        Add a review
      </Link>
    </p>
  );
}
