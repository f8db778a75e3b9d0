import 'server-only';
import { assertCan } from '@/lib/auth/permissions';
import type { Actor } from '@/lib/auth/session-user';
import { db } from '@/lib/db';
import type { RecommendationStatus } from '@/lib/generated/prisma/enums';

export type ReviewSummary = Awaited<ReturnType<typeof listReviews>>[number];

/** Every live review with its recommendations counted by status (two queries, whatever the count). */
export async function listReviews(actor: Actor) {
  assertCan(actor, 'review:read');
  const reviews = await db.review.findMany({
    where: { archivedAt: null },
    orderBy: [{ publishedOn: { sort: 'desc', nulls: 'last' } }, { createdAt: 'desc' }],
    select: { id: true, title: true, kind: true, status: true, publishedOn: true, commissioningBody: true },
  });
  const counts = await db.recommendation.groupBy({
    by: ['reviewId', 'status'],
    where: { archivedAt: null, reviewId: { in: reviews.map((review) => review.id) } },
    _count: { _all: true },
  });
  return reviews.map((review) => {
    const byStatus: Partial<Record<RecommendationStatus, number>> = {};
    for (const row of counts) if (row.reviewId === review.id) byStatus[row.status] = row._count._all;
    const total = Object.values(byStatus).reduce((sum, n) => sum + n, 0);
    return { ...review, recommendationCounts: byStatus, recommendationTotal: total };
  });
}
