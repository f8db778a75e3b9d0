// Rows for list and dashboard tests, inserted directly (no history, no rules):
// these tests are about reading, so they set every field a list reads.
import { randomUUID } from 'node:crypto';
import { db } from '@/lib/db';
import type { Assessment, Priority, Rag, RecommendationStatus } from '@/lib/generated/prisma/enums';
import { rollUp } from '@/lib/actions/roll-up';
import { byReference } from '@/lib/reviews/reference-order';

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
  /** On its action (the RAG override is an action's since decision 0015). */
  ragOverride?: Rag | null;
  archivedAt?: Date | null;
  /**
   * Its actions. Without them it has one, "1", with its owner, lead officer,
   * status, dates and RAG override. With them, the recommendation's rolled-up
   * values are written from them as the app would (lib/actions/roll-up.ts).
   */
  actions?: ActionData[];
};

export type ActionData = {
  reference?: string;
  text?: string | null;
  ownerAgencyId?: string;
  leadOfficerId?: string | null;
  status?: RecommendationStatus;
  dueDate?: string | Date;
  originalDueDate?: string | Date;
  createdAt?: Date;
  lastProgressAt?: Date;
  statusChangedAt?: Date;
  ragOverride?: Rag | null;
  progressNote?: string | null;
  archivedAt?: Date | null;
};

const asDay = (value: string | Date) => (typeof value === 'string' ? day(value) : value);

/**
 * A recommendation with its actions, inserted directly. Returned with
 * `actionId` (its first action's) and `actionIds` (all, in the order given).
 */
export async function createRecommendation(data: RecommendationData) {
  const n = next();
  const dueDate = asDay(data.dueDate);
  const originalDueDate = data.originalDueDate ? asDay(data.originalDueDate) : dueDate;
  const recommendation = await db.recommendation.create({
    data: {
      reviewId: data.reviewId,
      ownerAgencyId: data.ownerAgencyId,
      reference: data.reference ?? `R${n}`,
      text: data.text ?? `Recommendation number ${n}`,
      leadOfficerId: data.leadOfficerId ?? null,
      priority: data.priority ?? 'MEDIUM',
      status: data.status ?? 'NOT_STARTED',
      dueDate,
      originalDueDate,
      archivedAt: data.archivedAt ?? null,
      ...(data.createdAt ? { createdAt: data.createdAt } : {}),
      ...(data.updatedAt ? { updatedAt: data.updatedAt } : {}),
      ...(data.lastProgressAt ? { lastProgressAt: data.lastProgressAt } : {}),
      ...(data.statusChangedAt ? { statusChangedAt: data.statusChangedAt } : {}),
    },
  });
  const given = data.actions ?? [{}];
  const actionIds: string[] = [];
  for (const [index, action] of given.entries()) {
    const actionDue = action.dueDate ? asDay(action.dueDate) : dueDate;
    const created = await db.action.create({
      data: {
        recommendationId: recommendation.id,
        reference: action.reference ?? String(index + 1),
        text: action.text ?? null,
        ownerAgencyId: action.ownerAgencyId ?? data.ownerAgencyId,
        leadOfficerId: action.leadOfficerId !== undefined ? action.leadOfficerId : (data.leadOfficerId ?? null),
        status: action.status ?? data.status ?? 'NOT_STARTED',
        dueDate: actionDue,
        originalDueDate: action.originalDueDate ? asDay(action.originalDueDate) : action.dueDate ? actionDue : originalDueDate,
        ragOverride: action.ragOverride !== undefined ? action.ragOverride : (data.ragOverride ?? null),
        progressNote: action.progressNote ?? null,
        archivedAt: action.archivedAt ?? null,
        createdAt: action.createdAt ?? data.createdAt ?? recommendation.createdAt,
        lastProgressAt: action.lastProgressAt ?? data.lastProgressAt ?? recommendation.lastProgressAt,
        statusChangedAt: action.statusChangedAt ?? data.statusChangedAt ?? recommendation.statusChangedAt,
      },
    });
    actionIds.push(created.id);
  }
  if (data.actions) {
    const rolled = rollUp(
      await db.action.findMany({ where: { recommendationId: recommendation.id, archivedAt: null } }),
    );
    if (rolled) {
      const updated = await db.recommendation.update({
        where: { id: recommendation.id },
        data: { ...rolled, ...(data.updatedAt ? { updatedAt: data.updatedAt } : {}) },
      });
      return Object.assign(updated, { actionId: actionIds[0]!, actionIds });
    }
  }
  return Object.assign(recommendation, { actionId: actionIds[0]!, actionIds });
}

/** The action meant by an id: the action itself, or a recommendation's first live action (by reference). */
export async function actionOf(id: string) {
  const action = await db.action.findUnique({ where: { id }, select: { id: true, recommendationId: true } });
  if (action) return action;
  const actions = await db.action.findMany({ where: { recommendationId: id, archivedAt: null }, select: { id: true, recommendationId: true, reference: true } });
  const first = actions.sort(byReference)[0];
  if (!first) throw new Error(`No action or recommendation with live actions has the id ${id}`);
  return { id: first.id, recommendationId: first.recommendationId };
}

/** A measure of an action (given the action's id, or its recommendation's for its first action). */
export async function createMeasure(actionOrRecommendationId: string, target: number, currentValue: number, archivedAt: Date | null = null) {
  const action = await actionOf(actionOrRecommendationId);
  return db.measure.create({
    data: { recommendationId: action.recommendationId, actionId: action.id, name: `Measure ${next()}`, target, currentValue, archivedAt },
  });
}

/** Evidence for an action: `actionId`, or the recommendation's first action. */
export async function createEvidence(data: {
  recommendationId: string;
  actionId?: string;
  submittedById: string;
  assessment?: Assessment;
  assessedById?: string | null;
  assessedAt?: Date | null;
  submittedAt?: Date;
  archivedAt?: Date | null;
  title?: string;
}) {
  const action = await actionOf(data.actionId ?? data.recommendationId);
  return db.evidence.create({
    data: {
      recommendationId: action.recommendationId,
      actionId: action.id,
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
