import { randomUUID } from 'node:crypto';
import { payloadToStore } from '@/lib/audit/event-catalogue';
import { e2eDatabase } from './db';

export const ROCHDALE_REVIEW_ID = 'review-rochdale-cse-2012';

/**
 * A recommendation of its own for one test (tests run in parallel on one
 * database), with its one action (the recommendation as written, reference
 * "1") owned by children's social care, and their created events, as the app
 * writes them.
 */
export async function createTestRecommendation(text: string) {
  const db = await e2eDatabase();
  try {
    const id = `e2e-${randomUUID()}`;
    const actionId = `e2e-${randomUUID()}`;
    const reference = `T${Math.floor(Math.random() * 1e9)}`;
    await db.query('BEGIN');
    await db.query(
      `INSERT INTO "Recommendation" (id, "reviewId", reference, text, "ownerAgencyId", "originalDueDate", "dueDate", "updatedAt")
       VALUES ($1, $2, $3, $4, 'agency-csc', '2030-03-31', '2030-03-31', now())`,
      [id, ROCHDALE_REVIEW_ID, reference, text],
    );
    await db.query(
      `INSERT INTO "Action" (id, "recommendationId", reference, text, "ownerAgencyId", "originalDueDate", "dueDate", "updatedAt")
       VALUES ($1, $2, '1', NULL, 'agency-csc', '2030-03-31', '2030-03-31', now())`,
      [actionId, id],
    );
    const event = (subjectType: string, subjectId: string, kind: string, after: unknown) =>
      db.query(
        `INSERT INTO "HistoryEvent" ("actorId", "subjectType", "subjectId", "subjectVersion", kind, after, "reviewId", "recommendationId")
         SELECT id, $1, $2, 1, $3, $4::jsonb, $5, $6 FROM "User" WHERE email = 'reviewer@followthrough.test'`,
        [subjectType, subjectId, kind, JSON.stringify(after), ROCHDALE_REVIEW_ID, id],
      );
    await event('recommendation', id, 'recommendation.created', recommendationCreated(reference, text));
    await event('action', actionId, 'action.created', actionCreated());
    await db.query('COMMIT');
    return { id, reference, url: `/recommendations/${id}`, actionId, actionLabel: `${reference}.1`, actionUrl: `/actions/${actionId}` };
  } finally {
    await db.end();
  }
}

/** The recommendation.created payload, as the app records it (checked by the history's catalogue). */
function recommendationCreated(reference: string, text: string) {
  return payloadToStore('recommendation.created', undefined, {
    reference,
    text,
    response: 'ACCEPTED',
    priority: 'MEDIUM',
    findingIds: [],
    findings: [],
  }).after;
}

/** The action.created payload of its first action. */
function actionCreated() {
  const due = new Date('2030-03-31T00:00:00Z');
  return payloadToStore('action.created', undefined, {
    reference: '1',
    text: null,
    ownerAgencyId: 'agency-csc',
    ownerAgency: "Children's social care",
    leadOfficerId: null,
    leadOfficer: null,
    status: 'NOT_STARTED',
    dueDate: due,
    originalDueDate: due,
  }).after;
}

/** A review of its own for one test, with one finding (F1), and their created events, as the app writes them. */
export async function createTestReview(title: string) {
  const db = await e2eDatabase();
  try {
    const id = `e2e-${randomUUID()}`;
    const findingId = `e2e-${randomUUID()}`;
    await db.query('BEGIN');
    await db.query(
      `INSERT INTO "Review" (id, title, kind, "commissioningBody", status, "updatedAt") VALUES ($1, $2, 'LEARNING_REVIEW', 'Rochdale Borough Safeguarding Children Board', 'PUBLISHED', now())`,
      [id, title],
    );
    await db.query(
      `INSERT INTO "Finding" (id, "reviewId", reference, text, theme, severity, "updatedAt") VALUES ($1, $2, 'F1', 'Concerns were not escalated', 'Escalation', 'HIGH', now())`,
      [findingId, id],
    );
    const event = (subjectType: string, subjectId: string, kind: string, after: unknown) =>
      db.query(
        `INSERT INTO "HistoryEvent" ("actorId", "subjectType", "subjectId", "subjectVersion", kind, after, "reviewId")
         SELECT id, $1, $2, 1, $3, $4::jsonb, $5 FROM "User" WHERE email = 'reviewer@followthrough.test'`,
        [subjectType, subjectId, kind, JSON.stringify(after), id],
      );
    const review = { title, kind: 'LEARNING_REVIEW', commissioningBody: 'Rochdale Borough Safeguarding Children Board', periodStart: null, periodEnd: null, publishedOn: null, status: 'PUBLISHED', summary: '', sourceUrl: null };
    await event('review', id, 'review.created', payloadToStore('review.created', undefined, review as never).after);
    await event('finding', findingId, 'finding.created', payloadToStore('finding.created', undefined, { reference: 'F1', text: 'Concerns were not escalated', theme: 'Escalation', severity: 'HIGH' }).after);
    await db.query('COMMIT');
    return { id, url: `/reviews/${id}` };
  } finally {
    await db.end();
  }
}
