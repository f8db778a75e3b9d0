// Rebuilds what the history records (reviews, recommendations, measures,
// evidence, people's and agencies' names) as it stood at any moment, from the
// history events alone (never from a stored snapshot): the report given to
// last March's board can be produced again, identical, whatever was renamed or
// closed since. The demo seed derives its rows from this same replay.
//
// Every event is read through the catalogue (lib/audit/event-catalogue.ts) and
// `apply` switches over every kind: a new kind that is not handled here fails
// type-checking.
import { readEvent, unhandledKind } from '@/lib/audit/event-catalogue';
import type {
  Assessment,
  EvidenceKind,
  Priority,
  Rag,
  RecommendationStatus,
  ResponseKind,
  ReviewStatus,
} from '@/lib/generated/prisma/enums';

/** A stored history event, as the database gives it. */
export type ReportEvent = {
  id: number;
  occurredAt: Date;
  kind: string;
  subjectId: string;
  subjectVersion?: number | null;
  reviewId: string | null;
  recommendationId: string | null;
  actorId: string | null;
  before: unknown;
  after: unknown;
  note: string | null;
};

export type ReviewState = { id: string; title: string; status: ReviewStatus; archived: boolean; version: number };

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
  findingIds: string[];
  dueDate: Date;
  originalDueDate: Date;
  dueDateChangeReason: string | null;
  createdAt: Date;
  /** When the row last changed (any event on it). */
  updatedAt: Date;
  statusChangedAt: Date;
  lastProgressAt: Date;
  latestNote: string | null;
  ragOverride: Rag | null;
  archived: boolean;
  version: number;
};

export type MeasureState = {
  id: string;
  recommendationId: string;
  name: string;
  unit: string;
  target: number;
  currentValue: number;
  createdAt: Date;
  updatedAt: Date;
  version: number;
};

export type EvidenceState = {
  id: string;
  recommendationId: string;
  title: string;
  kind: EvidenceKind;
  submittedById: string | null;
  submittedAt: Date;
  assessment: Assessment;
  assessedById: string | null;
  assessedAt: Date | null;
  assessmentComment: string | null;
  version: number;
};

export type ReplayedState = {
  reviews: Map<string, ReviewState>;
  recommendations: Map<string, RecommendationState>;
  measures: Map<string, MeasureState>;
  evidence: Map<string, EvidenceState>;
  /** People's names as they were, by user id. */
  people: Map<string, string>;
  /** Agencies' short names, by id. */
  agencies: Map<string, string>;
};

export function emptyState(): ReplayedState {
  return { reviews: new Map(), recommendations: new Map(), measures: new Map(), evidence: new Map(), people: new Map(), agencies: new Map() };
}

/** The state after applying, in order, every event that happened at or before `asAt`. */
export function replay(events: readonly ReportEvent[], asAt: Date): ReplayedState {
  const state = emptyState();
  for (const event of events) {
    if (event.occurredAt.getTime() > asAt.getTime()) continue;
    apply(state, event);
  }
  return state;
}

const nextVersion = (event: ReportEvent, current: number) => event.subjectVersion ?? current + 1;

