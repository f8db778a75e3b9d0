import { Prisma } from './client';

/**
 * An instant for a `timestamp(3)` column in raw SQL: sent as UTC text and kept
 * as its UTC wall time, as Prisma's own writes do (a Date sent as is would be
 * read in the session's time zone).
 */
export const sqlInstant = (instant: Date) => Prisma.sql`${instant.toISOString()}::timestamptz AT TIME ZONE 'UTC'`;
