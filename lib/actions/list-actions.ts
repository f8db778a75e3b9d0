import 'server-only';
import { assertCan } from '@/lib/auth/permissions';
import { recommendationScopeSql } from '@/lib/auth/scopes';
import type { Actor } from '@/lib/auth/session-user';
import { db, Prisma } from '@/lib/db';
import { containsPattern } from '@/lib/db/like';
import { ukDay } from '@/lib/days';
import type { Priority, Rag, RecommendationStatus } from '@/lib/generated/prisma/enums';
import { keysetPage, keysetQuery } from '@/lib/lists/keyset';
import type { RecommendationListFilters } from '@/lib/recommendations/list-recommendations.schema';
import type { RagResult } from '@/lib/recommendations/rag';
import { daysOverdue, isOverdue } from '@/lib/recommendations/status';
import { overdueSql } from '@/lib/recommendations/status-sql';
import { actionLabel, actionRag } from './roll-up';

export const ACTIONS_PAGE_SIZE = 25;
const TEXT_PREVIEW_CHARS = 300;

export type ActionListRow = {
  id: string;
  /** What a bulk update of the action is based on (a change since the list was loaded is refused). */
  version: number;
  /** "R3.1" */
  label: string;
  /** The action's text, or the recommendation's when it has none of its own; at most 300 characters. */
  text: string;
  recommendation: { id: string; reference: string };
  review: { id: string; title: string };
  status: RecommendationStatus;
  ownerAgency: { id: string; shortName: string };
  leadOfficer: { id: string; name: string } | null;
  priority: Priority;
  dueDate: Date;
  originalDueDate: Date;
  updatedAt: Date;
  rag: RagResult;
  overdue: boolean;
  daysOverdue: number;
};

export type ActionListPage = {
  rows: ActionListRow[];
  /** Every action matching the filters, across all pages. */
  total: number;
  pageSize: number;
  nextCursor: string | null;
  previousCursor: string | null;
};

type RawRow = {
  id: string;
  version: number;
  reference: string;
  text: string;
  recommendationId: string;
  recommendationReference: string;
  reviewId: string;
  reviewTitle: string;
  status: RecommendationStatus;
  ownerAgencyId: string;
  ownerAgencyShortName: string;
  leadOfficerId: string | null;
  leadOfficerName: string | null;
  priority: Priority;
  dueDate: Date;
  originalDueDate: Date;
  createdAt: Date;
  updatedAt: Date;
  lastProgressAt: Date;
  ragOverride: Rag | null;
  measures: { target: number; currentValue: number }[];
};

/**
 * The filters (the recommendations list's, in the same URL parameters) as one
 * SQL condition over `x` (Action), `r` (its Recommendation) and `v` (its
 * Review): what the user may see, live actions only, every filter AND-ed.
 */
function filterSql(actor: Actor, filters: RecommendationListFilters, now: Date): Prisma.Sql {
  const conditions: Prisma.Sql[] = [recommendationScopeSql(actor), Prisma.sql`x."archivedAt" IS NULL`];
  if (filters.review) conditions.push(Prisma.sql`r."reviewId" = ${filters.review}`);
  if (filters.status.length) {
    conditions.push(Prisma.sql`x.status IN (${Prisma.join(filters.status.map((status) => Prisma.sql`${status}::"RecommendationStatus"`))})`);
  }
  if (filters.agency) conditions.push(Prisma.sql`x."ownerAgencyId" = ${filters.agency}`);
  if (filters.lead) conditions.push(Prisma.sql`x."leadOfficerId" = ${filters.lead}`);
  if (filters.priority) conditions.push(Prisma.sql`r.priority = ${filters.priority}::"Priority"`);
  if (filters.overdue) conditions.push(overdueSql('x', ukDay(now)));
  if (filters.q) {
    const pattern = containsPattern(filters.q);
    conditions.push(Prisma.sql`(r.reference ILIKE ${pattern} OR x.text ILIKE ${pattern} OR r.text ILIKE ${pattern} OR v.title ILIKE ${pattern})`);
  }
  return Prisma.join(conditions, ' AND ');
}

