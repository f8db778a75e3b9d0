// Creates the Rochdale demo data (./rochdale.ts) with its full, back-dated
// history. The current value of every row is what replaying that history gives:
// the rows are derived from the same ACTIVITY list the events are written from.
import { recordEvent, type HistoryEventInput } from '@/lib/audit/record-event';
import { hashPassword } from '@/lib/auth/password';
import type { Assessment, Db, RecommendationStatus, Role, Tx } from '@/lib/db/client';
import { checkTransition } from '@/lib/recommendations/workflow';
import { DEMO_TOTP_SECRET, DEMO_TWO_FACTOR_ROLES } from './demo-two-factor';
import {
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

/**
 * Creates the demo data unless the Rochdale review already exists, in which
 * case nothing at all is changed. Agencies and users are created only where
 * missing (by id / e-mail); existing ones are reused, never updated.
 */
export async function seedDemoData(db: Db): Promise<{ created: boolean }> {
  if (await reviewExists(db)) return { created: false };
  // argon2 is slow: hash once, outside the transaction, and reuse the hash.
  const passwordHash = await hashPassword(DEMO_PASSWORD);
  return db.$transaction(
    async (tx) => {
      // Two seeds started at once: the second waits, then finds the review.
      await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext('followthrough-demo-seed'))`;
      if (await reviewExists(tx)) return { created: false };
      await createAll(tx, passwordHash);
      return { created: true };
    },
    { timeout: 60_000, maxWait: 60_000 },
  );
}

async function reviewExists(client: Db | Tx) {
  return (await client.review.findUnique({ where: { id: REVIEW_ID }, select: { id: true } })) !== null;
}

type PendingEvent = HistoryEventInput & { occurredAt: Date };

const latest = (...dates: (Date | null)[]) =>
  new Date(Math.max(...dates.filter((d): d is Date => d !== null).map((d) => d.getTime())));

const minutesAfter = (start: Date, minutes: number) => new Date(start.getTime() + minutes * 60_000);

async function createAll(tx: Tx, passwordHash: string) {
  const events: PendingEvent[] = [];

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
  const created: { key: UserKey; id: string; at: Date; after: Record<string, unknown>; twoFactor: boolean }[] = [];
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
        ...(twoFactor ? { totpSecret: DEMO_TOTP_SECRET, totpEnabledAt: createdAt } : {}),
        createdAt,
        updatedAt: createdAt,
      },
      select: { id: true },
    });
    userIds.set(user.key, row.id);
    created.push({
      key: user.key,
      id: row.id,
      at: createdAt,
      after: { email: user.email, name: user.name, role: user.role, agencyId: agencyId(user.agencyId), active: true },
      twoFactor,
    });
  }
  const userId = (key: UserKey) => userIds.get(key)!;
  for (const user of created) {
    events.push({
      occurredAt: user.at,
      actorId: user.key === 'admin' ? null : userId('admin'),
      kind: 'user.created',
      subjectId: user.id,
      after: user.after,
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

  // --- Replay the activity to find where everything stands now --------------
  const state = replay();

  // --- Reviews -----------------------------------------------------------------
  for (const review of [ROCHDALE_REVIEW, ...LATER_REVIEWS]) {
    const fields = reviewFields(review);
    await tx.review.create({ data: { id: review.id, ...fields, createdAt: review.createdAt, updatedAt: review.createdAt } });
    events.push({
      occurredAt: review.createdAt,
      actorId: userId(review.createdBy),
      kind: 'review.created',
      subjectVersion: 1,
      subjectId: review.id,
      after: fields,
      reviewId: review.id,
    });
  }

  // --- Findings ------------------------------------------------------------------
  for (const [i, finding] of FINDINGS.entries()) {
    const createdAt = minutesAfter(FINDINGS_CREATED_FROM, i);
    const fields = { reference: finding.reference, text: finding.text, theme: finding.theme, severity: finding.severity };
    await tx.finding.create({ data: { id: finding.id, reviewId: REVIEW_ID, ...fields, createdAt, updatedAt: createdAt } });
    events.push({
      occurredAt: createdAt,
      actorId: userId(ROCHDALE_REVIEW.createdBy),
      kind: 'finding.created',
      subjectVersion: 1,
      subjectId: finding.id,
      after: fields,
      reviewId: REVIEW_ID,
    });
  }
  const findingId = (reference: string) => {
    const finding = FINDINGS.find((f) => f.reference === reference);
    if (!finding) throw new Error(`Seed data: no finding ${reference}`);
    return finding.id;
  };

  // --- Recommendations (current values from the replay) ------------------------
  for (const [i, rec] of RECOMMENDATIONS.entries()) {
    const createdAt = minutesAfter(RECOMMENDATIONS_CREATED_FROM, i);
    const now = state.recommendations.get(rec.id)!;
    const findingIds = rec.answers.map(findingId);
    const initial = {
      reference: rec.reference,
      text: rec.text,
      response: rec.response,
      ownerAgencyId: agencyId(rec.ownerAgencyId),
      leadOfficerId: userId(rec.leadOfficer),
      priority: rec.priority,
      originalDueDate: rec.originalDueDate,
      dueDate: rec.originalDueDate,
      status: 'NOT_STARTED' as RecommendationStatus,
    };
    await tx.recommendation.create({
      data: {
        id: rec.id,
        reviewId: REVIEW_ID,
        ...initial,
        dueDate: now.dueDate,
        dueDateChangeReason: now.dueDateChangeReason,
        status: now.status,
        statusChangedAt: now.statusChangedAt ?? createdAt,
        lastProgressAt: now.lastProgressAt ?? createdAt,
        progressNote: now.progressNote,
        version: now.version,
        createdAt,
        // Evidence and measures move lastProgressAt, which is a change to the row too.
        updatedAt: latest(createdAt, now.updatedAt, now.lastProgressAt),
        findings: { connect: findingIds.map((id) => ({ id })) },
      },
    });
    events.push({
      occurredAt: createdAt,
      actorId: userId(ROCHDALE_REVIEW.createdBy),
      kind: 'recommendation.created',
      subjectVersion: 1,
      subjectId: rec.id,
      after: { ...initial, findingIds },
      reviewId: REVIEW_ID,
      recommendationId: rec.id,
    });
  }

  // --- Measures ----------------------------------------------------------------
  for (const [i, measure] of MEASURES.entries()) {
    const createdAt = minutesAfter(MEASURES_CREATED_FROM, i);
    const now = state.measures.get(measure.id)!;
    const initial = { name: measure.name, unit: measure.unit, target: measure.target, currentValue: 0 };
    await tx.measure.create({
      data: {
        id: measure.id,
        recommendationId: measure.recommendationId,
        ...initial,
        currentValue: now.currentValue,
        version: now.version,
        createdAt,
        updatedAt: now.updatedAt ?? createdAt,
      },
    });
    events.push({
      occurredAt: createdAt,
      actorId: userId(ROCHDALE_REVIEW.createdBy),
      kind: 'measure.created',
      subjectVersion: 1,
      subjectId: measure.id,
      after: initial,
      reviewId: REVIEW_ID,
      recommendationId: measure.recommendationId,
    });
  }

  // --- Evidence, comments and the events of everything that happened ----------
  for (const activity of ACTIVITY) {
    const actorId = userId(activity.by);
    const scope = { occurredAt: activity.at, actorId, reviewId: REVIEW_ID };
    switch (activity.type) {
      case 'evidence': {
        const now = state.evidence.get(activity.id)!;
        const fields = {
          title: activity.title,
          description: activity.description,
          kind: activity.kind,
          url: activity.url,
        };
        await tx.evidence.create({
          data: {
            id: activity.id,
            recommendationId: activity.recommendationId,
            ...fields,
            submittedById: actorId,
            submittedAt: activity.at,
            assessment: now.assessment,
            assessedById: now.assessedBy ? userId(now.assessedBy) : null,
            assessedAt: now.assessedAt,
            assessmentComment: now.assessmentComment,
            version: now.version,
          },
        });
        events.push({
          ...scope,
          kind: 'evidence.submitted',
          subjectVersion: 1,
          subjectId: activity.id,
          after: { ...fields, assessment: 'PENDING' },
          recommendationId: activity.recommendationId,
        });
        break;
      }
      case 'comment':
        await tx.comment.create({
          data: {
            id: activity.id,
            recommendationId: activity.recommendationId,
            authorId: actorId,
            body: activity.body,
            createdAt: activity.at,
          },
        });
        events.push({
          ...scope,
          kind: 'comment.added',
          subjectId: activity.id,
          after: { body: activity.body },
          recommendationId: activity.recommendationId,
        });
        break;
      case 'status':
      case 'progress_note':
      case 'due_date':
      case 'measure':
      case 'assessment':
        events.push({ ...scope, ...state.events.get(activity)! });
        break;
    }
  }

  // Append in time order, so that event ids follow time as they do in the app.
  events.sort((a, b) => a.occurredAt.getTime() - b.occurredAt.getTime());
  for (const event of events) await recordEvent(tx, event);
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

// --- Replay --------------------------------------------------------------------

type RecommendationState = {
  status: RecommendationStatus;
  dueDate: Date;
  dueDateChangeReason: string | null;
  statusChangedAt: Date | null;
  lastProgressAt: Date | null;
  progressNote: string | null;
  version: number;
  updatedAt: Date | null;
};
type MeasureState = { recommendationId: string; currentValue: number; version: number; updatedAt: Date | null };
type EvidenceState = {
  recommendationId: string;
  submittedBy: UserKey;
  assessment: Assessment;
  assessedBy: UserKey | null;
  assessedAt: Date | null;
  assessmentComment: string | null;
  version: number;
};
/** The event an activity records, less its actor/time/review scope. */
type ActivityEvent = Omit<HistoryEventInput, 'actorId' | 'occurredAt' | 'reviewId'>;

/**
 * Walks ACTIVITY in order from the initial values (every recommendation
 * NOT_STARTED, every measure 0, every evidence PENDING), checking each step
 * is one the app would allow (status moves by the app's own workflow rules),
 * and returns the resulting state together with the before/after of each
 * step's event.
 */
function replay() {
  const roleOf = (key: UserKey) => USERS.find((u) => u.key === key)!;
  const recommendations = new Map<string, RecommendationState>(
    RECOMMENDATIONS.map((rec) => [
      rec.id,
      {
        status: 'NOT_STARTED',
        dueDate: rec.originalDueDate,
        dueDateChangeReason: null,
        statusChangedAt: null,
        lastProgressAt: null,
        progressNote: null,
        version: 1,
        updatedAt: null,
      },
    ]),
  );
  const measures = new Map<string, MeasureState>(
    MEASURES.map((m) => [m.id, { recommendationId: m.recommendationId, currentValue: 0, version: 1, updatedAt: null }]),
  );
  const evidence = new Map<string, EvidenceState>();
  const events = new Map<(typeof ACTIVITY)[number], ActivityEvent>();

  const fail = (message: string): never => {
    throw new Error(`Seed data: ${message}`);
  };
  const recommendation = (id: string) => recommendations.get(id) ?? fail(`no recommendation ${id}`);
  const ownerAgencyOf = (id: string) => RECOMMENDATIONS.find((r) => r.id === id)!.ownerAgencyId;
  const isReviewer = (key: UserKey) => ['REVIEWER', 'ADMIN'].includes(roleOf(key).role);
  const mayUpdate = (key: UserKey, recommendationId: string) =>
    isReviewer(key) || (roleOf(key).role === 'OWNER' && roleOf(key).agencyId === ownerAgencyOf(recommendationId));
  const touch = (rec: RecommendationState, at: Date, progress: boolean) => {
    rec.version += 1;
    rec.updatedAt = at;
    if (progress) rec.lastProgressAt = at;
  };

  let previous = new Date(0);
  for (const activity of ACTIVITY) {
    if (activity.at < previous) fail(`activity out of order at ${activity.at.toISOString()}`);
    if (activity.at < RECOMMENDATIONS_CREATED_FROM) fail(`activity before the recommendations exist`);
    previous = activity.at;
    switch (activity.type) {
      case 'status': {
        const rec = recommendation(activity.recommendationId);
        if (!mayUpdate(activity.by, activity.recommendationId)) fail(`${activity.by} may not update ${activity.recommendationId}`);
        const items = [...evidence.values()].filter((e) => e.recommendationId === activity.recommendationId);
        const check = checkTransition(rec.status, activity.to, {
          role: roleOf(activity.by).role,
          ownAgency: roleOf(activity.by).agencyId === ownerAgencyOf(activity.recommendationId),
          usableEvidenceCount: items.filter((e) => e.assessment !== 'INSUFFICIENT').length,
          acceptedEvidenceCount: items.filter((e) => e.assessment === 'ACCEPTED').length,
          actorSubmittedEvidence: items.some((e) => e.submittedBy === activity.by),
        });
        if (!check.allowed) fail(`${activity.recommendationId} to ${activity.to} by ${activity.by}: ${check.reason}`);
        events.set(activity, {
          kind: 'recommendation.status_changed',
          subjectVersion: rec.version + 1,
          subjectId: activity.recommendationId,
          recommendationId: activity.recommendationId,
          before: { status: rec.status },
          after: { status: activity.to },
          note: activity.note,
        });
        rec.status = activity.to;
        rec.statusChangedAt = activity.at;
        rec.progressNote = activity.note;
        touch(rec, activity.at, true);
        break;
      }
      case 'progress_note': {
        const rec = recommendation(activity.recommendationId);
        if (!mayUpdate(activity.by, activity.recommendationId)) fail(`${activity.by} may not update ${activity.recommendationId}`);
        events.set(activity, {
          kind: 'recommendation.progress_updated',
          subjectVersion: rec.version + 1,
          subjectId: activity.recommendationId,
          recommendationId: activity.recommendationId,
          note: activity.note,
        });
        rec.progressNote = activity.note;
        touch(rec, activity.at, true);
        break;
      }
      case 'due_date': {
        const rec = recommendation(activity.recommendationId);
        if (!isReviewer(activity.by)) fail(`${activity.by} may not move due dates`);
        events.set(activity, {
          kind: 'recommendation.due_date_changed',
          subjectVersion: rec.version + 1,
          subjectId: activity.recommendationId,
          recommendationId: activity.recommendationId,
          before: { dueDate: rec.dueDate },
          after: { dueDate: activity.to },
          note: activity.reason,
        });
        rec.dueDate = activity.to;
        rec.dueDateChangeReason = activity.reason;
        touch(rec, activity.at, false);
        break;
      }
      case 'measure': {
        const measure = measures.get(activity.measureId) ?? fail(`no measure ${activity.measureId}`);
        if (!mayUpdate(activity.by, measure.recommendationId)) fail(`${activity.by} may not update ${activity.measureId}`);
        events.set(activity, {
          kind: 'measure.updated',
          subjectVersion: measure.version + 1,
          subjectId: activity.measureId,
          recommendationId: measure.recommendationId,
          before: { currentValue: measure.currentValue },
          after: { currentValue: activity.value },
          note: activity.note,
        });
        measure.currentValue = activity.value;
        measure.version += 1;
        measure.updatedAt = activity.at;
        recommendation(measure.recommendationId).lastProgressAt = activity.at;
        break;
      }
      case 'evidence': {
        if (evidence.has(activity.id)) fail(`evidence ${activity.id} submitted twice`);
        if (!mayUpdate(activity.by, activity.recommendationId)) fail(`${activity.by} may not add evidence to ${activity.recommendationId}`);
        evidence.set(activity.id, {
          recommendationId: activity.recommendationId,
          submittedBy: activity.by,
          assessment: 'PENDING',
          assessedBy: null,
          assessedAt: null,
          assessmentComment: null,
          version: 1,
        });
        recommendation(activity.recommendationId).lastProgressAt = activity.at;
        break;
      }
      case 'assessment': {
        const item = evidence.get(activity.evidenceId) ?? fail(`no evidence ${activity.evidenceId} yet`);
        if (!isReviewer(activity.by) || item.submittedBy === activity.by || item.assessment !== 'PENDING')
          fail(`bad assessment of ${activity.evidenceId}`);
        events.set(activity, {
          kind: 'evidence.assessed',
          subjectVersion: item.version + 1,
          subjectId: activity.evidenceId,
          recommendationId: item.recommendationId,
          before: { assessment: item.assessment, assessmentComment: item.assessmentComment },
          after: { assessment: activity.assessment, assessmentComment: activity.comment },
          note: activity.comment,
        });
        item.assessment = activity.assessment;
        item.assessedBy = activity.by;
        item.assessedAt = activity.at;
        item.assessmentComment = activity.comment;
        item.version += 1;
        break;
      }
      case 'comment':
        recommendation(activity.recommendationId);
        break;
    }
  }
  return { recommendations, measures, evidence, events };
}
