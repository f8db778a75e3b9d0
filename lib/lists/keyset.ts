import 'server-only';
import { Prisma } from '@/lib/db';
import { dayOf } from '@/lib/days';
import type { RecommendationStatus } from '@/lib/generated/prisma/enums';
import { encodeCursor, type ListCursor, type RecommendationListFilters } from '@/lib/recommendations/list-recommendations.schema';

// Keyset pagination on (sort key, id), shared by the recommendations and
// actions lists: a page costs the same wherever it is in the list. Only fixed
// column names reach Prisma.raw; every value is a bound parameter.

type Sorting = Pick<RecommendationListFilters, 'sort' | 'dir' | 'cursor'>;

/** The sort key's columns on the table aliased `alias`, most significant first; the id breaks ties. */
function sortColumns(alias: string, sort: RecommendationListFilters['sort']): string[] {
  const column = (name: string) => `${alias}."${name}"`;
  switch (sort) {
    case 'due':
      return [column('dueDate'), column('id')];
    // The enum sorts in workflow order (its declaration order), as STATUS_ORDER does.
    case 'status':
      return [column('status'), column('dueDate'), column('id')];
    case 'updated':
      return [column('updatedAt'), column('id')];
  }
}

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

/** The ORDER BY and the "after the cursor" condition of a page. Walking backwards reads in reverse from the cursor. */
export function keysetQuery(alias: string, filters: Sorting) {
  const columns = sortColumns(alias, filters.sort);
  const cursor = filters.cursor;
  const backwards = cursor?.before ?? false;
  const ascending = (filters.dir === 'asc') !== backwards;
  const orderBy = Prisma.raw(columns.map((column) => `${column} ${ascending ? 'ASC' : 'DESC'}`).join(', '));
  // A row comparison, so PostgreSQL walks the (sort key, id) index from the cursor.
  const after = cursor
    ? Prisma.sql`AND (${Prisma.raw(columns.join(', '))}) ${Prisma.raw(ascending ? '>' : '<')} (${cursorValues(cursor)})`
    : Prisma.empty;
  return { orderBy, after };
}

export type KeyedRow = { id: string; status: RecommendationStatus; dueDate: Date; updatedAt: Date };

function cursorFor(row: KeyedRow, filters: Sorting, before: boolean): string {
  const keys =
    filters.sort === 'due' ? [dayOf(row.dueDate)] : filters.sort === 'status' ? [row.status, dayOf(row.dueDate)] : [row.updatedAt.toISOString()];
  return encodeCursor({ sort: filters.sort, dir: filters.dir, before, keys, id: row.id });
}

/**
 * One page from the rows a query read (`pageSize + 1` at most), in display
 * order, with the cursors of the pages either side; null when rows archived
 * since the link was made left the cursor's page short or empty (show the
 * first page instead).
 */
export function keysetPage<T extends KeyedRow>(raw: T[], filters: Sorting, pageSize: number) {
  const cursor = filters.cursor;
  const backwards = cursor?.before ?? false;
  if (cursor && ((backwards && raw.length < pageSize) || (!backwards && raw.length === 0))) return null;
  const more = raw.length > pageSize;
  const page = raw.slice(0, pageSize);
  if (backwards) page.reverse();
  const first = page[0];
  const last = page[page.length - 1];
  // Forwards: a cursor means rows came before it. Backwards: the cursor's row comes after.
  const hasPrevious = backwards ? more : cursor !== undefined;
  const hasNext = backwards ? true : more;
  return {
    page,
    nextCursor: hasNext && last ? cursorFor(last, filters, false) : null,
    previousCursor: hasPrevious && first ? cursorFor(first, filters, true) : null,
  };
}
