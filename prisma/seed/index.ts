// Creates the demo data: the Rochdale review (./rochdale.ts) with its full,
// back-dated 2012–2013 history, and the serious case review's current plan
// (./current-plan.ts), dated relative to the seed's `now`. The events are
// written through the history's catalogue (typed recordEvent), as the app
// writes them since actions (decision 0015): each recommendation created with
// its first action, work done on actions, a reviewer's decision on the
// recommendation. Each step is checked with the app's own rules, and the
// current value of every row (recommendations rolled up from their actions
// included) is what the reports' replay of that history gives.
import { contentSha256 } from '@/lib/audit/chain';
import { recordEvent, type HistoryEventInput } from '@/lib/audit/record-event';
import { hashPassword } from '@/lib/auth/password';
import { can, canAssess } from '@/lib/auth/permissions';
import { sealTotpSecret } from '@/lib/auth/totp-secret-at-rest';
import type { Db, Role, Tx } from '@/lib/db/client';
import { isClosed, isSetAside } from '@/lib/recommendations/status';
import { checkTransition } from '@/lib/recommendations/workflow';
import { byReference } from '@/lib/reviews/reference-order';
import { type ActionState, apply, emptyState, liveActions, type ReportEvent, replay } from '@/lib/reports/replay';
import { type EventKind, payloadToStore } from '@/lib/audit/event-catalogue';
import { currentPlan, type SeedPlan, type SeedReviewUpdate } from './current-plan';
import { DEMO_TOTP_SECRET, DEMO_TWO_FACTOR_ROLES } from './demo-two-factor';
import {
  actionIdOf,
  ACTIVITY,
  AGENCIES,
  DEMO_PASSWORD,
  FINDINGS,
  FINDINGS_CREATED_FROM,
  LATER_REVIEWS,
  MEASURES,
  MEASURES_CREATED_FROM,
  RECOMMENDATIONS,
  RECOMMENDATIONS_CREATED_FROM,
  REVIEW_ID,
  ROCHDALE_REVIEW,
  SETUP_AT,
  USERS,
  type SeedReview,
  type UserKey,
} from './rochdale';

export { DEMO_PASSWORD, DEMO_TOTP_SECRET };

export type DemoUser = { email: string; name: string; role: Role; agencyShortName: string; twoFactor: boolean };

/**
 * The demo logins (all share DEMO_PASSWORD), for a start script to print.
 * Admins and reviewers also need a code from an authenticator app holding
 * DEMO_TOTP_SECRET (./demo-two-factor.ts).
 */
export const DEMO_USERS: readonly DemoUser[] = USERS.map((user) => ({
  email: user.email,
  name: user.name,
  role: user.role,
  agencyShortName: AGENCIES.find((agency) => agency.id === user.agencyId)!.shortName,
  twoFactor: DEMO_TWO_FACTOR_ROLES.includes(user.role),
}));

/** The Rochdale review's findings, recommendations, measures and what happened next, as one plan. */
const ROCHDALE_PLAN: SeedPlan = {
  reviewId: REVIEW_ID,
  enteredBy: ROCHDALE_REVIEW.createdBy,
  findings: FINDINGS,
  findingsCreatedFrom: FINDINGS_CREATED_FROM,
  recommendations: RECOMMENDATIONS,
  recommendationsCreatedFrom: RECOMMENDATIONS_CREATED_FROM,
  measures: MEASURES,
  measuresCreatedFrom: MEASURES_CREATED_FROM,
  activity: ACTIVITY,
};

export type SeedOptions = {
  /**
   * The moment the seed runs (default: now). The current plan is dated from
   * the UK day it falls in; no event is later than it.
   */
  now?: Date;
};

/**
 * Creates the demo data unless the Rochdale review already exists, in which
 * case nothing at all is changed (a database seeded by an earlier version
 * keeps what it has). Agencies and users are created only where missing (by
 * id / e-mail); existing ones are reused, never updated. The current plan is
 * dated from `now`: no event lies after it, due dates may.
 */
