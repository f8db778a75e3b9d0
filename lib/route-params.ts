import { z } from 'zod';

/**
 * A record id as it may appear in a URL: our ids are cuids or the seed's
 * readable ids. Anything else (objects, NUL, very long text) is not found,
 * before it can reach a query.
 */
export const recordIdParam = z.string().regex(/^[A-Za-z0-9_-]{1,100}$/);

const pageNumber = z.coerce.number().int().min(1).max(1_000_000).catch(1);
const searchText = z.string().trim().max(200).catch('');

/**
 * A page number from the query string (`?page=3`): a missing or nonsensical
 * one is the first page, one past the end is the last (the loader clamps it).
 */
export function pageNumberParam(value: string | string[] | undefined): number {
  return pageNumber.parse(Array.isArray(value) ? value[0] : (value ?? 1));
}

/** Search text from the query string: trimmed, at most 200 characters; anything else is no search. */
export function searchTextParam(value: string | string[] | undefined): string {
  return searchText.parse(Array.isArray(value) ? value[0] : (value ?? ''));
}
