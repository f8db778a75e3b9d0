import type { ReactNode } from 'react';
import Link from '@/components/link';

/** The top of a page within a review: the way back to it, and the page's heading under the review's title. */
export function ReviewPageHeading({ review, children }: { review: { id: string; title: string }; children: ReactNode }) {
  return (
    <>
      <p className="small">
        <Link href={`/reviews/${review.id}`}>{review.title}</Link>
      </p>
      <h1>
        <span className="caption">{review.title}</span>
        {children}
      </h1>
    </>
  );
}
