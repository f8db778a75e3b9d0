// Rebuilds a review's recommendations, measures and evidence as they stood at
// any moment, from the history events alone (never from a stored snapshot):
// the report given to last March's board can be produced again, identical.
import type { Assessment, Priority, Rag, RecommendationStatus, ResponseKind } from '@/lib/generated/prisma/enums';

export type ReportEvent = {
  id: number;
  occurredAt: Date;
  kind: string;
  subjectId: string;
  reviewId: string | null;
  recommendationId: string | null;
  actorId: string | null;
  before: unknown;
  after: unknown;
  note: string | null;
};

export type RecommendationState = {
  id: string;
  reviewId: string;
  reference: string;
  text: string;
  status: RecommendationStatus;
  response: ResponseKind;
  priority: Priority;
  ownerAgencyId: string;
  leadOfficerId: string | null;
  dueDate: Date;
  originalDueDate: Date;
  createdAt: Date;
  lastProgressAt: Date;
  latestNote: string | null;
  ragOverride: Rag | null;
  archived: boolean;
};

export type MeasureState = {
  id: string;
  recommendationId: string;
  name: string;
  unit: string;
  target: number;
  currentValue: number;
  archived: boolean;
};

export type EvidenceState = {
  id: string;
  recommendationId: string;
  title: string;
  kind: string;
  submittedById: string | null;
  submittedAt: Date;
  assessment: Assessment;
  archived: boolean;
};

export type ReplayedState = {
  recommendations: Map<string, RecommendationState>;
  measures: Map<string, MeasureState>;
  evidence: Map<string, EvidenceState>;
};

type Values = Record<string, unknown>;
const values = (v: unknown): Values => (v && typeof v === 'object' && !Array.isArray(v) ? (v as Values) : {});
const asDate = (v: unknown, fallback: Date) => (typeof v === 'string' || v instanceof Date ? new Date(v) : fallback);
const asNumber = (v: unknown, fallback = 0) => (typeof v === 'number' ? v : typeof v === 'string' && v !== '' ? Number(v) : fallback);
const has = (o: Values, key: string) => Object.hasOwn(o, key);

/** The state after applying, in order, every event that happened at or before `asAt`. */
export function replay(events: readonly ReportEvent[], asAt: Date): ReplayedState {
  const state: ReplayedState = { recommendations: new Map(), measures: new Map(), evidence: new Map() };
  for (const event of events) {
    if (event.occurredAt.getTime() > asAt.getTime()) continue;
    apply(state, event);
  }
  return state;
}

/** Applies one event to the state (exported for incremental replays such as monthly progress). */
export function apply(state: ReplayedState, event: ReportEvent): void {
  const after = values(event.after);
  const at = event.occurredAt;
  const recommendation = event.recommendationId ? state.recommendations.get(event.recommendationId) : undefined;
  const touch = () => {
    if (recommendation) recommendation.lastProgressAt = at;
  };

  switch (event.kind) {
    case 'recommendation.created':
      state.recommendations.set(event.subjectId, {
        id: event.subjectId,
        reviewId: event.reviewId ?? '',
        reference: String(after.reference ?? ''),
        text: String(after.text ?? ''),
        status: (after.status as RecommendationStatus) ?? 'NOT_STARTED',
        response: (after.response as ResponseKind) ?? 'ACCEPTED',
        priority: (after.priority as Priority) ?? 'MEDIUM',
        ownerAgencyId: String(after.ownerAgencyId ?? ''),
        leadOfficerId: (after.leadOfficerId as string | null) ?? null,
        dueDate: asDate(after.dueDate, at),
        originalDueDate: asDate(after.originalDueDate ?? after.dueDate, at),
        createdAt: at,
        lastProgressAt: at,
        latestNote: null,
        ragOverride: null,
        archived: false,
      });
      return;
    case 'recommendation.updated':
      if (!recommendation) return;
      for (const key of ['reference', 'text', 'response', 'priority', 'ownerAgencyId', 'leadOfficerId'] as const) {
        if (has(after, key)) (recommendation as Values)[key] = after[key] ?? null;
      }
      return;
    case 'recommendation.status_changed':
      if (!recommendation) return;
      recommendation.status = (after.status as RecommendationStatus) ?? recommendation.status;
      if (event.note) recommendation.latestNote = event.note;
      touch();
      return;
    case 'recommendation.progress_updated':
      if (!recommendation) return;
      if (event.note) recommendation.latestNote = event.note;
      touch();
      return;
    case 'recommendation.due_date_changed':
      if (recommendation && has(after, 'dueDate')) recommendation.dueDate = asDate(after.dueDate, recommendation.dueDate);
      return;
    case 'recommendation.rag_overridden':
      if (recommendation) recommendation.ragOverride = ((after.ragOverride ?? after.rating) as Rag | undefined) ?? null;
      return;
    case 'recommendation.rag_override_withdrawn':
      if (recommendation) recommendation.ragOverride = null;
      return;
    case 'recommendation.archived':
      if (recommendation) recommendation.archived = true;
      return;
    case 'measure.created':
      if (!event.recommendationId) return;
      state.measures.set(event.subjectId, {
        id: event.subjectId,
        recommendationId: event.recommendationId,
        name: String(after.name ?? ''),
        unit: String(after.unit ?? ''),
        target: asNumber(after.target),
        currentValue: asNumber(after.currentValue),
        archived: false,
      });
      return;
    case 'measure.updated': {
      const measure = state.measures.get(event.subjectId);
      if (!measure) return;
      if (has(after, 'currentValue')) {
        measure.currentValue = asNumber(after.currentValue, measure.currentValue);
        touch();
      }
      if (has(after, 'target')) measure.target = asNumber(after.target, measure.target);
      if (has(after, 'name')) measure.name = String(after.name);
      if (has(after, 'unit')) measure.unit = String(after.unit ?? '');
      return;
    }
    case 'measure.archived': {
      const measure = state.measures.get(event.subjectId);
      if (measure) measure.archived = true;
      return;
    }
    case 'evidence.submitted':
      if (!event.recommendationId) return;
      state.evidence.set(event.subjectId, {
        id: event.subjectId,
        recommendationId: event.recommendationId,
        title: String(after.title ?? ''),
        kind: String(after.kind ?? 'OTHER'),
        submittedById: event.actorId,
        submittedAt: at,
        assessment: 'PENDING',
        archived: false,
      });
      touch();
      return;
    case 'evidence.assessed': {
      const evidence = state.evidence.get(event.subjectId);
      if (evidence && has(after, 'assessment')) evidence.assessment = after.assessment as Assessment;
      return;
    }
    case 'evidence.archived': {
      const evidence = state.evidence.get(event.subjectId);
      if (evidence) evidence.archived = true;
      return;
    }
  }
}
