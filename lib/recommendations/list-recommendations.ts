import 'server-only';
import { assertCan } from '@/lib/auth/permissions';
import { recommendationScopeSql } from '@/lib/auth/scopes';
import type { Actor } from '@/lib/auth/session-user';
import { db, Prisma } from '@/lib/db';
import { containsPattern } from '@/lib/db/like';
import type { Priority, RecommendationStatus } from '@/lib/generated/prisma/enums';
import { ukDay } from '@/lib/days';
import { type ActionForRag, recommendationRag } from '@/lib/actions/roll-up';
import type { RagResult } from './rag';
import { daysOverdue, isOverdue } from './status';
import { overdueSql } from './status-sql';
import { keysetPage, keysetQuery } from '@/lib/lists/keyset';
import type { RecommendationListFilters } from './list-recommendations.schema';

export const PAGE_SIZE = 25;
/** The list shows a shortened text; the database sends no more than this. */
const TEXT_PREVIEW_CHARS = 300;

export type RecommendationListRow = {
  id: string;
  reference: string;
  /** At most 300 characters: shorten further for display. */
  text: string;
  review: { id: string; title: string };
  status: RecommendationStatus;
  ownerAgency: { id: string; shortName: string };
  leadOfficer: { id: string; name: string } | null;
  priority: Priority;
  dueDate: Date;
  originalDueDate: Date;
  updatedAt: Date;
  lastProgressAt: Date;
  rag: RagResult;
  overdue: boolean;
  daysOverdue: number;
};

export type RecommendationListPage = {
  rows: RecommendationListRow[];
  /** Every recommendation matching the filters, across all pages. */
  total: number;
  pageSize: number;
  /** Encoded cursors for the `cursor` URL parameter, or null at either end. */
  nextCursor: string | null;
  previousCursor: string | null;
};

type RawRow = {
  id: string;
  reference: string;
  text: string;
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
  updatedAt: Date;
  lastProgressAt: Date;
  createdAt: Date;
  /** Its live actions, as JSON (dates as text). */
  actions: (Omit<ActionForRag, 'dueDate' | 'originalDueDate' | 'createdAt' | 'lastProgressAt'> & {
    dueDate: string;
    originalDueDate: string;
    createdAt: string;
    lastProgressAt: string;
  })[];
};

/**
 * The filters as one SQL condition over `r` (Recommendation) and `v` (its
 * Review): what the user may see (lib/auth/scopes.ts), every filter AND-ed.
 */
function filterSql(actor: Actor, filters: RecommendationListFilters, now: Date): Prisma.Sql {
  const conditions: Prisma.Sql[] = [recommendationScopeSql(actor)];
  if (filters.review) conditions.push(Prisma.sql`r."reviewId" = ${filters.review}`);
  if (filters.status.length) {
    conditions.push(
      Prisma.sql`r.status IN (${Prisma.join(filters.status.map((status) => Prisma.sql`${status}::"RecommendationStatus"`))})`,
    );
  }
  // An agency's or officer's recommendations: those with a live action they own or lead, not only those they lead.
  if (filters.agency) conditions.push(Prisma.sql`EXISTS (SELECT 1 FROM "Action" x WHERE x."recommendationId" = r.id AND x."archivedAt" IS NULL AND x."ownerAgencyId" = ${filters.agency})`);
  if (filters.lead) conditions.push(Prisma.sql`EXISTS (SELECT 1 FROM "Action" x WHERE x."recommendationId" = r.id AND x."archivedAt" IS NULL AND x."leadOfficerId" = ${filters.lead})`);
  if (filters.priority) conditions.push(Prisma.sql`r.priority = ${filters.priority}::"Priority"`);
  if (filters.overdue) {
    conditions.push(overdueSql('r', ukDay(now)));
  }
  if (filters.q) {
    const pattern = containsPattern(filters.q);
    conditions.push(Prisma.sql`(r.reference ILIKE ${pattern} OR r.text ILIKE ${pattern} OR v.title ILIKE ${pattern})`);
  }
  return Prisma.join(conditions, ' AND ');
}

/**
 * One page of live recommendations across all live reviews, filtered and
 * sorted as the URL asks, a page at a time (lib/lists/keyset.ts). Two queries, whatever the page: the
 * rows (with their actions and measures, for the RAG rating) and the count.
 */
