import 'server-only';
import { assertCan } from '@/lib/auth/permissions';
import { recommendationScopeSql } from '@/lib/auth/scopes';
import type { Actor } from '@/lib/auth/session-user';
import { db, Prisma } from '@/lib/db';
import { escapeLike } from '@/lib/db/like';
import type { Priority, Rag, RecommendationStatus } from '@/lib/generated/prisma/enums';
import { dayOf, ukDay } from '@/lib/days';
import { computeRag, type RagResult } from './rag';
import { daysOverdue, isOverdue } from './status';
import { overdueSql } from './status-sql';
import { encodeCursor, type ListCursor, type RecommendationListFilters } from './list-recommendations.schema';

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
  ragOverride: Rag | null;
  measures: { target: number; currentValue: number }[];
};

/** `%`, `_` and `\` match literally in a free-text search. */
function likePattern(text: string) {
  return `%${escapeLike(text)}%`;
}

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
  if (filters.agency) conditions.push(Prisma.sql`r."ownerAgencyId" = ${filters.agency}`);
  if (filters.lead) conditions.push(Prisma.sql`r."leadOfficerId" = ${filters.lead}`);
  if (filters.priority) conditions.push(Prisma.sql`r.priority = ${filters.priority}::"Priority"`);
  if (filters.overdue) {
    conditions.push(overdueSql('r', ukDay(now)));
  }
  if (filters.q) {
    const pattern = likePattern(filters.q);
    conditions.push(Prisma.sql`(r.reference ILIKE ${pattern} OR r.text ILIKE ${pattern} OR v.title ILIKE ${pattern})`);
  }
  return Prisma.join(conditions, ' AND ');
}

/** The sort key's columns, most significant first; the id breaks ties. */
const SORT_COLUMNS: Record<RecommendationListFilters['sort'], string[]> = {
  due: ['r."dueDate"', 'r.id'],
  // The enum sorts in workflow order (its declaration order), as STATUS_ORDER does.
  status: ['r.status', 'r."dueDate"', 'r.id'],
  updated: ['r."updatedAt"', 'r.id'],
};

function cursorValues(cursor: ListCursor): Prisma.Sql {
  const [first, second] = cursor.keys;
  switch (cursor.sort) {
    case 'due':
      return Prisma.sql`${first}::date, ${cursor.id}`;
    case 'status':
      return Prisma.sql`${first}::"RecommendationStatus", ${second}::date, ${cursor.id}`;
    case 'updated':
      return Prisma.sql`${first}::timestamp(3), ${cursor.id}`;
  }
}

function cursorFor(row: RawRow, filters: RecommendationListFilters, before: boolean): string {
  const keys =
    filters.sort === 'due'
      ? [dayOf(row.dueDate)]
      : filters.sort === 'status'
        ? [row.status, dayOf(row.dueDate)]
        : [row.updatedAt.toISOString()];
  return encodeCursor({ sort: filters.sort, dir: filters.dir, before, keys, id: row.id });
}

/**
 * One page of live recommendations across all live reviews, filtered and
 * sorted as the URL asks. Keyset pagination on (sort key, id): a page costs
 * the same wherever it is in the list. Two queries, whatever the page: the
 * rows (with their measures, for the RAG rating) and the count.
 */
export async function listRecommendations(
  actor: Actor,
  filters: RecommendationListFilters,
  now = new Date(),
): Promise<RecommendationListPage> {
  assertCan(actor, 'review:read');

  const where = filterSql(actor, filters, now);
  const columns = SORT_COLUMNS[filters.sort];
  const cursor = filters.cursor;
  const backwards = cursor?.before ?? false;
  // Walking backwards reads the list in reverse from the cursor, then flips the page.
  const ascending = (filters.dir === 'asc') !== backwards;
  // Only fixed column names reach Prisma.raw; every value is a bound parameter.
  const orderBy = Prisma.raw(columns.map((column) => `${column} ${ascending ? 'ASC' : 'DESC'}`).join(', '));
  // A row comparison, so PostgreSQL walks the (sort key, id) index from the cursor.
  const after = cursor
    ? Prisma.sql`AND (${Prisma.raw(columns.join(', '))}) ${Prisma.raw(ascending ? '>' : '<')} (${cursorValues(cursor)})`
    : Prisma.empty;

  const [raw, counted] = await Promise.all([
    db.$queryRaw<RawRow[]>`
      SELECT r.id, r.reference, left(r.text, ${TEXT_PREVIEW_CHARS}::int) AS text,
             v.id AS "reviewId", v.title AS "reviewTitle",
             r.status::text AS status, r.priority::text AS priority, r."ragOverride"::text AS "ragOverride",
             a.id AS "ownerAgencyId", a."shortName" AS "ownerAgencyShortName",
             u.id AS "leadOfficerId", u.name AS "leadOfficerName",
             r."dueDate", r."originalDueDate", r."updatedAt", r."lastProgressAt", r."createdAt",
             COALESCE((
               SELECT json_agg(json_build_object('target', m.target::float8, 'currentValue', m."currentValue"::float8))
               FROM "Measure" m
               WHERE m."recommendationId" = r.id AND m."archivedAt" IS NULL
             ), '[]'::json) AS measures
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

  // Rows archived since the link was made can leave a cursor's page short at
  // the start, or empty at the end: show the first page instead (rare; one more query).
  if (cursor && ((backwards && raw.length < PAGE_SIZE) || (!backwards && raw.length === 0))) {
    return listRecommendations(actor, { ...filters, cursor: undefined }, now);
  }

  const more = raw.length > PAGE_SIZE;
  const page = raw.slice(0, PAGE_SIZE);
  if (backwards) page.reverse();
  const first = page[0];
  const last = page[page.length - 1];
  // Forwards: a cursor means rows came before it. Backwards: the cursor's row comes after.
  const hasPrevious = backwards ? more : cursor !== undefined;
  const hasNext = backwards ? true : more;

  return {
    rows: page.map((row) => toListRow(row, now)),
    total: counted[0]?.total ?? 0,
    pageSize: PAGE_SIZE,
    nextCursor: hasNext && last ? cursorFor(last, filters, false) : null,
    previousCursor: hasPrevious && first ? cursorFor(first, filters, true) : null,
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
    rag: computeRag(
      {
        status: row.status,
        dueDate: row.dueDate,
        originalDueDate: row.originalDueDate,
        startedAt: row.createdAt,
        lastProgressAt: row.lastProgressAt,
        measures: row.measures,
        override: row.ragOverride,
      },
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
