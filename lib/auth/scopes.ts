import 'server-only';
// What each user may read, as reusable Prisma `where` builders: a record
// outside them is simply not found. Today every signed-in role reads every
// live (not archived) record (PRODUCT.md); a narrower scope later (an agency,
// a partnership) is added here, once, and every read follows. Combine with
// `AND: [...]`, never by spreading two `where` objects.
import { type Prisma, Prisma as PrismaSql } from '@/lib/db';
import type { PermissionSubject } from './permissions';

export function reviewScope(_user: PermissionSubject): Prisma.ReviewWhereInput {
  return { archivedAt: null };
}

export function findingScope(user: PermissionSubject): Prisma.FindingWhereInput {
  return { archivedAt: null, review: reviewScope(user) };
}

export function recommendationScope(user: PermissionSubject): Prisma.RecommendationWhereInput {
  return { archivedAt: null, review: reviewScope(user) };
}

export function evidenceScope(user: PermissionSubject): Prisma.EvidenceWhereInput {
  return { archivedAt: null, recommendation: recommendationScope(user) };
}

/**
 * `recommendationScope` for hand-written SQL over `r` (Recommendation) joined
 * to `v` (its Review): the lists and counts that run as one statement.
 */
export function recommendationScopeSql(_user: PermissionSubject): Prisma.Sql {
  return PrismaSql.sql`r."archivedAt" IS NULL AND v."archivedAt" IS NULL`;
}
