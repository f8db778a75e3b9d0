// Rebuilds what the history records (reviews, recommendations, their actions,
// measures, evidence, people's and agencies' names) as it stood at any moment, from the
// history events alone (never from a stored snapshot): the report given to
// last March's board can be produced again, identical, whatever was renamed or
// closed since. The demo seed derives its rows from this same replay.
//
// Every event is read through the catalogue (lib/audit/event-catalogue.ts) and
// `apply` switches over every kind: a new kind that is not handled here fails
// type-checking.
//
// History written before actions existed (decision 0015) names the
// recommendation: its owner, dates, status, progress, RAG override, evidence
// and measures are read as those of its one action, whose id is the
// recommendation's (as the migration made it). A recommendation's status,
// dates and lead come from its live actions through the same roll-up the
// database uses (lib/actions/roll-up.ts).
import { type ImpliedAction, readEvent, unhandledKind } from '@/lib/audit/event-catalogue';
import { rollUp } from '@/lib/actions/roll-up';
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

/** A recommendation; status, owner, lead, dates and progress times are rolled up from its live actions. */
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
  createdAt: Date;
  /** When the row last changed (any event on it or its actions). */
  updatedAt: Date;
  statusChangedAt: Date;
  lastProgressAt: Date;
  /** The latest progress note on any of its actions. */
  latestNote: string | null;
  /** Its actions, live and archived, in the order they were added. */
  actionIds: string[];
  archived: boolean;
  version: number;
};

export type ActionState = {
  id: string;
  recommendationId: string;
  reference: string;
  /** Null: the recommendation as written. */
  text: string | null;
  status: RecommendationStatus;
  ownerAgencyId: string;
  leadOfficerId: string | null;
  dueDate: Date;
  originalDueDate: Date;
  dueDateChangeReason: string | null;
  createdAt: Date;
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
  actionId: string;
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
  actionId: string;
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
  actions: Map<string, ActionState>;
  measures: Map<string, MeasureState>;
  evidence: Map<string, EvidenceState>;
  /** People's names as they were, by user id. */
  people: Map<string, string>;
  /** Agencies' short names, by id. */
  agencies: Map<string, string>;
};

