import type { Metadata } from 'next';
import { ReviewCard } from '@/components/review-card';
import { requireUser } from '@/lib/auth/session';
import { listReviews } from '@/lib/reviews/list-reviews';

export const metadata: Metadata = { title: 'Dashboard' };

export default async function DashboardPage() {
  const user = await requireUser();
  const reviews = await listReviews(user);
  return (
    <>
      <h1>
        <span className="caption">Safeguarding partnership</span>
        Reviews
      </h1>
      {reviews.length === 0 ? (
        <p>No reviews have been recorded yet.</p>
      ) : (
        <ul className="card-list" aria-label="Reviews">
          {reviews.map((review) => (
            <li key={review.id}>
              <ReviewCard review={review} />
            </li>
          ))}
        </ul>
      )}
    </>
  );
}
