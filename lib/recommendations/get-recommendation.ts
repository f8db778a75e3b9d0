import 'server-only';
import { describeEvent } from '@/lib/audit/describe-event';
import { assertCan, can, canAssess } from '@/lib/auth/permissions';
import { recommendationScope } from '@/lib/auth/scopes';
import type { Actor } from '@/lib/auth/session-user';
import { db } from '@/lib/db';
import { NotFoundError } from '@/lib/errors';
import { ukDay } from '@/lib/days';
import { computeRag } from './rag';
import { isOverdue } from './status';
import { statusChoices } from './workflow';

export type RecommendationDetail = Awaited<ReturnType<typeof getRecommendation>>;

/**
 * How many history entries the page shows unless asked for all: a
 * recommendation followed for years gathers hundreds, and the page would
 * carry every one of them on each visit.
 */
export const RECENT_HISTORY = 30;

export type GetRecommendationOptions = {
  /** Every history entry, not only the latest RECENT_HISTORY. */
  fullHistory?: boolean;
  now?: Date;
};

/** Everything the recommendation page shows, in a fixed number of queries. */
export async function getRecommendation(actor: Actor, id: string, { fullHistory = false, now = new Date() }: GetRecommendationOptions = {}) {
  assertCan(actor, 'review:read');
  const recommendation = await db.recommendation.findFirst({
    where: { AND: [{ id }, recommendationScope(actor)] },
    include: {
      review: { select: { id: true, title: true } },
      findings: { where: { archivedAt: null }, select: { id: true, reference: true, text: true }, orderBy: { reference: 'asc' } },
      ownerAgency: { select: { id: true, name: true, shortName: true } },
      leadOfficer: { select: { id: true, name: true } },
      measures: { where: { archivedAt: null }, orderBy: { createdAt: 'asc' } },
      evidence: {
        where: { archivedAt: null },
        orderBy: { submittedAt: 'desc' },
        include: {
          submittedBy: { select: { id: true, name: true } },
          assessedBy: { select: { id: true, name: true } },
          file: { select: { fileName: true, mediaType: true, size: true } },
        },
      },
    },
  });
  if (!recommendation) throw new NotFoundError('recommendation');

  const [events, historyTotal, measureEvents] = await Promise.all([
    db.historyEvent.findMany({
      where: { recommendationId: id },
      orderBy: { id: 'desc' },
      take: fullHistory ? undefined : RECENT_HISTORY,
      include: { actor: { select: { name: true } } },
    }),
    db.historyEvent.count({ where: { recommendationId: id } }),
    // Every past value of every measure, whatever part of the history is shown.
    db.historyEvent.findMany({
      where: { recommendationId: id, kind: 'measure.updated' },
      orderBy: { id: 'desc' },
      select: { occurredAt: true, subjectId: true, after: true, note: true, actor: { select: { name: true } } },
    }),
  ]);
  // Only the comments the shown entries name.
  const commentIds = events.filter((event) => event.kind === 'comment.added').map((event) => event.subjectId);
  const comments = commentIds.length ? await db.comment.findMany({ where: { id: { in: commentIds } }, select: { id: true, body: true } }) : [];
  const commentBodies = new Map(comments.map((comment) => [comment.id, comment.body]));

  const measures = recommendation.measures.map((measure) => ({
    ...measure,
    target: measure.target.toNumber(),
    currentValue: measure.currentValue.toNumber(),
    pastValues: measureEvents
      .filter((event) => event.subjectId === measure.id)
      .map((event) => ({
        at: event.occurredAt,
        value: Number((event.after as { currentValue?: number } | null)?.currentValue ?? 0),
        actorName: event.actor?.name ?? 'The system',
        note: event.note,
      })),
  }));

  const rag = computeRag(
    {
      status: recommendation.status,
      dueDate: recommendation.dueDate,
      originalDueDate: recommendation.originalDueDate,
      startedAt: recommendation.createdAt,
      lastProgressAt: recommendation.lastProgressAt,
      measures,
      override: recommendation.ragOverride,
    },
    now,
  );

  const evidenceTitles = new Map(recommendation.evidence.map((item) => [item.id, item.title]));
  const record = { ownerAgencyId: recommendation.ownerAgencyId };
  return {
    ...recommendation,
    // Whether this user may assess each piece: a reviewer who did not submit it.
    evidence: recommendation.evidence.map((item) => ({ ...item, mayAssess: item.assessment === 'PENDING' && canAssess(actor, item) })),
    measures,
    rag,
    overdue: isOverdue(recommendation, ukDay(now)),
    // What the status control offers: the same rule the server enforces.
    statusChoices: can(actor, 'recommendation:update-progress', record)
      ? statusChoices(recommendation, actor)
      : { offered: [], notOffered: [] },
    timeline: events.map((event) => ({
      id: event.id,
      at: event.occurredAt,
      kind: event.kind,
      actorName: event.actor?.name ?? 'The system',
      description: describeEvent({ ...event, actorName: event.actor?.name ?? null }, { evidenceTitles }),
      note: event.kind === 'comment.added' ? (commentBodies.get(event.subjectId) ?? event.note) : event.note,
    })),
    /** How many history entries there are in all (the timeline may show only the latest). */
    historyTotal,
    permissions: {
      updateProgress: can(actor, 'recommendation:update-progress', record),
      edit: can(actor, 'recommendation:edit', record),
      changeDueDate: can(actor, 'recommendation:change-due-date', record),
      overrideRag: can(actor, 'recommendation:override-rag', record),
      submitEvidence: can(actor, 'evidence:submit', record),
      assessEvidence: can(actor, 'evidence:assess', record),
      comment: can(actor, 'comment:add', record),
      defineMeasures: can(actor, 'recommendation:edit', record),
    },
  };
}
