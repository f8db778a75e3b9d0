import 'server-only';
import { forRag, liveActionsForRag } from '@/lib/actions/actions-for-rag';
import { actionLabel, actionRag, recommendationRag } from '@/lib/actions/roll-up';
import { describeEvent } from '@/lib/audit/describe-event';
import { assertCan, can } from '@/lib/auth/permissions';
import { recommendationScope } from '@/lib/auth/scopes';
import type { Actor } from '@/lib/auth/session-user';
import { db } from '@/lib/db';
import { NotFoundError } from '@/lib/errors';
import { ukDay } from '@/lib/days';
import { byReference } from '@/lib/reviews/reference-order';
import { isDone, isOverdue } from './status';
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
      actions: {
        where: liveActionsForRag.where,
        select: {
          ...liveActionsForRag.select,
          id: true,
          text: true,
          ownerAgencyId: true,
          ownerAgency: { select: { id: true, name: true, shortName: true } },
          leadOfficer: { select: { id: true, name: true } },
        },
      },
      // What a reviewer's decision needs to know (lib/recommendations/workflow.ts), and evidence titles for the timeline.
      evidence: { where: { archivedAt: null }, select: { id: true, title: true, assessment: true, submittedById: true } },
    },
  });
  if (!recommendation) throw new NotFoundError('recommendation');

  const [events, historyTotal, everyAction] = await Promise.all([
    db.historyEvent.findMany({
      where: { recommendationId: id },
      orderBy: { id: 'desc' },
      take: fullHistory ? undefined : RECENT_HISTORY,
      include: { actor: { select: { name: true } } },
    }),
    db.historyEvent.count({ where: { recommendationId: id } }),
    // Archived actions too: the history names them.
    db.action.findMany({ where: { recommendationId: id }, select: { id: true, reference: true } }),
  ]);
  // Only the comments the shown entries name.
  const commentIds = events.filter((event) => event.kind === 'comment.added').map((event) => event.subjectId);
  const comments = commentIds.length ? await db.comment.findMany({ where: { id: { in: commentIds } }, select: { id: true, body: true } }) : [];
  const commentBodies = new Map(comments.map((comment) => [comment.id, comment.body]));

  const today = ukDay(now);
  const ragRows = forRag(recommendation.actions);
  const rag = recommendationRag(recommendation, ragRows, now);
  const actions = recommendation.actions
    .map((action, index) => ({
      id: action.id,
      reference: action.reference,
      label: actionLabel(recommendation.reference, action.reference),
      /** Null: the recommendation as written. */
      text: action.text,
      ownerAgency: action.ownerAgency,
      leadOfficer: action.leadOfficer,
      status: action.status,
      dueDate: action.dueDate,
      originalDueDate: action.originalDueDate,
      rag: actionRag(ragRows[index]!, now),
      overdue: isOverdue(action, today),
      mayUpdateProgress: can(actor, 'recommendation:update-progress', action),
    }))
    .sort(byReference);

  // Per agency, in the order their first action comes.
  const byAgency = new Map<string, { agency: { id: string; name: string }; actions: number; done: number; overdue: number }>();
  for (const action of actions) {
    const row = byAgency.get(action.ownerAgency.id) ?? { agency: action.ownerAgency, actions: 0, done: 0, overdue: 0 };
    row.actions += 1;
    if (isDone(action.status)) row.done += 1;
    if (action.overdue) row.overdue += 1;
    byAgency.set(action.ownerAgency.id, row);
  }

  const evidenceTitles = new Map(recommendation.evidence.map((item) => [item.id, item.title]));
  const actionLabels = new Map(everyAction.map((action) => [action.id, actionLabel(recommendation.reference, action.reference)]));
  // The recommendation's lead agency stands for it where a rule asks whose it is (commenting).
  const record = { ownerAgencyId: recommendation.ownerAgencyId };
  const { actions: _rows, evidence, ...rest } = recommendation;
  return {
    ...rest,
    actions,
    byAgency: [...byAgency.values()],
    rag,
    overdue: isOverdue(recommendation, today),
    // What the decision control offers: the same rule the server enforces.
    decisionChoices: can(actor, 'recommendation:decide', record)
      ? statusChoices({ ...recommendation, evidence }, actor, 'recommendation')
      : { offered: [], notOffered: [] },
    timeline: events.map((event) => ({
      id: event.id,
      at: event.occurredAt,
      kind: event.kind,
      actorName: event.actor?.name ?? 'The system',
      description: describeEvent({ ...event, actorName: event.actor?.name ?? null }, { evidenceTitles, actionLabels }),
      note: event.kind === 'comment.added' ? (commentBodies.get(event.subjectId) ?? event.note) : event.note,
    })),
    /** How many history entries there are in all (the timeline may show only the latest). */
    historyTotal,
    permissions: {
      edit: can(actor, 'recommendation:edit', record),
      addAction: can(actor, 'recommendation:edit', record) && can(actor, 'recommendation:assign-owner', record),
      decide: can(actor, 'recommendation:decide', record),
      comment: can(actor, 'comment:add', record),
    },
  };
}
