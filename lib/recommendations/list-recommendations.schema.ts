// The recommendations list's filters, as they live in the URL. Parsing is
// lenient: a shared link with a stale or mistyped value still opens the list,
// without that value, and the page says which values it ignored.
// Safe to import from any module (no server-only code).
import { z } from 'zod';
import { dayTextField } from '@/lib/day-fields';
import { Priority, RecommendationStatus } from '@/lib/generated/prisma/enums';

export const LIST_SORTS = ['due', 'status', 'updated'] as const;
export type ListSort = (typeof LIST_SORTS)[number];
export type SortDir = 'asc' | 'desc';

/** Each sort's natural direction: soonest due first, workflow order, most recently updated first. */
export const DEFAULT_DIR: Record<ListSort, SortDir> = { due: 'asc', status: 'asc', updated: 'desc' };

export const FREE_TEXT_MAX = 200;

/**
 * Where a page starts: just after (or, for "previous", just before) the row
 * with these sort-key values. Only valid for the sort and direction it was
 * made for.
 */
export type ListCursor = {
  sort: ListSort;
  dir: SortDir;
  before: boolean;
  /** The sort key's values, as text: due → [date]; status → [status, date]; updated → [ISO date-time]. */
  keys: string[];
  id: string;
};

export type RecommendationListFilters = {
  review?: string;
  status: RecommendationStatus[];
  agency?: string;
  lead?: string;
  priority?: Priority;
  overdue: boolean;
  q?: string;
  sort: ListSort;
  dir: SortDir;
  cursor?: ListCursor;
};

export type IgnoredParam = { param: string; value: string; reason: string };

const id = z.string().regex(/^[A-Za-z0-9_-]{1,64}$/, 'not a valid identifier');
const isoDate = dayTextField('not a real date');
const isoDateTime = z.iso.datetime({ precision: 3 });

/** One schema per parameter, so that a bad value drops only that parameter. */
export const listParamSchemas = {
  review: id,
  status: z.enum(RecommendationStatus, { error: 'not a status' }),
  agency: id,
  lead: id,
  priority: z.enum(Priority, { error: 'not a priority' }),
  overdue: z.literal('1', { error: 'only "1" is understood' }),
  q: z.string().max(FREE_TEXT_MAX, `longer than ${FREE_TEXT_MAX} characters`),
  sort: z.enum(LIST_SORTS, { error: 'not a sort order' }),
  dir: z.enum(['asc', 'desc'], { error: 'not "asc" or "desc"' }),
  cursor: z.string().max(1000, 'too long'),
} as const;

const cursorJson = z.object({
  s: z.enum(LIST_SORTS),
  d: z.enum(['asc', 'desc']),
  b: z.boolean().optional(),
  k: z.array(z.string()).min(1).max(2),
  i: id,
});

const CURSOR_KEYS: Record<ListSort, z.ZodType<string[]>> = {
  due: z.tuple([isoDate]),
  status: z.tuple([z.enum(RecommendationStatus), isoDate]),
  updated: z.tuple([isoDateTime]),
};

export function encodeCursor(cursor: ListCursor): string {
  const json = JSON.stringify({ s: cursor.sort, d: cursor.dir, ...(cursor.before ? { b: true } : {}), k: cursor.keys, i: cursor.id });
  return Buffer.from(json, 'utf8').toString('base64url');
}

/** The cursor, or null when it is not one of ours. */
export function decodeCursor(encoded: string): ListCursor | null {
  if (!/^[A-Za-z0-9_-]+$/.test(encoded)) return null;
  let json: unknown;
  try {
    json = JSON.parse(Buffer.from(encoded, 'base64url').toString('utf8'));
  } catch {
    return null;
  }
  const parsed = cursorJson.safeParse(json);
  if (!parsed.success) return null;
  const { s, d, b, k, i } = parsed.data;
  if (!CURSOR_KEYS[s].safeParse(k).success) return null;
  return { sort: s, dir: d, before: b ?? false, keys: k, id: i };
}

export type SearchParamsInput = URLSearchParams | Record<string, string | string[] | undefined>;

function valuesOf(params: SearchParamsInput, name: string): string[] {
  const raw = params instanceof URLSearchParams ? params.getAll(name) : params[name];
  const list = raw === undefined ? [] : Array.isArray(raw) ? raw : [raw];
  // A GET form sends every empty select and input: empty means "no filter".
  return list.map((value) => value.trim()).filter((value) => value !== '');
}

/**
 * The filters a URL asks for, with every value that could not be used listed
 * in `ignored` instead of failing the page. Never throws.
 */