export function emptyState(): ReplayedState {
  return { reviews: new Map(), recommendations: new Map(), actions: new Map(), measures: new Map(), evidence: new Map(), people: new Map(), agencies: new Map() };
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

/** The recommendation's live actions. */
export function liveActions(state: ReplayedState, recommendation: RecommendationState): ActionState[] {
  return recommendation.actionIds.map((id) => state.actions.get(id)!).filter((action) => !action.archived);
}

/** The recommendation's rolled-up values from its live actions (unchanged when it has none yet). */
function rollUpInto(state: ReplayedState, recommendation: RecommendationState) {
  const rolled = rollUp(liveActions(state, recommendation));
  if (rolled) Object.assign(recommendation, rolled);
}

/** An action of a recommendation made before actions: the one the migration made, with the recommendation's id. */
function impliedAction(recommendationId: string, implied: ImpliedAction, at: Date): ActionState {
  return {
    id: recommendationId,
    recommendationId,
    reference: '1',
    text: null,
    status: implied.status ?? 'NOT_STARTED',
    ownerAgencyId: implied.ownerAgencyId ?? '',
    leadOfficerId: implied.leadOfficerId ?? null,
    dueDate: new Date(implied.dueDate ?? at),
    originalDueDate: new Date(implied.originalDueDate ?? implied.dueDate ?? at),
    dueDateChangeReason: null,
    createdAt: at,
    updatedAt: at,
    statusChangedAt: at,
    lastProgressAt: at,
    latestNote: null,
    ragOverride: null,
    archived: false,
    version: 1,
  };
}

/** Applies one event to the state (exported for incremental replays such as monthly progress). */
export function apply(state: ReplayedState, stored: ReportEvent): void {
  const event = readEvent(stored);
  const at = event.occurredAt;
  const recommendation = event.recommendationId ? state.recommendations.get(event.recommendationId) : undefined;
  // The action an event is about: its subject for action events; for a recommendation's
  // own work events (written before actions), its one action.
  const action = event.kind.startsWith('action.')
    ? state.actions.get(event.subjectId)
    : recommendation
      ? state.actions.get(recommendation.id)
      : undefined;
  /** The action's row changed; `progress` when it counts as an update of substance (RAG's stall check). */
  const touch = (progress: boolean, target: ActionState | undefined = action) => {
    if (target) {
      target.updatedAt = at;
      if (progress) target.lastProgressAt = at;
    }
    if (recommendation) {
      recommendation.updatedAt = at;
      rollUpInto(state, recommendation);
    }
  };
  const note = (target: ActionState | undefined) => {
    if (!event.note || !target) return;
    target.latestNote = event.note;
    if (recommendation) recommendation.latestNote = event.note;
  };
  /** An event whose subject is the recommendation itself: its version moves. */
  const ownVersion = () => {
    if (recommendation && event.subjectId === recommendation.id) recommendation.version = nextVersion(event, recommendation.version);
  };
  const actionVersion = () => {
    if (action && event.kind.startsWith('action.')) action.version = nextVersion(event, action.version);
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
      const created: RecommendationState = {
        id: event.subjectId,
        reviewId: event.reviewId ?? '',
        reference: after.reference,
        text: after.text,
        status: 'NOT_STARTED',
        response: after.response,
        priority: after.priority,
        ownerAgencyId: '',
        leadOfficerId: null,
        findingIds: [...after.findingIds],
        dueDate: at,
        originalDueDate: at,
        createdAt: at,
        updatedAt: at,
        statusChangedAt: at,
        lastProgressAt: at,
        latestNote: null,
        actionIds: [],
        archived: false,
        version: event.subjectVersion ?? 1,
      };
      state.recommendations.set(event.subjectId, created);
      if (after.impliedAction) {
        state.actions.set(created.id, impliedAction(created.id, after.impliedAction, at));
        created.actionIds.push(created.id);
        rollUpInto(state, created);
      }
      return;
    }
    case 'recommendation.updated': {
      if (!recommendation) return;
      const after = event.after;
      if (after.reference !== undefined) recommendation.reference = after.reference;
      if (after.text !== undefined) recommendation.text = after.text;
      if (after.response !== undefined) recommendation.response = after.response;
      if (after.priority !== undefined) recommendation.priority = after.priority;
      if (after.findingIds !== undefined) recommendation.findingIds = [...after.findingIds];
      if (after.impliedAction && action) {
        if (after.impliedAction.ownerAgencyId !== undefined) action.ownerAgencyId = after.impliedAction.ownerAgencyId;
        if (after.impliedAction.leadOfficerId !== undefined) action.leadOfficerId = after.impliedAction.leadOfficerId;
      }
      ownVersion();
      // Version 1 carried a progress note here (before recommendation.progress_updated existed).
      if (after.progressNote !== undefined) {
        if (action) action.latestNote = after.progressNote;
        recommendation.latestNote = after.progressNote;
      }
      touch(after.progressNote !== undefined);
      return;
    }
    case 'recommendation.status_changed': {
      if (!recommendation) return;
      // A reviewer's decision; before actions, any move. The recommendation's one
      // action (made by the migration) moves with it; other actions have their own events.
      const moves = action !== undefined && !action.archived && action.status === event.before.status;
      if (moves) {
        action.status = event.after.status;
        action.statusChangedAt = at;
      }
      note(moves ? action : undefined);
      if (event.note && recommendation) recommendation.latestNote = event.note;
      ownVersion();
      touch(true, moves ? action : undefined);
      return;
    }
    case 'recommendation.progress_updated':
    case 'action.progress_updated':
      if (!action) return;
      note(action);
      if (event.kind === 'recommendation.progress_updated') ownVersion();
      actionVersion();
      touch(true);
      return;
    case 'recommendation.due_date_changed':
    case 'action.due_date_changed':
      if (!action) return;
      action.dueDate = new Date(event.after.dueDate);
      action.dueDateChangeReason = event.note;
      if (event.kind === 'recommendation.due_date_changed') ownVersion();
      actionVersion();
      touch(false);
      return;
    case 'recommendation.rag_overridden':
    case 'action.rag_overridden':
      if (!action) return;
      action.ragOverride = event.after.rating;
      if (event.kind === 'recommendation.rag_overridden') ownVersion();
      actionVersion();
      touch(false);
      return;
    case 'recommendation.rag_override_withdrawn':
    case 'action.rag_override_withdrawn':
      if (!action) return;
      action.ragOverride = null;
      if (event.kind === 'recommendation.rag_override_withdrawn') ownVersion();
      actionVersion();
      touch(false);
      return;
    case 'recommendation.archived':
      if (!recommendation) return;
      recommendation.archived = true;
      ownVersion();
      recommendation.updatedAt = at;
      return;
    case 'action.created': {
      if (!recommendation) return;
      const after = event.after;
      state.actions.set(event.subjectId, {
        id: event.subjectId,
        recommendationId: recommendation.id,
        reference: after.reference,
        text: after.text,
        status: after.status,
        ownerAgencyId: after.ownerAgencyId,
        leadOfficerId: after.leadOfficerId,
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
      recommendation.actionIds.push(event.subjectId);
      touch(false, undefined);
      return;
    }
    case 'action.updated': {
      if (!action) return;
      const after = event.after;
      if (after.reference !== undefined) action.reference = after.reference;
      if (after.text !== undefined) action.text = after.text;
      if (after.ownerAgencyId !== undefined) action.ownerAgencyId = after.ownerAgencyId;
      if (after.leadOfficerId !== undefined) action.leadOfficerId = after.leadOfficerId;
      actionVersion();
      touch(false);
      return;
    }
    case 'action.status_changed':
      if (!action) return;
      action.status = event.after.status;
      action.statusChangedAt = at;
      note(action);
      actionVersion();
      touch(true);
      return;
    case 'action.imported': {
      if (!action) return;
      const after = event.after;
      if (after.text !== undefined) action.text = after.text;
      if (after.ownerAgencyId !== undefined) action.ownerAgencyId = after.ownerAgencyId;
      if (after.leadOfficerId !== undefined) action.leadOfficerId = after.leadOfficerId;
      if (after.dueDate !== undefined) {
        action.dueDate = new Date(after.dueDate);
        action.dueDateChangeReason = event.note;
      }
      if (after.status !== undefined) {
        action.status = after.status;
        action.statusChangedAt = at;
      }
      if (after.rating !== undefined) action.ragOverride = after.rating;
      if (after.progressNote) {
        action.latestNote = after.progressNote;
        if (recommendation) recommendation.latestNote = after.progressNote;
      }
      actionVersion();
      // A new status or a progress update is progress of substance (RAG's stall check), as in the app.
      touch(after.status !== undefined || Boolean(after.progressNote));
      return;
    }
    case 'action.archived':
      if (!action) return;
      action.archived = true;
      actionVersion();
      touch(false);
      return;
    case 'measure.created': {
      if (!event.recommendationId) return;
      const actionId = event.after.actionId ?? event.recommendationId;
      state.measures.set(event.subjectId, {
        id: event.subjectId,
        recommendationId: event.recommendationId,
        actionId,
        name: event.after.name,
        unit: event.after.unit,
        target: event.after.target,
        currentValue: event.after.currentValue ?? 0,
        createdAt: at,
        updatedAt: at,
        version: event.subjectVersion ?? 1,
      });
      return;
    }
    case 'measure.updated': {
      const measure = state.measures.get(event.subjectId);
      if (!measure) return;
      measure.currentValue = event.after.currentValue;
      measure.updatedAt = at;
      measure.version = nextVersion(event, measure.version);
      touch(true, state.actions.get(measure.actionId));
      return;
    }
    case 'evidence.submitted': {
      if (!event.recommendationId) return;
      const actionId = event.after.actionId ?? event.recommendationId;
      state.evidence.set(event.subjectId, {
        id: event.subjectId,
        recommendationId: event.recommendationId,
        actionId,
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
      touch(true, state.actions.get(actionId));
      return;
    }
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
    case 'user.notice_email_changed':
    case 'agency.senior_lead_changed':
    case 'settings.notice_rules_changed':
    case 'email.retried':
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
    case 'review.plan_imported':
    case 'notice.sent':
    case 'finding.created':
    case 'finding.updated':
    case 'finding.archived':
    case 'comment.added':
      return;
    default:
      unhandledKind(event);
  }
}
