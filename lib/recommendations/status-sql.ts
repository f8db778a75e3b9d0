import 'server-only';
// The status table (status.ts) as SQL, so that lists, the work queue and
// counts in the database agree with the TypeScript rules to the letter.
import { Prisma } from '@/lib/db';
import type { RecommendationStatus } from '@/lib/generated/prisma/enums';
import { type Day, storedDate } from '@/lib/days';
import { statusesWhere } from './status';

/** `('NOT_STARTED'::"RecommendationStatus", ...)`: a list for `IN`. */
export function statusListSql(statuses: readonly RecommendationStatus[]): Prisma.Sql {
  return Prisma.sql`(${Prisma.join(statuses.map((status) => Prisma.sql`${status}::"RecommendationStatus"`))})`;
}

/** `<alias>.status IN (open statuses)`. */
export function openSql(alias: string): Prisma.Sql {
  return Prisma.sql`${Prisma.raw(`${alias}.status`)} IN ${statusListSql(statusesWhere('open'))}`;
}

/** Overdue as `isOverdue` (status.ts) defines it: still to be done and due before today (a UK day). */
export function overdueSql(alias: string, today: Day): Prisma.Sql {
  return Prisma.sql`${Prisma.raw(`${alias}.status`)} IN ${statusListSql(statusesWhere('canBeOverdue'))} AND ${Prisma.raw(`${alias}."dueDate"`)} < ${today}::date`;
}

/** Overdue as a Prisma filter on recommendations (the same rule as `overdueSql`). */
export function overdueWhere(today: Day): Prisma.RecommendationWhereInput {
  return { status: { in: statusesWhere('canBeOverdue') }, dueDate: { lt: storedDate(today) } };
}
