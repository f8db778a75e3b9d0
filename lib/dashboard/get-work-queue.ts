import 'server-only';
import { assertCan } from '@/lib/auth/permissions';
import { evidenceScope, recommendationScope, recommendationScopeSql } from '@/lib/auth/scopes';
import type { Actor } from '@/lib/auth/session-user';
import { db, Prisma } from '@/lib/db';
import type { EvidenceKind, RecommendationStatus } from '@/lib/generated/prisma/enums';
import { addDays, type Day, ukDay } from '@/lib/days';
import { actionLabel } from '@/lib/actions/roll-up';
import { daysOverdue, isOverdue, statusesWhere } from '@/lib/recommendations/status';
import { openSql, overdueSql, overdueWhere, statusListSql } from '@/lib/recommendations/status-sql';

/** How many items each list on the dashboard shows; the rest are a "see all" link away. */
export const QUEUE_LIMIT = 10;
/** "Due soon" means due today or within this many days. */
export const DUE_SOON_DAYS = 30;

const OPEN = statusesWhere('open');
const AWAITING_VERIFICATION = statusesWhere('awaitsVerification');

export type QueueCounts = {
  /** Live recommendations in scope. */
  total: number;
  /** Not started or in progress. */
  open: number;
  overdue: number;
  dueSoon: number;
  awaitingVerification: number;
  verified: number;
};

export type QueueRecommendation = {
  id: string;
  /** For an owner's queue: the action of their agency this item is (its reference is then "R3.1"). */
  actionId?: string;
  reference: string;
  text: string;
  review: { id: string; title: string };
  ownerAgency: { id: string; shortName: string };
  status: RecommendationStatus;
  dueDate: Date;
  overdue: boolean;
  daysOverdue: number;
  statusChangedAt: Date;
};

export type QueueEvidence = {
  id: string;
  title: string;
  kind: EvidenceKind;
  submittedAt: Date;
  submittedBy: string;
  assessedAt: Date | null;
  assessedBy: string | null;
  assessmentComment: string | null;
  recommendation: QueueRecommendation;
};

/** A bounded list and how many there are in all. */
export type QueueList<T> = { items: T[]; total: number };

export type WorkQueue =
  | {
      kind: 'owner';
      agency: { id: string; name: string };
      counts: QueueCounts;
      /** The agency's open actions, overdue first (soonest due first is the same order). */
      open: QueueList<QueueRecommendation>;
      /** Evidence on the agency's unfinished actions that a reviewer found insufficient. */
      insufficientEvidence: QueueList<QueueEvidence>;
    }
  | {
      kind: 'reviewer';
      counts: QueueCounts;
      awaitingVerification: QueueList<QueueRecommendation>;
      /** Pending evidence this user may assess: never their own submissions. */
      pendingEvidence: QueueList<QueueEvidence> & { ownSubmissions: number };
      overdue: QueueList<QueueRecommendation>;
    }
  | { kind: 'viewer'; counts: QueueCounts };

const recommendationSelect = {
  id: true,
  reference: true,
  text: true,
  status: true,
  dueDate: true,
  statusChangedAt: true,
  review: { select: { id: true, title: true } },
  ownerAgency: { select: { id: true, shortName: true } },
} satisfies Prisma.RecommendationSelect;

const evidenceSelect = {
  id: true,
  title: true,
  kind: true,
  submittedAt: true,
  assessedAt: true,
  assessmentComment: true,
  submittedBy: { select: { name: true } },
  assessedBy: { select: { name: true } },
  recommendation: { select: recommendationSelect },
} satisfies Prisma.EvidenceSelect;

const actionSelect = {
  id: true,
  reference: true,
  text: true,
  status: true,
  dueDate: true,
  statusChangedAt: true,
  ownerAgency: { select: { id: true, shortName: true } },
  recommendation: { select: { id: true, reference: true, text: true, review: { select: { id: true, title: true } } } },
} satisfies Prisma.ActionSelect;

type RecommendationRow = Prisma.RecommendationGetPayload<{ select: typeof recommendationSelect }>;
type ActionRow = Prisma.ActionGetPayload<{ select: typeof actionSelect }>;
type EvidenceRow = Prisma.EvidenceGetPayload<{ select: typeof evidenceSelect }>;


/**
 * What needs this user now, by role: an owner sees their own agency's work
 * (from the session, never the request); reviewers and admins what awaits
 * their assessment or verification; viewers partnership-wide counts only.
 */