export async function seedDemoData(db: Db, options: SeedOptions = {}): Promise<{ created: boolean }> {
  const now = options.now ?? new Date();
  if (await reviewExists(db)) return { created: false };
  // argon2 is slow: hash once, outside the transaction, and reuse the hash.
  const passwordHash = await hashPassword(DEMO_PASSWORD);
  return db.$transaction(
    async (tx) => {
      // Two seeds started at once: the second waits, then finds the review.
      await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext('followthrough-demo-seed'))`;
      if (await reviewExists(tx)) return { created: false };
      await createAll(tx, passwordHash, now);
      return { created: true };
    },
    { timeout: 60_000, maxWait: 60_000 },
  );
}

async function reviewExists(client: Db | Tx) {
  return (await client.review.findUnique({ where: { id: REVIEW_ID }, select: { id: true } })) !== null;
}

type PendingEvent = HistoryEventInput & { occurredAt: Date };

const minutesAfter = (start: Date, minutes: number) => new Date(start.getTime() + minutes * 60_000);

async function createAll(tx: Tx, passwordHash: string, now: Date) {
  const events: PendingEvent[] = [];
  const current = currentPlan(now);
  const plans = [ROCHDALE_PLAN, current];
  const reviewUpdates = [current.publication];

  // --- Agencies: reuse by id (or by name / short name, which are unique) -----
  const agencyIds = new Map<string, string>();
  for (const agency of AGENCIES) {
    const existing =
      (await tx.agency.findUnique({ where: { id: agency.id }, select: { id: true } })) ??
      (await tx.agency.findFirst({
        where: { OR: [{ name: agency.name }, { shortName: agency.shortName }] },
        select: { id: true },
      }));
    if (existing) {
      agencyIds.set(agency.id, existing.id);
      continue;
    }
    await tx.agency.create({ data: { ...agency, createdAt: SETUP_AT, updatedAt: SETUP_AT } });
    agencyIds.set(agency.id, agency.id);
    events.push({
      occurredAt: SETUP_AT,
      actorId: null,
      kind: 'agency.created',
      subjectId: agency.id,
      after: { name: agency.name, shortName: agency.shortName, isBoard: agency.isBoard },
    });
  }
  const agencyId = (seedId: string) => agencyIds.get(seedId)!;

  // --- Users: reuse by e-mail; the business manager creates the others -------
  const userIds = new Map<UserKey, string>();
  const created: { key: UserKey; id: string; at: Date; twoFactor: boolean }[] = [];
  for (const [i, user] of USERS.entries()) {
    const existing = await tx.user.findUnique({ where: { email: user.email }, select: { id: true } });
    if (existing) {
      userIds.set(user.key, existing.id);
      continue;
    }
    const createdAt = minutesAfter(SETUP_AT, 10 + i);
    // Admins and reviewers must sign in with two-factor: enrolled with the demo secret.
    const twoFactor = DEMO_TWO_FACTOR_ROLES.includes(user.role);
    const row = await tx.user.create({
      data: {
        email: user.email,
        name: user.name,
        role: user.role,
        agencyId: agencyId(user.agencyId),
        passwordHash,
        createdAt,
        updatedAt: createdAt,
      },
      select: { id: true },
    });
    if (twoFactor) {
      // Sealed for this user (lib/auth/totp-secret-at-rest.ts), so it needs the row's id first.
      await tx.user.update({ where: { id: row.id }, data: { totpSecret: sealTotpSecret(row.id, DEMO_TOTP_SECRET), totpEnabledAt: createdAt, updatedAt: createdAt } });
    }
    userIds.set(user.key, row.id);
    created.push({ key: user.key, id: row.id, at: createdAt, twoFactor });
  }
  const userId = (key: UserKey) => userIds.get(key)!;
  for (const user of created) {
    const seedUser = USERS.find((u) => u.key === user.key)!;
    const agency = AGENCIES.find((a) => a.id === seedUser.agencyId)!;
    events.push({
      occurredAt: user.at,
      actorId: user.key === 'admin' ? null : userId('admin'),
      kind: 'user.created',
      subjectId: user.id,
      after: {
        email: seedUser.email,
        name: seedUser.name,
        role: seedUser.role,
        agencyId: agencyId(seedUser.agencyId),
        agencyName: agency.name,
        active: true,
      },
    });
    if (user.twoFactor) {
      events.push({
        occurredAt: user.at,
        actorId: user.id,
        kind: 'user.two_factor_enabled',
        subjectId: user.id,
        after: { method: 'authenticator app', recoveryCodes: 0 },
        note: 'Demo data: enrolled with the demo secret',
      });
    }
  }

  // --- The reviews' history, checked against the app's rules -------------------
  const history = reviewHistory(agencyId, userId, plans, reviewUpdates);
  events.push(...history);
  const late = events.find((event) => event.occurredAt > now);
  if (late) throw new Error(`Seed data: a ${late.kind} event at ${late.occurredAt.toISOString()} is after now (${now.toISOString()})`);
  // Every current value is what the history says: the rows below come from
  // the reports' own replay of these events, not from a second computation.
  const state = replay(history.map(asStored), now);

  for (const review of [ROCHDALE_REVIEW, ...LATER_REVIEWS]) {
    const updates = reviewUpdates.filter((update) => update.reviewId === review.id);
    const fields = updates.reduce((before, update) => ({ ...before, ...update.changes }), reviewFields(review));
    const replayed = state.reviews.get(review.id)!;
    if (replayed.title !== fields.title || replayed.status !== fields.status) throw new Error(`Seed data: review ${review.id} differs from its replay`);
    const updatedAt = updates.at(-1)?.at ?? review.createdAt;
    await tx.review.create({ data: { id: review.id, ...fields, version: replayed.version, createdAt: review.createdAt, updatedAt } });
  }
  for (const plan of plans) {
    for (const [i, finding] of plan.findings.entries()) {
      const createdAt = minutesAfter(plan.findingsCreatedFrom, i);
      await tx.finding.create({ data: { id: finding.id, reviewId: plan.reviewId, ...findingFields(finding), createdAt, updatedAt: createdAt } });
    }
  }
  for (const rec of state.recommendations.values()) {
    // Its status, lead, dates and progress times are rolled up from its actions by the replay, as refreshRecommendation does.
    await tx.recommendation.create({
      data: {
        id: rec.id,
        reviewId: rec.reviewId,
        reference: rec.reference,
        text: rec.text,
        response: rec.response,
        priority: rec.priority,
        ownerAgencyId: rec.ownerAgencyId,
        leadOfficerId: rec.leadOfficerId,
        originalDueDate: rec.originalDueDate,
        dueDate: rec.dueDate,
        status: rec.status,
        statusChangedAt: rec.statusChangedAt,
        lastProgressAt: rec.lastProgressAt,
        archivedAt: rec.archived ? rec.updatedAt : null,
        version: rec.version,
        createdAt: rec.createdAt,
        updatedAt: rec.updatedAt,
        findings: { connect: rec.findingIds.map((id) => ({ id })) },
      },
    });
  }
  for (const action of state.actions.values()) {
    // The replay keeps the rating; who set it, when and why are in its event.
    const override = action.ragOverride ? latestOverride(history, action.id) : null;
    await tx.action.create({
      data: {
        id: action.id,
        recommendationId: action.recommendationId,
        reference: action.reference,
        text: action.text,
        ownerAgencyId: action.ownerAgencyId,
        leadOfficerId: action.leadOfficerId,
        originalDueDate: action.originalDueDate,
        dueDate: action.dueDate,
        dueDateChangeReason: action.dueDateChangeReason,
        status: action.status,
        statusChangedAt: action.statusChangedAt,
        lastProgressAt: action.lastProgressAt,
        progressNote: action.latestNote,
        ragOverride: action.ragOverride,
        ragOverrideJustification: override?.justification ?? null,
        ragOverrideById: override?.byId ?? null,
        ragOverrideAt: override?.at ?? null,
        archivedAt: action.archived ? action.updatedAt : null,
        version: action.version,
        createdAt: action.createdAt,
        updatedAt: action.updatedAt,
      },
    });
  }
  for (const measure of state.measures.values()) {
    await tx.measure.create({
      data: {
        id: measure.id,
        recommendationId: measure.recommendationId,
        actionId: measure.actionId,
        name: measure.name,
        unit: measure.unit,
        target: measure.target,
        currentValue: measure.currentValue,
        version: measure.version,
        createdAt: measure.createdAt,
        updatedAt: measure.updatedAt,
      },
    });
  }
  for (const activity of plans.flatMap((plan) => plan.activity)) {
    if (activity.type === 'evidence') {
      const evidence = state.evidence.get(activity.id)!;
      await tx.evidence.create({
        data: {
          id: activity.id,
          recommendationId: evidence.recommendationId,
          actionId: evidence.actionId,
          title: evidence.title,
          description: activity.description,
          kind: evidence.kind,
          url: activity.url,
          submittedById: evidence.submittedById!,
          submittedAt: evidence.submittedAt,
          assessment: evidence.assessment,
          assessedById: evidence.assessedById,
          assessedAt: evidence.assessedAt,
          assessmentComment: evidence.assessmentComment,
          version: evidence.version,
        },
      });
    } else if (activity.type === 'comment') {
      await tx.comment.create({
        data: { id: activity.id, recommendationId: activity.recommendationId, authorId: userId(activity.by), body: activity.body, createdAt: activity.at },
      });
    }
  }

  // Append in time order, so that event ids follow time as they do in the app.
  events.sort((a, b) => a.occurredAt.getTime() - b.occurredAt.getTime());
  for (const event of events) await recordEvent(tx, event);
}

/** Who last overrode an action's RAG rating, when and why, from its history. */
function latestOverride(history: readonly PendingEvent[], actionId: string) {
  const event = history.findLast((e) => e.subjectId === actionId && e.kind === 'action.rag_overridden');
  if (!event || event.kind !== 'action.rag_overridden') throw new Error(`Seed data: no RAG override event for ${actionId}`);
  return { justification: event.after!.justification, byId: event.actorId, at: event.occurredAt };
}

function reviewFields(review: SeedReview) {
  return {
    title: review.title,
    kind: review.kind,
    commissioningBody: review.commissioningBody,
    periodStart: review.periodStart,
    periodEnd: review.periodEnd,
    publishedOn: review.publishedOn,
    status: review.status,
    summary: review.summary,
    sourceUrl: review.sourceUrl,
  };
}

const findingFields = (finding: (typeof FINDINGS)[number]) => ({
  reference: finding.reference,
  text: finding.text,
  theme: finding.theme,
  severity: finding.severity,
});

/** An event as it will be stored (its payload as the catalogue stores it), for the replay. */
function asStored(event: PendingEvent, index: number): ReportEvent {
  const payload = payloadToStore<EventKind>(event.kind, event.before as never, event.after as never);
  return {
    id: index + 1,
    occurredAt: event.occurredAt,
    kind: event.kind,
    subjectId: event.subjectId,
    subjectVersion: event.subjectVersion ?? null,
    reviewId: event.reviewId ?? null,
    recommendationId: event.recommendationId ?? null,
    actorId: event.actorId,
    before: payload.before,
    after: payload.after,
    note: event.note ?? null,
  };
}

/**
 * The events of the demo reviews, in time order within each plan: their
 * creation, each plan's publication, findings, recommendations and measures,
 * then every step of its activity. Each step is checked, against the state the
 * shared replay gives just before it, with the rules the app's use cases
 * enforce (who may act, the status workflow at the level each move is made,
 * nobody assesses or verifies their own evidence, a closed action has no
 * rating to override). Exported for the seed's own tests.
 */
export function reviewHistory(
  agencyId: (seedId: string) => string,
  userId: (key: UserKey) => string,
  plans: readonly SeedPlan[],
  reviewUpdates: readonly SeedReviewUpdate[],
): PendingEvent[] {
  const events: PendingEvent[] = [];
  const state = emptyState();
  const push = (event: PendingEvent) => {
    events.push(event);
    apply(state, asStored(event, events.length - 1));
  };
  const fail = (message: string): never => {
    throw new Error(`Seed data: ${message}`);
  };
  const actor = (key: UserKey) => {
    const user = USERS.find((u) => u.key === key)!;
    return { id: userId(key), role: user.role, agencyId: agencyId(user.agencyId) };
  };
  const recommendation = (id: string) => state.recommendations.get(id) ?? fail(`no recommendation ${id}`);
  /** A recommendation's live action, by its reference ('1' when not named), as findLiveAction finds it. */
  const action = (recommendationId: string, reference?: string) => {
    const found = state.actions.get(actionIdOf(recommendationId, reference));
    return found && !found.archived && !recommendation(recommendationId).archived ? found : fail(`no live action ${reference ?? '1'} of ${recommendationId}`);
  };
  /** An action (or recommendation) with its evidence, as the workflow checks it. */
  const withEvidence = <T extends { status: ActionState['status']; ownerAgencyId: string }>(record: T, evidenceOf: (e: { recommendationId: string; actionId: string }) => boolean) => ({
    ...record,
    evidence: [...state.evidence.values()].filter(evidenceOf).map((e) => ({ assessment: e.assessment, submittedById: e.submittedById ?? '' })),
  });
  const allow = (ok: boolean, what: string) => ok || fail(what);
  /** Each review's fields as they stand, for the `before` of its updates. */
  const reviews = new Map([ROCHDALE_REVIEW, ...LATER_REVIEWS].map((review) => [review.id, { ...reviewFields(review), createdAt: review.createdAt }]));
  /** Each action's RAG override justification, for the `before` of the next override. */
  const justifications = new Map<string, string | null>();

  for (const review of [ROCHDALE_REVIEW, ...LATER_REVIEWS]) {
    allow(can(actor(review.createdBy), 'review:create'), `${review.createdBy} may not create reviews`);
    push({ occurredAt: review.createdAt, actorId: userId(review.createdBy), kind: 'review.created', subjectVersion: 1, subjectId: review.id, after: reviewFields(review), reviewId: review.id });
  }

  let previousPlanEnd = new Date(0);
  for (const plan of plans) {
    const entering = actor(plan.enteredBy);
    const review = reviews.get(plan.reviewId) ?? fail(`no review ${plan.reviewId}`);
    // As the app's review edit records it: the changed fields, before and after.
    for (const update of reviewUpdates.filter((u) => u.reviewId === plan.reviewId)) {
      allow(can(actor(update.by), 'review:edit'), `${update.by} may not edit reviews`);
      if (update.at < review.createdAt || update.at < previousPlanEnd) fail(`update of ${plan.reviewId} out of order`);
      const keys = Object.keys(update.changes) as (keyof typeof update.changes)[];
      push({
        occurredAt: update.at,
        actorId: userId(update.by),
        kind: 'review.updated',
        subjectVersion: state.reviews.get(plan.reviewId)!.version + 1,
        subjectId: plan.reviewId,
        before: Object.fromEntries(keys.map((key) => [key, review[key] ?? null])),
        after: Object.fromEntries(keys.map((key) => [key, update.changes[key] ?? null])),
        reviewId: plan.reviewId,
      });
      Object.assign(review, update.changes);
    }
    if (plan.findingsCreatedFrom < previousPlanEnd) fail(`plan of ${plan.reviewId} starts before the one before it ends`);
    allow(can(entering, 'finding:edit') && can(entering, 'recommendation:edit'), `${plan.enteredBy} may not enter findings and recommendations`);

    for (const [i, finding] of plan.findings.entries()) {
      push({ occurredAt: minutesAfter(plan.findingsCreatedFrom, i), actorId: entering.id, kind: 'finding.created', subjectVersion: 1, subjectId: finding.id, after: findingFields(finding), reviewId: plan.reviewId });
    }
    for (const [i, rec] of plan.recommendations.entries()) {
      const findings = rec.answers.map((reference) => plan.findings.find((f) => f.reference === reference) ?? fail(`no finding ${reference}`));
      findings.sort(byReference);
      const createdAt = minutesAfter(plan.recommendationsCreatedFrom, i);
      const scope = { reviewId: plan.reviewId, recommendationId: rec.id };
      push({
        occurredAt: createdAt,
        actorId: entering.id,
        kind: 'recommendation.created',
        subjectVersion: 1,
        subjectId: rec.id,
        // As createRecommendation records it: the fields and the links (ids and names); the owner, dates and status are its actions'.
        after: {
          reference: rec.reference,
          text: rec.text,
          response: rec.response,
          priority: rec.priority,
          findingIds: findings.map((f) => f.id),
          findings: findings.map((f) => f.reference),
        },
        ...scope,
      });
      if (rec.actions.length === 0) fail(`${rec.id} has no action`);
      if (rec.actions[0]!.reference !== '1') fail(`${rec.id}'s first action is not '1'`);
      // Demo data: joint work says what each agency does.
      if (rec.actions.length > 1 && rec.actions.some((a) => a.text === null)) fail(`${rec.id} is joint work: each action needs its own text`);
      if (new Set(rec.actions.map((a) => a.reference)).size !== rec.actions.length) fail(`${rec.id} has two actions of one reference`);
      // Its first action in the same transaction (as createRecommendation does), the others as a reviewer adds them then.
      allow(can(entering, 'recommendation:assign-owner'), `${plan.enteredBy} may not assign actions to agencies`);
      for (const seedAction of rec.actions) {
        const lead = USERS.find((u) => u.key === seedAction.leadOfficer)!;
        // As checkOwner requires: the lead officer works for the owner agency.
        if (lead.agencyId !== seedAction.ownerAgencyId) fail(`${rec.id}.${seedAction.reference}'s lead officer works for another agency`);
        push({
          occurredAt: createdAt,
          actorId: entering.id,
          kind: 'action.created',
          subjectVersion: 1,
          subjectId: actionIdOf(rec.id, seedAction.reference),
          // As insertAction records it.
          after: {
            reference: seedAction.reference,
            text: seedAction.text,
            ownerAgencyId: agencyId(seedAction.ownerAgencyId),
            ownerAgency: AGENCIES.find((a) => a.id === seedAction.ownerAgencyId)!.shortName,
            leadOfficerId: userId(seedAction.leadOfficer),
            leadOfficer: lead.name,
            status: 'NOT_STARTED',
            dueDate: seedAction.originalDueDate,
            originalDueDate: seedAction.originalDueDate,
          },
          ...scope,
        });
      }
    }
    for (const [i, measure] of plan.measures.entries()) {
      const target = action(measure.recommendationId, measure.action);
      // As createMeasure requires.
      allow(can(entering, 'recommendation:edit', target), `${plan.enteredBy} may not add measures`);
      push({
        occurredAt: minutesAfter(plan.measuresCreatedFrom, i),
        actorId: entering.id,
        kind: 'measure.created',
        subjectVersion: 1,
        subjectId: measure.id,
        after: { actionId: target.id, name: measure.name, unit: measure.unit, target: measure.target },
        reviewId: plan.reviewId,
        recommendationId: measure.recommendationId,
      });
    }

    let previous = new Date(0);
    for (const activity of plan.activity) {
      if (activity.at < previous) fail(`activity out of order at ${activity.at.toISOString()}`);
      if (activity.at < plan.recommendationsCreatedFrom || activity.at < plan.measuresCreatedFrom) fail('activity before the recommendations exist');
      previous = activity.at;
      const by = actor(activity.by);
      const scope = { occurredAt: activity.at, actorId: by.id, reviewId: plan.reviewId };
      switch (activity.type) {
        case 'status': {
          // A work move, on the action (as updateProgress makes it).
          const target = action(activity.recommendationId, activity.action);
          allow(can(by, 'recommendation:update-progress', target), `${activity.by} may not update ${target.id}`);
          const check = checkTransition(withEvidence(target, (e) => e.actionId === target.id), activity.to, by, 'action');
          if (!check.allowed) fail(`${target.id} to ${activity.to} by ${activity.by}: ${check.reason}`);
          push({
            ...scope,
            kind: 'action.status_changed',
            subjectVersion: target.version + 1,
            subjectId: target.id,
            recommendationId: activity.recommendationId,
            before: { status: target.status },
            after: { status: activity.to },
            note: activity.note,
          });
          break;
        }
        case 'decision': {
          // A reviewer's decision on the whole recommendation, as decideRecommendation makes it: the decision,
          // then each unfinished action closed with it (or, reopening, each action the decision closed).
          const rec = recommendation(activity.recommendationId);
          const check = checkTransition(withEvidence(rec, (e) => e.recommendationId === rec.id), activity.to, by, 'recommendation');
          if (!check.allowed) fail(`${rec.id} to ${activity.to} by ${activity.by}: ${check.reason}`);
          const reopening = isSetAside(rec.status);
          // Taken before the decision is applied: as each action stood.
          const moving = liveActions(state, rec)
            .filter((a) => (reopening ? a.status === rec.status : !isClosed(a.status)))
            .map((a) => ({ id: a.id, status: a.status, version: a.version }));
          const decided = { ...scope, recommendationId: rec.id, after: { status: activity.to }, note: activity.note };
          push({ ...decided, kind: 'recommendation.status_changed', subjectVersion: rec.version + 1, subjectId: rec.id, before: { status: rec.status } });
          for (const moved of moving) {
            push({ ...decided, kind: 'action.status_changed', subjectVersion: moved.version + 1, subjectId: moved.id, before: { status: moved.status } });
          }
          break;
        }
        case 'progress_note': {
          const target = action(activity.recommendationId, activity.action);
          allow(can(by, 'recommendation:update-progress', target), `${activity.by} may not update ${target.id}`);
          push({
            ...scope,
            kind: 'action.progress_updated',
            subjectVersion: target.version + 1,
            subjectId: target.id,
            recommendationId: activity.recommendationId,
            note: activity.note,
          });
          break;
        }
        case 'due_date': {
          const target = action(activity.recommendationId, activity.action);
          allow(can(by, 'recommendation:change-due-date', target), `${activity.by} may not move due dates`);
          if (!activity.reason.trim()) fail(`moving ${target.id}'s due date needs a reason`);
          push({
            ...scope,
            kind: 'action.due_date_changed',
            subjectVersion: target.version + 1,
            subjectId: target.id,
            recommendationId: activity.recommendationId,
            before: { dueDate: target.dueDate },
            after: { dueDate: activity.to },
            note: activity.reason,
          });
          break;
        }
        case 'rag_override': {
          const target = action(activity.recommendationId, activity.action);
          allow(can(by, 'recommendation:override-rag', target), `${activity.by} may not override RAG ratings`);
          if (isClosed(target.status)) fail(`${target.id} is closed: it has no RAG rating to override`);
          if (!activity.justification.trim()) fail(`overriding ${target.id}'s RAG rating needs a justification`);
          // As overrideRag records it: the rating and justification before and after, the justification as the note.
          push({
            ...scope,
            kind: 'action.rag_overridden',
            subjectVersion: target.version + 1,
            subjectId: target.id,
            recommendationId: activity.recommendationId,
            before: { rating: target.ragOverride, justification: justifications.get(target.id) ?? null },
            after: { rating: activity.rating, justification: activity.justification },
            note: activity.justification,
          });
          justifications.set(target.id, activity.justification);
          break;
        }
        case 'measure': {
          const measure = state.measures.get(activity.measureId) ?? fail(`no measure ${activity.measureId}`);
          const target = state.actions.get(measure.actionId) ?? fail(`no action ${measure.actionId}`);
          allow(can(by, 'recommendation:update-progress', target), `${activity.by} may not update ${activity.measureId}`);
          if (measure.currentValue === activity.value) fail(`${activity.measureId} is already ${activity.value}`);
          push({
            ...scope,
            kind: 'measure.updated',
            subjectVersion: measure.version + 1,
            subjectId: measure.id,
            recommendationId: measure.recommendationId,
            before: { currentValue: measure.currentValue, name: measure.name },
            after: { currentValue: activity.value, name: measure.name },
            note: activity.note,
          });
          break;
        }
        case 'evidence': {
          if (state.evidence.has(activity.id)) fail(`evidence ${activity.id} submitted twice`);
          const target = action(activity.recommendationId, activity.action);
          allow(can(by, 'evidence:submit', target), `${activity.by} may not add evidence to ${target.id}`);
          push({
            ...scope,
            kind: 'evidence.submitted',
            subjectVersion: 1,
            subjectId: activity.id,
            recommendationId: activity.recommendationId,
            after: { actionId: target.id, title: activity.title, kind: activity.kind, url: activity.url },
            note: activity.description || null,
          });
          break;
        }
        case 'assessment': {
          const evidence = state.evidence.get(activity.evidenceId) ?? fail(`no evidence ${activity.evidenceId} yet`);
          allow(canAssess(by, { submittedById: evidence.submittedById ?? '' }), `${activity.by} may not assess ${evidence.id}`);
          if (evidence.assessment !== 'PENDING') fail(`${evidence.id} assessed twice`);
          push({
            ...scope,
            kind: 'evidence.assessed',
            subjectVersion: evidence.version + 1,
            subjectId: evidence.id,
            recommendationId: evidence.recommendationId,
            before: { assessment: evidence.assessment, title: evidence.title },
            after: { assessment: activity.assessment, title: evidence.title },
            note: activity.comment,
          });
          break;
        }
        case 'comment':
          allow(can(by, 'comment:add', recommendation(activity.recommendationId)), `${activity.by} may not comment on ${activity.recommendationId}`);
          push({ ...scope, kind: 'comment.added', subjectId: activity.id, recommendationId: activity.recommendationId, after: { bodySha256: contentSha256(activity.body) }, note: null });
          break;
      }
    }
    previousPlanEnd = previous;
  }
  return events;
}
