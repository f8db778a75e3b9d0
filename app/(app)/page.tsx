import type { Metadata } from 'next';
import Link from '@/components/link';
import { WorkQueueSection } from '@/components/dashboard/work-queue';
import { AddReviewButton, ReviewCardList } from '@/components/review-card';
import { requireUser } from '@/lib/auth/session';
import { getWorkQueue } from '@/lib/dashboard/get-work-queue';
import { DASHBOARD_REVIEWS, listReviews } from '@/lib/reviews/list-reviews';

export const metadata: Metadata = { title: 'Dashboard' };

export default async function DashboardPage() {
  const user = await requireUser();
  const [queue, { reviews, total }] = await Promise.all([getWorkQueue(user), listReviews(user, { perPage: DASHBOARD_REVIEWS })]);
  return (
    <>
      <h1>
        <span className="caption">Safeguarding partnership</span>
        Dashboard
      </h1>
      <WorkQueueSection queue={queue} />
      <section aria-labelledby="reviews-heading">
        <h2 id="reviews-heading">Recent reviews</h2>
        <AddReviewButton user={user} />
        {reviews.length === 0 ? (
          <p>No reviews have been recorded yet.</p>
        ) : (
          <ReviewCardList reviews={reviews} />
        )}
        {total > reviews.length ? (
          <p>
            <Link href="/reviews">See all {total.toLocaleString('en-GB')} reviews</Link>
          </p>
        ) : null}
      </section>
    </>
  );
}