export function parseListParams(params: SearchParamsInput): {
  filters: RecommendationListFilters;
  ignored: IgnoredParam[];
} {
  const ignored: IgnoredParam[] = [];

  function single<T>(name: keyof typeof listParamSchemas, schema: z.ZodType<T>): T | undefined {
    const values = valuesOf(params, name);
    if (values.length === 0) return undefined;
    if (new Set(values).size > 1) {
      ignored.push({ param: name, value: shorten(values.join(', ')), reason: 'more than one value given' });
      return undefined;
    }
    const value = values[0]!;
    const parsed = schema.safeParse(value);
    if (parsed.success) return parsed.data;
    ignored.push({ param: name, value: shorten(value), reason: parsed.error.issues[0]?.message ?? 'not understood' });
    return undefined;
  }

  const status: RecommendationStatus[] = [];
  for (const value of valuesOf(params, 'status')) {
    const parsed = listParamSchemas.status.safeParse(value);
    if (!parsed.success) ignored.push({ param: 'status', value: shorten(value), reason: 'not a status' });
    else if (!status.includes(parsed.data)) status.push(parsed.data);
  }

  const sort = single('sort', listParamSchemas.sort) ?? 'due';
  const dir = single('dir', listParamSchemas.dir) ?? DEFAULT_DIR[sort];

  let cursor: ListCursor | undefined;
  const encodedCursor = single('cursor', listParamSchemas.cursor);
  if (encodedCursor !== undefined) {
    const decoded = decodeCursor(encodedCursor);
    if (!decoded) ignored.push({ param: 'cursor', value: shorten(encodedCursor), reason: 'not a page of this list; showing the first page' });
    else if (decoded.sort !== sort || decoded.dir !== dir) {
      ignored.push({ param: 'cursor', value: shorten(encodedCursor), reason: 'made for another sort order; showing the first page' });
    } else cursor = decoded;
  }

  const filters: RecommendationListFilters = {
    status,
    overdue: single('overdue', listParamSchemas.overdue) === '1',
    sort,
    dir,
  };
  const review = single('review', listParamSchemas.review);
  const agency = single('agency', listParamSchemas.agency);
  const lead = single('lead', listParamSchemas.lead);
  const priority = single('priority', listParamSchemas.priority);
  const q = single('q', listParamSchemas.q);
  if (review !== undefined) filters.review = review;
  if (agency !== undefined) filters.agency = agency;
  if (lead !== undefined) filters.lead = lead;
  if (priority !== undefined) filters.priority = priority;
  if (q !== undefined) filters.q = q;
  if (cursor !== undefined) filters.cursor = cursor;
  return { filters, ignored };
}

function shorten(value: string) {
  return value.length > 60 ? `${value.slice(0, 57)}...` : value;
}

/** Whether any filter (not the sort) narrows the list. */
export function hasFilters(filters: RecommendationListFilters): boolean {
  return Boolean(
    filters.review || filters.status.length || filters.agency || filters.lead || filters.priority || filters.overdue || filters.q,
  );
}

/** What a link into the list may set; anything left out is not filtered. */
export type ListQuery = {
  review?: string;
  status?: RecommendationStatus[];
  agency?: string;
  lead?: string;
  priority?: Priority;
  overdue?: boolean;
  q?: string;
  sort?: ListSort;
  dir?: SortDir;
  /** An encoded cursor, as `listRecommendations` returns it. */
  cursor?: string | null;
};

/** The two lists that share these filters: recommendations, and the actions that carry them out. */
export type ListPath = '/recommendations' | '/actions';

/** The list's URL for these filters: the inverse of `parseListParams`, omitting defaults. */

export function listHref(query: ListQuery, path: ListPath = '/recommendations'): string {
  const params = new URLSearchParams();
  if (query.review) params.set('review', query.review);
  for (const status of query.status ?? []) params.append('status', status);
  if (query.agency) params.set('agency', query.agency);
  if (query.lead) params.set('lead', query.lead);
  if (query.priority) params.set('priority', query.priority);
  if (query.overdue) params.set('overdue', '1');
  if (query.q) params.set('q', query.q);
  const sort = query.sort ?? 'due';
  if (sort !== 'due') params.set('sort', sort);
  if (query.dir && query.dir !== DEFAULT_DIR[sort]) params.set('dir', query.dir);
  if (query.cursor) params.set('cursor', query.cursor);
  const search = params.toString();
  return search ? `${path}?${search}` : path;
}

/** The filters as a `ListQuery`, to build links that keep them. */
export function toListQuery(filters: RecommendationListFilters): ListQuery {
  const { cursor: _cursor, ...rest } = filters;
  return rest;
}
