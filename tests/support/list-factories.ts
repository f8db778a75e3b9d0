// Rows for list and dashboard tests, inserted directly (no history, no rules):
// these tests are about reading, so they set every field a list reads.
import { randomUUID } from 'node:crypto';
import { db } from '@/lib/db';
import type { Assessment, Priority, Rag, RecommendationStatus } from '@/lib/generated/prisma/enums';

let counter = 0;
const next = () => ++counter;

/** A date-only value (UTC midnight), as the database stores due dates. */
export function day(iso: string): Date {
  return new Date(`${iso}T00:00:00.000Z`);
}

export async function createReview(overrides: { title?: string; archivedAt?: Date | null } = {}) {
  return db.review.create({
    data: {
      title: overrides.title ?? `Review ${randomUUID().slice(0, 8)}`,
      kind: 'SERIOUS_CASE_REVIEW',
      commissioningBody: 'Local safeguarding children board',
      archivedAt: overrides.archivedAt ?? null,
    },
  });
}

export type RecommendationData = {
  reviewId: string;
  ownerAgencyId: string;
  reference?: string;
  text?: string;
  leadOfficerId?: string | null;
  priority?: Priority;
  status?: RecommendationStatus;
  /** 'YYYY-MM-DD' or a Date. */
  dueDate: string | Date;
  originalDueDate?: string | Date;
  createdAt?: Date;
  updatedAt?: Date;
  lastProgressAt?: Date;
  statusChangedAt?: Date;
  ragOverride?: Rag | null;
  archivedAt?: Date | null;
};

const asDay = (value: string | Date) => (typeof value === 'string' ? day(value) : value);

export async function createRecommendation(data: RecommendationData) {
  const n = next();
  const dueDate = asDay(data.dueDate);
  return db.recommendation.create({
    data: {
      reviewId: data.reviewId,
      ownerAgencyId: data.ownerAgencyId,
      reference: data.reference ?? `R${n}`,
      text: data.text ?? `Recommendation number ${n}`,
      leadOfficerId: data.leadOfficerId ?? null,
      priority: data.priority ?? 'MEDIUM',
      status: data.status ?? 'NOT_STARTED',
      dueDate,
      originalDueDate: data.originalDueDate ? asDay(data.originalDueDate) : dueDate,
      ragOverride: data.ragOverride ?? null,
      archivedAt: data.archivedAt ?? null,
      ...(data.createdAt ? { createdAt: data.createdAt } : {}),
      ...(data.updatedAt ? { updatedAt: data.updatedAt } : {}),
      ...(data.lastProgressAt ? { lastProgressAt: data.lastProgressAt } : {}),
      ...(data.statusChangedAt ? { statusChangedAt: data.statusChangedAt } : {}),
    },
  });
}

export async function createMeasure(recommendationId: string, target: number, currentValue: number, archivedAt: Date | null = null) {
  return db.measure.create({ data: { recommendationId, name: `Measure ${next()}`, target, currentValue, archivedAt } });
}

export async function createEvidence(data: {
  recommendationId: string;
  submittedById: string;
  assessment?: Assessment;
  assessedById?: string | null;
  assessedAt?: Date | null;
  submittedAt?: Date;
  archivedAt?: Date | null;
  title?: string;
}) {
  return db.evidence.create({
    data: {
      recommendationId: data.recommendationId,
      submittedById: data.submittedById,
      title: data.title ?? `Evidence ${next()}`,
      kind: 'DOCUMENT',
      url: 'https://example.test/evidence',
      assessment: data.assessment ?? 'PENDING',
      assessedById: data.assessedById ?? null,
      assessedAt: data.assessedAt ?? null,
      archivedAt: data.archivedAt ?? null,
      ...(data.submittedAt ? { submittedAt: data.submittedAt } : {}),
    },
  });
}
