import 'server-only';
import { assertCan } from '@/lib/auth/permissions';
import { reviewScope } from '@/lib/auth/scopes';
import type { Actor } from '@/lib/auth/session-user';
import { db, type Prisma } from '@/lib/db';
import { escapeLike } from '@/lib/db/like';
import type { RecommendationStatus } from '@/lib/generated/prisma/enums';

/** Reviews per page of the reviews and reports lists. */
export const REVIEWS_PER_PAGE = 20;
/** How many of the most recent reviews the dashboard shows; the rest are on the reviews page. */
export const DASHBOARD_REVIEWS = 5;

export type ReviewSummary = Awaited<ReturnType<typeof listReviews>>['reviews'][number];

/**
 * One page of the live reviews (whose title contains `q`, when given), most
 * recently published first, each with its recommendations counted by status
 * (three queries, whatever the count). A partnership has tens of reviews and a
 * national deployment about a thousand, so numbered pages by offset cost
 * nothing and let people jump about.
 */
export async function listReviews(
  actor: Actor,
  { page = 1, perPage = REVIEWS_PER_PAGE, q = '' }: { page?: number; perPage?: number; q?: string } = {},
) {
  assertCan(actor, 'review:read');
  const visible = reviewScope(actor);
  const where: Prisma.ReviewWhereInput = q ? { AND: [visible, { title: { contains: escapeLike(q), mode: 'insensitive' } }] } : visible;
  const total = await db.review.count({ where });
  const pageCount = Math.max(1, Math.ceil(total / perPage));
  const current = Math.min(page, pageCount);
  const reviews = await db.review.findMany({
    where,
    orderBy: [{ publishedOn: { sort: 'desc', nulls: 'last' } }, { createdAt: 'desc' }, { id: 'asc' }],
    skip: (current - 1) * perPage,
    take: perPage,
    select: { id: true, title: true, kind: true, status: true, publishedOn: true, commissioningBody: true },
  });
  const counts = await db.recommendation.groupBy({
    by: ['reviewId', 'status'],
    where: { archivedAt: null, reviewId: { in: reviews.map((review) => review.id) } },
    _count: { _all: true },
  });
  const byReview = new Map<string, Partial<Record<RecommendationStatus, number>>>();
  for (const row of counts) {
    const byStatus = byReview.get(row.reviewId) ?? {};
    byStatus[row.status] = row._count._all;
    byReview.set(row.reviewId, byStatus);
  }
  return {
    reviews: reviews.map((review) => {
      const byStatus = byReview.get(review.id) ?? {};
      const total = Object.values(byStatus).reduce((sum, n) => sum + n, 0);
      return { ...review, recommendationCounts: byStatus, recommendationTotal: total };
    }),
    /** Live reviews matching. */
    total,
    page: current,
    pageCount,
  };
}

/** How many live reviews are not closed: the partnership report's scope. */
export async function countOpenReviews(actor: Actor) {
  assertCan(actor, 'review:read');
  return db.review.count({ where: { AND: [reviewScope(actor), { status: { not: 'CLOSED' } }] } });
}
