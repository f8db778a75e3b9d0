import { randomUUID } from 'node:crypto';
import type { Actor } from '@/lib/auth/session-user';
import { db } from '@/lib/db';
import { createFinding } from '@/lib/findings/create-finding';
import { createFindingSchema, type CreateFindingInput } from '@/lib/findings/finding.schema';
import { createRecommendation } from '@/lib/recommendations/create-recommendation';
import { createRecommendationSchema, type CreateRecommendationInput } from '@/lib/recommendations/recommendation.schema';
import { createReview } from '@/lib/reviews/create-review';
import { createReviewSchema, type CreateReviewInput } from '@/lib/reviews/review.schema';
import { createAgency, createUser } from './factories';

/** A board agency with a reviewer, for tests that need someone allowed to create things. */
export async function createReviewer() {
  const board = await createAgency(`Board ${randomUUID().slice(0, 8)}`, true);
  return createUser('REVIEWER', board.id);
}

/** A review made through the use case, as the form would submit it. */
export async function makeReview(actor: Actor, overrides: Partial<CreateReviewInput> = {}) {
  const input = createReviewSchema.parse({
    title: `Review ${randomUUID().slice(0, 8)}`,
    kind: 'SERIOUS_CASE_REVIEW',
    commissioningBody: 'Local Safeguarding Children Board',
    periodStart: '2008-01-01',
    periodEnd: '2010-12-31',
    publishedOn: '2012-09-27',
    status: 'PUBLISHED',
    summary: 'What the review found.',
    sourceUrl: 'https://example.test/review',
    ...overrides,
  });
  return createReview(actor, input);
}

export async function makeFinding(actor: Actor, reviewId: string, overrides: Partial<CreateFindingInput> = {}) {
  const input = createFindingSchema.parse({
    reviewId,
    reference: 'F1',
    text: 'Concerns were not escalated.',
    theme: 'Escalation',
    severity: 'HIGH',
    ...overrides,
  });
  return createFinding(actor, input);
}

export async function makeRecommendation(
  actor: Actor,
  reviewId: string,
  overrides: Partial<CreateRecommendationInput> & Pick<CreateRecommendationInput, 'findingIds' | 'ownerAgencyId'>,
) {
  const input = createRecommendationSchema.parse({
    reviewId,
    reference: 'R1',
    text: 'Train every front-line worker face to face.',
    response: 'ACCEPTED',
    leadOfficerId: '',
    priority: 'HIGH',
    dueDate: '2013-03-31',
    ...overrides,
  });
  return createRecommendation(actor, input);
}

/** Every history event about one subject, oldest first. */
export function eventsFor(subjectId: string) {
  return db.historyEvent.findMany({ where: { subjectId }, orderBy: { id: 'asc' } });
}
