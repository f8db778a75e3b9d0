import { randomUUID } from 'node:crypto';
import { e2eDatabase } from './db';

export const ROCHDALE_REVIEW_ID = 'review-rochdale-cse-2012';

/**
 * A recommendation of its own for one test (tests run in parallel on one
 * database), owned by children's social care, with its created event.
 */
export async function createTestRecommendation(text: string) {
  const db = await e2eDatabase();
  try {
    const id = `e2e-${randomUUID()}`;
    const reference = `T${Math.floor(Math.random() * 1e9)}`;
    await db.query('BEGIN');
    await db.query(
      `INSERT INTO "Recommendation" (id, "reviewId", reference, text, "ownerAgencyId", "originalDueDate", "dueDate", "updatedAt")
       VALUES ($1, $2, $3, $4, 'agency-csc', '2030-03-31', '2030-03-31', now())`,
      [id, ROCHDALE_REVIEW_ID, reference, text],
    );
    await db.query(
      `INSERT INTO "HistoryEvent" ("actorId", "subjectType", "subjectId", "subjectVersion", kind, after, "reviewId", "recommendationId")
       SELECT id, 'recommendation', $1, 1, 'recommendation.created', $2::jsonb, $3, $1 FROM "User" WHERE email = 'reviewer@followthrough.test'`,
      [id, JSON.stringify({ reference, text, status: 'NOT_STARTED', ownerAgencyId: 'agency-csc', dueDate: '2030-03-31', originalDueDate: '2030-03-31' }), ROCHDALE_REVIEW_ID],
    );
    await db.query('COMMIT');
    return { id, reference, url: `/recommendations/${id}` };
  } finally {
    await db.end();
  }
}