export async function getWorkQueue(actor: Actor, now = new Date()): Promise<WorkQueue> {
  assertCan(actor, 'review:read');
  // What the user may see; archived records drop out of every queue.
  const visible = recommendationScope(actor);
  const today = ukDay(now);
  const toRecommendation = (row: RecommendationRow) => queueRecommendation(row, today);
  const toEvidence = (row: EvidenceRow) => queueEvidence(row, today);

  switch (actor.role) {
    case 'OWNER': {
      // An owner's work is their agency's actions, whichever agency leads the recommendation.
      const ownActions: Prisma.ActionWhereInput = { archivedAt: null, ownerAgencyId: actor.agencyId, recommendation: visible };
      const insufficientWhere: Prisma.EvidenceWhereInput = {
        archivedAt: null,
        assessment: 'INSUFFICIENT',
        // Still worth acting on: the action is not closed.
        action: { AND: [ownActions, { status: { in: statusesWhere('closed', false) } }] },
      };
      const [agency, counts, open, insufficient, insufficientTotal] = await Promise.all([
        db.agency.findUniqueOrThrow({ where: { id: actor.agencyId }, select: { id: true, name: true } }),
        countActions(actor, today, actor.agencyId),
        db.action.findMany({
          where: { AND: [ownActions, { status: { in: OPEN } }] },
          orderBy: [{ dueDate: 'asc' }, { id: 'asc' }],
          take: QUEUE_LIMIT,
          select: actionSelect,
        }),
        db.evidence.findMany({
          where: insufficientWhere,
          orderBy: [{ assessedAt: { sort: 'desc', nulls: 'last' } }, { id: 'asc' }],
          take: QUEUE_LIMIT,
          select: evidenceSelect,
        }),
        db.evidence.count({ where: insufficientWhere }),
      ]);
      return {
        kind: 'owner',
        agency,
        counts,
        open: { items: open.map((row) => queueAction(row, today)), total: counts.open },
        insufficientEvidence: { items: insufficient.map(toEvidence), total: insufficientTotal },
      };
    }

    case 'REVIEWER':
    case 'ADMIN': {
      const pending: Prisma.EvidenceWhereInput = { AND: [evidenceScope(actor), { assessment: 'PENDING' }] };
      // Nobody assesses their own evidence (PRODUCT.md): leave it to someone else.
      const assessable: Prisma.EvidenceWhereInput = { AND: [pending, { submittedById: { not: actor.id } }] };
      const [counts, awaiting, overdue, evidence, evidenceCounts] = await Promise.all([
        countRecommendations(actor, today),
        db.recommendation.findMany({
          where: { AND: [visible, { status: { in: AWAITING_VERIFICATION } }] },
          // Waiting longest first.
          orderBy: [{ statusChangedAt: 'asc' }, { id: 'asc' }],
          take: QUEUE_LIMIT,
          select: recommendationSelect,
        }),
        db.recommendation.findMany({
          where: { AND: [visible, overdueWhere(today)] },
          orderBy: [{ dueDate: 'asc' }, { id: 'asc' }],
          take: QUEUE_LIMIT,
          select: recommendationSelect,
        }),
        db.evidence.findMany({
          where: assessable,
          orderBy: [{ submittedAt: 'asc' }, { id: 'asc' }],
          take: QUEUE_LIMIT,
          select: evidenceSelect,
        }),
        countPendingEvidence(actor),
      ]);
      return {
        kind: 'reviewer',
        counts,
        awaitingVerification: { items: awaiting.map(toRecommendation), total: counts.awaitingVerification },
        pendingEvidence: { items: evidence.map(toEvidence), ...evidenceCounts },
        overdue: { items: overdue.map(toRecommendation), total: counts.overdue },
      };
    }

    case 'VIEWER':
      return { kind: 'viewer', counts: await countRecommendations(actor, today) };
  }
}

