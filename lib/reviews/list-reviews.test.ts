import { beforeAll, describe, expect, it } from 'vitest';
import type { Actor } from '@/lib/auth/session-user';
import { db } from '@/lib/db';
import { createAgency, createUser } from '@/tests/support/factories';
import { createRecommendation, createReview, day } from '@/tests/support/list-factories';
import { countOpenReviews, listReviews } from './list-reviews';

let viewer: Actor;
const titles: string[] = [];

beforeAll(async () => {
  const agency = await createAgency();
  viewer = await createUser('VIEWER', agency.id);
  // Five live reviews published on different days (the last one closed), one unpublished, one archived.
  for (const [n, published] of ['2024-01-05', '2025-03-01', '2023-07-12', '2025-11-20', '2022-02-02'].entries()) {
    const review = await createReview({ title: `Review ${n + 1}` });
    await db.review.update({ where: { id: review.id }, data: { publishedOn: day(published), status: n === 4 ? 'CLOSED' : 'PUBLISHED' } });
    titles.push(review.title);
  }
  await createReview({ title: 'Not yet published' });
  await createReview({ title: '100% of staff_trained' });
  await createReview({ title: 'Archived', archivedAt: new Date() });
  const first = await db.review.findFirstOrThrow({ where: { title: 'Review 4' } });
  for (const status of ['IN_PROGRESS', 'IN_PROGRESS', 'VERIFIED'] as const) {
    await createRecommendation({ reviewId: first.id, ownerAgencyId: agency.id, status, dueDate: '2026-12-31' });
  }
  await createRecommendation({ reviewId: first.id, ownerAgencyId: agency.id, status: 'VERIFIED', dueDate: '2026-12-31', archivedAt: new Date() });
});

describe('listReviews', () => {
  it('pages through the live reviews, most recently published first, unpublished last', async () => {
    const pages = [];
    for (let page = 1; page <= 3; page++) pages.push(await listReviews(viewer, { page, perPage: 2 }));
    expect(pages.map((p) => p.reviews.map((review) => review.title))).toEqual([
      ['Review 4', 'Review 2'],
      ['Review 1', 'Review 3'],
      ['Review 5', expect.any(String)],
    ]);
    expect(pages.map((p) => [p.page, p.pageCount, p.total])).toEqual([
      [1, 4, 7],
      [2, 4, 7],
      [3, 4, 7],
    ]);
    // The partnership report's scope: live reviews not closed.
    expect(await countOpenReviews(viewer)).toBe(6);
  });

  it('counts each review’s live recommendations by status', async () => {
    const { reviews } = await listReviews(viewer, { perPage: 1 });
    expect(reviews[0]).toMatchObject({ title: 'Review 4', recommendationTotal: 3, recommendationCounts: { IN_PROGRESS: 2, VERIFIED: 1 } });
  });

  it('shows the last page for a page past the end', async () => {
    const past = await listReviews(viewer, { page: 99, perPage: 4 });
    expect([past.page, past.pageCount]).toEqual([2, 2]);
    expect(past.reviews.map((review) => review.title).sort()).toEqual(['100% of staff_trained', 'Not yet published', 'Review 5']);
  });

  it('finds reviews by part of their title, any case, with % and _ matching only themselves', async () => {
    const titles = async (q: string) => (await listReviews(viewer, { q })).reviews.map((review) => review.title);
    expect(await titles('REVIEW 2')).toEqual(['Review 2']);
    expect(await titles('% of staff_')).toEqual(['100% of staff_trained']);
    expect(await titles('_')).toEqual(['100% of staff_trained']);
    expect(await titles('%')).toEqual(['100% of staff_trained']);
    expect(await titles('Archived')).toEqual([]);
  });
});
