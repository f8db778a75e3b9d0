import { randomUUID } from 'node:crypto';
import { payloadToStore } from '@/lib/audit/event-catalogue';
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
      [id, JSON.stringify(created(reference, text)), ROCHDALE_REVIEW_ID],
    );
    await db.query('COMMIT');
    return { id, reference, url: `/recommendations/${id}` };
  } finally {
    await db.end();
  }
}

/** The recommendation.created payload, as the app records it (checked by the history's catalogue). */
function created(reference: string, text: string) {
  const due = new Date('2030-03-31T00:00:00Z');
  return payloadToStore('recommendation.created', undefined, {
    reference,
    text,
    response: 'ACCEPTED',
    priority: 'MEDIUM',
    status: 'NOT_STARTED',
    ownerAgencyId: 'agency-csc',
    ownerAgency: "Children's social care",
    leadOfficerId: null,
    leadOfficer: null,
    findingIds: [],
    findings: [],
    dueDate: due,
    originalDueDate: due,
  }).after;
}