/** Every count the dashboard shows, in one pass over the (optionally one agency's) live recommendations. */
async function countRecommendations(actor: Actor, today: Day, agencyId?: string): Promise<QueueCounts> {
  const soon = addDays(today, DUE_SOON_DAYS);
  const agency = agencyId === undefined ? Prisma.empty : Prisma.sql`AND r."ownerAgencyId" = ${agencyId}`;
  const open = openSql('r');
  const [row] = await db.$queryRaw<QueueCounts[]>`
    SELECT count(*)::int AS total,
           count(*) FILTER (WHERE ${open})::int AS open,
           count(*) FILTER (WHERE ${overdueSql('r', today)})::int AS overdue,
           count(*) FILTER (WHERE ${open} AND r."dueDate" >= ${today}::date AND r."dueDate" <= ${soon}::date)::int AS "dueSoon",
           count(*) FILTER (WHERE r.status IN ${statusListSql(AWAITING_VERIFICATION)})::int AS "awaitingVerification",
           count(*) FILTER (WHERE r.status = 'VERIFIED')::int AS verified
    FROM "Recommendation" r
    JOIN "Review" v ON v.id = r."reviewId"
    WHERE ${recommendationScopeSql(actor)} ${agency}`;
  return row ?? { total: 0, open: 0, overdue: 0, dueSoon: 0, awaitingVerification: 0, verified: 0 };
}

/** The dashboard's counts over one agency's live actions (of live recommendations): an owner's work. One query. */
async function countActions(actor: Actor, today: Day, agencyId: string): Promise<QueueCounts> {
  const soon = addDays(today, DUE_SOON_DAYS);
  const open = openSql('x');
  const [row] = await db.$queryRaw<QueueCounts[]>`
    SELECT count(*)::int AS total,
           count(*) FILTER (WHERE ${open})::int AS open,
           count(*) FILTER (WHERE ${overdueSql('x', today)})::int AS overdue,
           count(*) FILTER (WHERE ${open} AND x."dueDate" >= ${today}::date AND x."dueDate" <= ${soon}::date)::int AS "dueSoon",
           count(*) FILTER (WHERE x.status IN ${statusListSql(AWAITING_VERIFICATION)})::int AS "awaitingVerification",
           count(*) FILTER (WHERE x.status = 'VERIFIED')::int AS verified
    FROM "Action" x
    JOIN "Recommendation" r ON r.id = x."recommendationId"
    JOIN "Review" v ON v.id = r."reviewId"
    WHERE x."archivedAt" IS NULL AND x."ownerAgencyId" = ${agencyId} AND ${recommendationScopeSql(actor)}`;
  return row ?? { total: 0, open: 0, overdue: 0, dueSoon: 0, awaitingVerification: 0, verified: 0 };
}

/** Live evidence awaiting assessment: what this user may assess, and what they submitted themselves. One query. */
async function countPendingEvidence(actor: Actor): Promise<{ total: number; ownSubmissions: number }> {
  const [row] = await db.$queryRaw<{ total: number; ownSubmissions: number }[]>`
    SELECT count(*) FILTER (WHERE e."submittedById" <> ${actor.id})::int AS total,
           count(*) FILTER (WHERE e."submittedById" = ${actor.id})::int AS "ownSubmissions"
    FROM "Evidence" e
    JOIN "Recommendation" r ON r.id = e."recommendationId"
    JOIN "Review" v ON v.id = r."reviewId"
    WHERE e.assessment = 'PENDING' AND e."archivedAt" IS NULL AND ${recommendationScopeSql(actor)}`;
  return row ?? { total: 0, ownSubmissions: 0 };
}

function queueRecommendation(row: RecommendationRow, today: Day): QueueRecommendation {
  return {
    id: row.id,
    reference: row.reference,
    text: row.text,
    review: row.review,
    ownerAgency: row.ownerAgency,
    status: row.status,
    dueDate: row.dueDate,
    overdue: isOverdue(row, today),
    daysOverdue: daysOverdue(row, today),
    statusChangedAt: row.statusChangedAt,
  };
}

/** An owner's action as a queue item: it opens on the action's page, named "R3.1" (`id` stays its recommendation's). */
function queueAction(row: ActionRow, today: Day): QueueRecommendation {
  return {
    id: row.recommendation.id,
    actionId: row.id,
    reference: actionLabel(row.recommendation.reference, row.reference),
    text: row.text ?? row.recommendation.text,
    review: row.recommendation.review,
    ownerAgency: row.ownerAgency,
    status: row.status,
    dueDate: row.dueDate,
    overdue: isOverdue(row, today),
    daysOverdue: daysOverdue(row, today),
    statusChangedAt: row.statusChangedAt,
  };
}

function queueEvidence(row: EvidenceRow, today: Day): QueueEvidence {
  return {
    id: row.id,
    title: row.title,
    kind: row.kind,
    submittedAt: row.submittedAt,
    submittedBy: row.submittedBy.name,
    assessedAt: row.assessedAt,
    assessedBy: row.assessedBy?.name ?? null,
    assessmentComment: row.assessmentComment,
    recommendation: queueRecommendation(row.recommendation, today),
  };
}
