import 'server-only';
import { assertCan } from '@/lib/auth/permissions';
import type { Actor } from '@/lib/auth/session-user';
import { db } from '@/lib/db';
import { NotFoundError, ReportTooLargeError, RuleError } from '@/lib/errors';
import { computeReport, type Names } from './compute-report';
import { daysBefore, endOfUkDay, ukDay } from './dates';
import type { ReportEvent } from './replay';
import type { ReportQuery } from './report-query.schema';

export const PARTNERSHIP = 'partnership';

export type ReportResult = Awaited<ReturnType<typeof buildReport>>;

/**
 * The most recommendations one report covers. A partnership's open reviews
 * hold hundreds; a national deployment's "every open review" holds tens of
 * thousands, whose history (a million events) took 80 s and 2 GB to rebuild
 * (measured at benchmark scale 50): refused rather than let one view hold an
 * instance.
 */
export const REPORT_RECOMMENDATION_LIMIT = 2_000;

/** How many built reports each app instance keeps (the latest used). */
const CACHED_REPORTS = 50;
const built = new Map<string, Promise<ReportResult>>();

/**
 * The progress report for one review, or for the whole partnership (every
 * review not closed), as at the end of a UK day (default today), with what
 * changed since another (default 30 days earlier). Rebuilt from history.
 *
 * The history only grows, and every change to tracked data (titles and names
 * included) writes an event: the same scope and days give the same report
 * until the next event anywhere. So a built report is kept, keyed by the
 * newest event's id, and shared by the requests that ask for it meanwhile.
 * Callers must not change it.
 */
export async function getReport(actor: Actor, scope: string, query: ReportQuery, now = new Date()): Promise<ReportResult> {
  assertCan(actor, 'report:read');
  const today = ukDay(now);
  const asAtDay = query.asAt ?? today;
  if (asAtDay > today) throw new RuleError('The date must be today or in the past', 'asAt');
  const sinceDay = query.since ?? daysBefore(asAtDay, 30);
  if (sinceDay >= asAtDay) throw new RuleError('The date to compare with must be before the report date', 'since');

  const newest = await db.historyEvent.findFirst({ orderBy: { id: 'desc' }, select: { id: true } });
  const key = JSON.stringify([scope, asAtDay, sinceDay, newest?.id ?? 0]);
  let report = built.get(key);
  if (report) {
    // Most recently used last: the first key is the one to drop.
    built.delete(key);
  } else {
    report = buildReport(scope, asAtDay, sinceDay);
    // A failed build (not found, a lost connection) is not kept.
    report.catch(() => built.delete(key));
  }
  built.set(key, report);
  while (built.size > CACHED_REPORTS) built.delete(built.keys().next().value!);
  return report;
}

async function buildReport(scope: string, asAtDay: string, sinceDay: string) {
  const reviews = await db.review.findMany({
    where: scope === PARTNERSHIP ? { archivedAt: null, status: { not: 'CLOSED' } } : { id: scope, archivedAt: null },
    select: { id: true, title: true, kind: true, status: true, publishedOn: true, commissioningBody: true },
    orderBy: { title: 'asc' },
  });
  if (scope !== PARTNERSHIP && reviews.length === 0) throw new NotFoundError('review');
  if (scope === PARTNERSHIP) {
    const recommendations = await db.recommendation.count({ where: { reviewId: { in: reviews.map((review) => review.id) } } });
    if (recommendations > REPORT_RECOMMENDATION_LIMIT) throw new ReportTooLargeError(recommendations, REPORT_RECOMMENDATION_LIMIT);
  }

  const asAt = endOfUkDay(asAtDay);
  const events: ReportEvent[] = await db.historyEvent.findMany({
    where: {
      reviewId: { in: reviews.map((review) => review.id) },
      occurredAt: { lte: asAt },
      subjectType: { in: ['recommendation', 'measure', 'evidence'] },
    },
    orderBy: { id: 'asc' },
    select: { id: true, occurredAt: true, kind: true, subjectId: true, reviewId: true, recommendationId: true, actorId: true, before: true, after: true, note: true },
  });

  // Only the people the report can name: who acted, and lead officers.
  const userIds = new Set<string>();
  for (const event of events) {
    if (event.actorId) userIds.add(event.actorId);
    const lead = (event.after as { leadOfficerId?: unknown } | null)?.leadOfficerId;
    if (typeof lead === 'string') userIds.add(lead);
  }
  const [agencies, users] = await Promise.all([
    db.agency.findMany({ select: { id: true, shortName: true } }),
    db.user.findMany({ where: { id: { in: [...userIds] } }, select: { id: true, name: true } }),
  ]);
  const names: Names = {
    agencies: new Map(agencies.map((a) => [a.id, a.shortName])),
    users: new Map(users.map((u) => [u.id, u.name])),
    reviews: new Map(reviews.map((r) => [r.id, r.title])),
  };

  return {
    scope,
    title: scope === PARTNERSHIP ? 'Partnership progress report' : `Progress report: ${reviews[0]!.title}`,
    reviews,
    asAtDay,
    sinceDay,
    report: computeReport(events, names, asAt, endOfUkDay(sinceDay)),
  };
}