export async function listRecommendations(
  actor: Actor,
  filters: RecommendationListFilters,
  now = new Date(),
): Promise<RecommendationListPage> {
  assertCan(actor, 'review:read');

  const where = filterSql(actor, filters, now);
  const { orderBy, after } = keysetQuery('r', filters);

  const [raw, counted] = await Promise.all([
    db.$queryRaw<RawRow[]>`
      SELECT r.id, r.reference, left(r.text, ${TEXT_PREVIEW_CHARS}::int) AS text,
             v.id AS "reviewId", v.title AS "reviewTitle",
             r.status::text AS status, r.priority::text AS priority,
             a.id AS "ownerAgencyId", a."shortName" AS "ownerAgencyShortName",
             u.id AS "leadOfficerId", u.name AS "leadOfficerName",
             r."dueDate", r."originalDueDate", r."updatedAt", r."lastProgressAt", r."createdAt",
             COALESCE((
               SELECT json_agg(json_build_object(
                 'reference', x.reference, 'status', x.status, 'dueDate', x."dueDate", 'originalDueDate', x."originalDueDate",
                 'createdAt', x."createdAt", 'lastProgressAt', x."lastProgressAt", 'ragOverride', x."ragOverride",
                 'measures', COALESCE((
                   SELECT json_agg(json_build_object('target', m.target::float8, 'currentValue', m."currentValue"::float8))
                   FROM "Measure" m
                   WHERE m."actionId" = x.id AND m."archivedAt" IS NULL
                 ), '[]'::json)))
               FROM "Action" x
               WHERE x."recommendationId" = r.id AND x."archivedAt" IS NULL
             ), '[]'::json) AS actions
      FROM "Recommendation" r
      JOIN "Review" v ON v.id = r."reviewId"
      JOIN "Agency" a ON a.id = r."ownerAgencyId"
      LEFT JOIN "User" u ON u.id = r."leadOfficerId"
      WHERE ${where} ${after}
      ORDER BY ${orderBy}
      LIMIT ${PAGE_SIZE + 1}::int`,
    db.$queryRaw<{ total: number }[]>`
      SELECT count(*)::int AS total
      FROM "Recommendation" r
      JOIN "Review" v ON v.id = r."reviewId"
      WHERE ${where}`,
  ]);

  const paged = keysetPage(raw, filters, PAGE_SIZE);
  // Rows archived since the link was made can leave a cursor's page short: show the first page instead (rare; one more query).
  if (!paged) return listRecommendations(actor, { ...filters, cursor: undefined }, now);
  return {
    rows: paged.page.map((row) => toListRow(row, now)),
    total: counted[0]?.total ?? 0,
    pageSize: PAGE_SIZE,
    nextCursor: paged.nextCursor,
    previousCursor: paged.previousCursor,
  };
}

function toListRow(row: RawRow, now: Date): RecommendationListRow {
  return {
    id: row.id,
    reference: row.reference,
    text: row.text,
    review: { id: row.reviewId, title: row.reviewTitle },
    status: row.status,
    ownerAgency: { id: row.ownerAgencyId, shortName: row.ownerAgencyShortName },
    leadOfficer: row.leadOfficerId && row.leadOfficerName ? { id: row.leadOfficerId, name: row.leadOfficerName } : null,
    priority: row.priority,
    dueDate: row.dueDate,
    originalDueDate: row.originalDueDate,
    updatedAt: row.updatedAt,
    lastProgressAt: row.lastProgressAt,
    rag: recommendationRag(
      row,
      row.actions.map((action) => ({
        ...action,
        // json_build_object writes a date as '2013-03-31' and a timestamp(3) as UTC wall time without a zone.
        dueDate: new Date(`${action.dueDate}T00:00:00Z`),
        originalDueDate: new Date(`${action.originalDueDate}T00:00:00Z`),
        createdAt: new Date(`${action.createdAt}Z`),
        lastProgressAt: new Date(`${action.lastProgressAt}Z`),
      })),
      now,
    ),
    overdue: isOverdue(row, ukDay(now)),
    daysOverdue: daysOverdue(row, ukDay(now)),
  };
}

export type FilterOptions = Awaited<ReturnType<typeof listFilterOptions>>;

/**
 * What the filter form needs: every agency for the owner select, and the names
 * of the review and lead officer chosen, if any. Reviews and lead officers are
 * not offered as selects: nationally there are a thousand and two thousand of
 * them, which no one scrolls through and every page view would carry; they
 * are chosen from the results (or a review's page) instead.
 */
export async function listFilterOptions(actor: Actor, chosen: Pick<RecommendationListFilters, 'review' | 'lead'> = {}) {
  assertCan(actor, 'review:read');
  const [agencies, review, lead] = await Promise.all([
    db.agency.findMany({ select: { id: true, shortName: true }, orderBy: { shortName: 'asc' } }),
    chosen.review ? db.review.findFirst({ where: { id: chosen.review, archivedAt: null }, select: { id: true, title: true } }) : null,
    chosen.lead
      ? db.user.findUnique({ where: { id: chosen.lead }, select: { id: true, name: true, agency: { select: { shortName: true } } } })
      : null,
  ]);
  return {
    agencies,
    review,
    leadOfficer: lead ? { id: lead.id, name: lead.name, agencyShortName: lead.agency.shortName } : null,
  };
}
