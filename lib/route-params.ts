import { z } from 'zod';

/**
 * A record id as it may appear in a URL: our ids are cuids or the seed's
 * readable ids. Anything else (objects, NUL, very long text) is not found,
 * before it can reach a query.
 */
export const recordIdParam = z.string().regex(/^[A-Za-z0-9_-]{1,100}$/);