/** Applies one event to the state (exported for incremental replays such as monthly progress). */
export function apply(state: ReplayedState, stored: ReportEvent): void {
  const event = readEvent(stored);
  const at = event.occurredAt;
  const recommendation = event.recommendationId ? state.recommendations.get(event.recommendationId) : undefined;
  /** The recommendation's row changed; `progress` when it counts as an update of substance (RAG's stall check). */
  const touch = (progress: boolean) => {
    if (!recommendation) return;
    recommendation.updatedAt = at;
    if (progress) recommendation.lastProgressAt = at;
  };
  /** An event whose subject is the recommendation itself: its version moves. */
  const ownVersion = () => {
    if (recommendation && event.subjectId === recommendation.id) recommendation.version = nextVersion(event, recommendation.version);
  };

  switch (event.kind) {
    case 'agency.created':
      state.agencies.set(event.subjectId, event.after.shortName);
      return;
    case 'user.created':
      state.people.set(event.subjectId, event.after.name);
      return;
    case 'user.updated':
      if (event.after.name !== undefined) state.people.set(event.subjectId, event.after.name);
      return;
    case 'review.created':
      state.reviews.set(event.subjectId, {
        id: event.subjectId,
        title: event.after.title,
        status: event.after.status,
        archived: false,
        version: event.subjectVersion ?? 1,
      });
      return;
    case 'review.updated': {
      const review = state.reviews.get(event.subjectId);
      if (!review) return;
      if (event.after.title !== undefined) review.title = event.after.title;
      if (event.after.status !== undefined) review.status = event.after.status;
      review.version = nextVersion(event, review.version);
      return;
    }
    case 'review.archived': {
      const review = state.reviews.get(event.subjectId);
      if (review) {
        review.archived = true;
        review.version = nextVersion(event, review.version);
      }
      return;
    }
    case 'recommendation.created': {
      const after = event.after;
      state.recommendations.set(event.subjectId, {
        id: event.subjectId,
        reviewId: event.reviewId ?? '',
        reference: after.reference,
        text: after.text,
        status: after.status,
        response: after.response,
        priority: after.priority,
        ownerAgencyId: after.ownerAgencyId,
        leadOfficerId: after.leadOfficerId,
        findingIds: [...after.findingIds],
        dueDate: new Date(after.dueDate),
        originalDueDate: new Date(after.originalDueDate),
        dueDateChangeReason: null,
        createdAt: at,
        updatedAt: at,
        statusChangedAt: at,
        lastProgressAt: at,
        latestNote: null,
        ragOverride: null,
        archived: false,
        version: event.subjectVersion ?? 1,
      });
      return;
    }
    case 'recommendation.updated': {
      if (!recommendation) return;
      const after = event.after;
      if (after.reference !== undefined) recommendation.reference = after.reference;
      if (after.text !== undefined) recommendation.text = after.text;
      if (after.response !== undefined) recommendation.response = after.response;
      if (after.priority !== undefined) recommendation.priority = after.priority;
      if (after.ownerAgencyId !== undefined) recommendation.ownerAgencyId = after.ownerAgencyId;
      if (after.leadOfficerId !== undefined) recommendation.leadOfficerId = after.leadOfficerId;
      if (after.findingIds !== undefined) recommendation.findingIds = [...after.findingIds];
      ownVersion();
      // Version 1 carried a progress note here (before recommendation.progress_updated existed).
      if (after.progressNote !== undefined) recommendation.latestNote = after.progressNote;
      touch(after.progressNote !== undefined);
      return;
    }
    case 'recommendation.status_changed':
      if (!recommendation) return;
      recommendation.status = event.after.status;
      recommendation.statusChangedAt = at;
      if (event.note) recommendation.latestNote = event.note;
      ownVersion();
      touch(true);
      return;
    case 'recommendation.progress_updated':
      if (!recommendation) return;
      if (event.note) recommendation.latestNote = event.note;
      ownVersion();
      touch(true);
      return;
    case 'recommendation.due_date_changed':
      if (!recommendation) return;
      recommendation.dueDate = new Date(event.after.dueDate);
      recommendation.dueDateChangeReason = event.note;
      ownVersion();
      touch(false);
      return;
    case 'recommendation.rag_overridden':
      if (!recommendation) return;
      recommendation.ragOverride = event.after.rating;
      ownVersion();
      touch(false);
      return;
    case 'recommendation.rag_override_withdrawn':
      if (!recommendation) return;
      recommendation.ragOverride = null;
      ownVersion();
      touch(false);
      return;
    case 'recommendation.archived':
      if (!recommendation) return;
      recommendation.archived = true;
      ownVersion();
      touch(false);
      return;
    case 'measure.created':
      if (!event.recommendationId) return;
      state.measures.set(event.subjectId, {
        id: event.subjectId,
        recommendationId: event.recommendationId,
        name: event.after.name,
        unit: event.after.unit,
        target: event.after.target,
        currentValue: event.after.currentValue ?? 0,
        createdAt: at,
        updatedAt: at,
        version: event.subjectVersion ?? 1,
      });
      return;
    case 'measure.updated': {
      const measure = state.measures.get(event.subjectId);
      if (!measure) return;
      measure.currentValue = event.after.currentValue;
      measure.updatedAt = at;
      measure.version = nextVersion(event, measure.version);
      touch(true);
      return;
    }
    case 'evidence.submitted':
      if (!event.recommendationId) return;
      state.evidence.set(event.subjectId, {
        id: event.subjectId,
        recommendationId: event.recommendationId,
        title: event.after.title,
        kind: event.after.kind,
        submittedById: event.actorId,
        submittedAt: at,
        assessment: 'PENDING',
        assessedById: null,
        assessedAt: null,
        assessmentComment: null,
        version: event.subjectVersion ?? 1,
      });
      touch(true);
      return;
    case 'evidence.assessed': {
      const evidence = state.evidence.get(event.subjectId);
      if (!evidence) return;
      evidence.assessment = event.after.assessment;
      evidence.assessedById = event.actorId;
      evidence.assessedAt = at;
      evidence.assessmentComment = event.note;
      evidence.version = nextVersion(event, evidence.version);
      return;
    }
    // Nothing a report or a row rebuilt from history shows.
    case 'user.deactivated':
    case 'user.reactivated':
    case 'user.password_reset':
    case 'user.password_changed':
    case 'user.signed_in':
    case 'user.sign_in_failed':
    case 'user.signed_out':
    case 'user.two_factor_enabled':
    case 'user.two_factor_disabled':
    case 'user.recovery_code_used':
    case 'user.reauthentication_failed':
    case 'access.denied':
    case 'finding.created':
    case 'finding.updated':
    case 'finding.archived':
    case 'comment.added':
      return;
    default:
      unhandledKind(event);
  }
}
