import 'server-only';
import { assertCan } from '@/lib/auth/permissions';
import type { Actor } from '@/lib/auth/session-user';
import { db } from '@/lib/db';
import { NotFoundError, ReportTooLargeError, RuleError } from '@/lib/errors';
import { computeReport, type Names } from './compute-report';
import { addDays, endOfUkDay, ukDay } from '@/lib/days';
import { fingerprintOf } from '@/lib/audit/fingerprint';
import { type ReportEvent, replay } from './replay';
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
  const sinceDay = query.since ?? addDays(asAtDay, -30);
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

/** The columns a replay reads. */
const EVENT_COLUMNS = {
  id: true,
  occurredAt: true,
  kind: true,
  subjectId: true,
  subjectVersion: true,
  reviewId: true,
  recommendationId: true,
  actorId: true,
  before: true,
  after: true,
  note: true,
} as const;

/** The events that name people and agencies (for the names a report shows as they were). */
const NAMING_KINDS = ['user.created', 'user.updated', 'agency.created'];

/**
 * Built from the history alone, as it stood at the end of the report's day:
 * which reviews were open (for the partnership report), their titles, the
 * recommendations, and people's names. A review closed or renamed, or a
 * person renamed, since then leaves the report as it was (decision 0007).
 */
async function buildReport(scope: string, asAtDay: string, sinceDay: string) {
  const asAt = endOfUkDay(asAtDay);
  const partnership = scope === PARTNERSHIP;
  if (!partnership && !(await db.review.findFirst({ where: { id: scope, archivedAt: null }, select: { id: true } }))) {
    throw new NotFoundError('review');
  }

  const reviewEvents: ReportEvent[] = await db.historyEvent.findMany({
    where: { subjectType: 'review', occurredAt: { lte: asAt }, ...(partnership ? {} : { subjectId: scope }) },
    orderBy: { id: 'asc' },
    select: EVENT_COLUMNS,
  });
  const reviewsThen = replay(reviewEvents, asAt).reviews;
  // The partnership report covers every review open that day; a review's own
  // report covers it even before its history began (then it is empty).
  const reviews = partnership
    ? [...reviewsThen.values()].filter((review) => !review.archived && review.status !== 'CLOSED')
    : [reviewsThen.get(scope) ?? (await db.review.findUniqueOrThrow({ where: { id: scope }, select: { id: true, title: true } }))];
  reviews.sort((a, b) => a.title.localeCompare(b.title));
  const reviewIds = reviews.map((review) => review.id);
  if (partnership) {
    const recommendations = await db.recommendation.count({ where: { reviewId: { in: reviewIds } } });
    if (recommendations > REPORT_RECOMMENDATION_LIMIT) throw new ReportTooLargeError(recommendations, REPORT_RECOMMENDATION_LIMIT);
  }

  const events: ReportEvent[] = await db.historyEvent.findMany({
    where: { reviewId: { in: reviewIds }, occurredAt: { lte: asAt }, subjectType: { in: ['recommendation', 'action', 'measure', 'evidence'] } },
    orderBy: { id: 'asc' },
    select: EVENT_COLUMNS,
  });

  // Only the people the report can name: who acted, and lead officers; and the agencies that own.
  const userIds = new Set<string>();
  const agencyIds = new Set<string>();
  for (const event of events) {
    if (event.actorId) userIds.add(event.actorId);
    const after = event.after as { leadOfficerId?: unknown; ownerAgencyId?: unknown } | null;
    if (typeof after?.leadOfficerId === 'string') userIds.add(after.leadOfficerId);
    if (typeof after?.ownerAgencyId === 'string') agencyIds.add(after.ownerAgencyId);
  }
  const [namingEvents, agencies, users] = await Promise.all([
    db.historyEvent.findMany({
      where: {
        OR: [
          { subjectType: 'user', subjectId: { in: [...userIds] } },
          { subjectType: 'agency', subjectId: { in: [...agencyIds] } },
        ],
        kind: { in: NAMING_KINDS },
        occurredAt: { lte: asAt },
      },
      orderBy: { id: 'asc' },
      select: EVENT_COLUMNS,
    }),
    db.agency.findMany({ where: { id: { in: [...agencyIds] } }, select: { id: true, shortName: true } }),
    db.user.findMany({ where: { id: { in: [...userIds] } }, select: { id: true, name: true } }),
  ]);
  const then = replay(namingEvents, asAt);
  // The newest event of the history this report shows (everything up to the end of its day): printed on it, it anchors it.
  const newest = await db.historyEvent.findFirst({
    where: { occurredAt: { lte: asAt } },
    orderBy: [{ occurredAt: 'desc' }, { id: 'desc' }],
    select: { id: true, hash: true },
  });
  // Names as they were; where the history holds none (a record made before it was kept), today's.
  const names: Names = {
    agencies: new Map([...agencies.map((a) => [a.id, a.shortName] as const), ...then.agencies]),
    users: new Map([...users.map((u) => [u.id, u.name] as const), ...then.people]),
    reviews: new Map(reviews.map((r) => [r.id, r.title])),
  };

  return {
    scope,
    title: partnership ? 'Partnership progress report' : `Progress report: ${reviews[0]!.title}`,
    reviews: reviews.map(({ id, title }) => ({ id, title })),
    asAtDay,
    sinceDay,
    fingerprint: newest ? fingerprintOf(newest) : null,
    report: computeReport(events, names, asAt, endOfUkDay(sinceDay)),
  };
}