/**
 * One page of live actions of live recommendations, filtered and sorted as the
 * URL asks (an owner's "what is ours", a lead officer's, the overdue ones), a
 * page at a time (lib/lists/keyset.ts). Two queries: the rows (with their
 * measures, for the RAG rating) and the count.
 */
export async function listActions(actor: Actor, filters: RecommendationListFilters, now = new Date()): Promise<ActionListPage> {
  assertCan(actor, 'review:read');
  const where = filterSql(actor, filters, now);
  const { orderBy, after } = keysetQuery('x', filters);
  const [raw, counted] = await Promise.all([
    db.$queryRaw<RawRow[]>`
      SELECT x.id, x.version, x.reference, left(COALESCE(x.text, r.text), ${TEXT_PREVIEW_CHARS}::int) AS text,
             r.id AS "recommendationId", r.reference AS "recommendationReference",
             v.id AS "reviewId", v.title AS "reviewTitle",
             x.status::text AS status, r.priority::text AS priority, x."ragOverride"::text AS "ragOverride",
             a.id AS "ownerAgencyId", a."shortName" AS "ownerAgencyShortName",
             u.id AS "leadOfficerId", u.name AS "leadOfficerName",
             x."dueDate", x."originalDueDate", x."createdAt", x."updatedAt", x."lastProgressAt",
             COALESCE((
               SELECT json_agg(json_build_object('target', m.target::float8, 'currentValue', m."currentValue"::float8))
               FROM "Measure" m
               WHERE m."actionId" = x.id AND m."archivedAt" IS NULL
             ), '[]'::json) AS measures
      FROM "Action" x
      JOIN "Recommendation" r ON r.id = x."recommendationId"
      JOIN "Review" v ON v.id = r."reviewId"
      JOIN "Agency" a ON a.id = x."ownerAgencyId"
      LEFT JOIN "User" u ON u.id = x."leadOfficerId"
      WHERE ${where} ${after}
      ORDER BY ${orderBy}
      LIMIT ${ACTIONS_PAGE_SIZE + 1}::int`,
    db.$queryRaw<{ total: number }[]>`
      SELECT count(*)::int AS total
      FROM "Action" x
      JOIN "Recommendation" r ON r.id = x."recommendationId"
      JOIN "Review" v ON v.id = r."reviewId"
      WHERE ${where}`,
  ]);
  const paged = keysetPage(raw, filters, ACTIONS_PAGE_SIZE);
  if (!paged) return listActions(actor, { ...filters, cursor: undefined }, now);
  return {
    rows: paged.page.map((row) => toRow(row, now)),
    total: counted[0]?.total ?? 0,
    pageSize: ACTIONS_PAGE_SIZE,
    nextCursor: paged.nextCursor,
    previousCursor: paged.previousCursor,
  };
}

function toRow(row: RawRow, now: Date): ActionListRow {
  const today = ukDay(now);
  return {
    id: row.id,
    version: row.version,
    label: actionLabel(row.recommendationReference, row.reference),
    text: row.text,
    recommendation: { id: row.recommendationId, reference: row.recommendationReference },
    review: { id: row.reviewId, title: row.reviewTitle },
    status: row.status,
    ownerAgency: { id: row.ownerAgencyId, shortName: row.ownerAgencyShortName },
    leadOfficer: row.leadOfficerId && row.leadOfficerName ? { id: row.leadOfficerId, name: row.leadOfficerName } : null,
    priority: row.priority,
    dueDate: row.dueDate,
    originalDueDate: row.originalDueDate,
    updatedAt: row.updatedAt,
    rag: actionRag({ ...row, measures: row.measures }, now),
    overdue: isOverdue(row, today),
    daysOverdue: daysOverdue(row, today),
  };
}
