import 'server-only';
import { describeEvent } from '@/lib/audit/describe-event';
import { assertCan, can, canAssess } from '@/lib/auth/permissions';
import { recommendationScope } from '@/lib/auth/scopes';
import type { Actor } from '@/lib/auth/session-user';
import { db } from '@/lib/db';
import { ukDay } from '@/lib/days';
import { NotFoundError } from '@/lib/errors';
import { isOverdue } from '@/lib/recommendations/status';
import { statusChoices } from '@/lib/recommendations/workflow';
import { actionLabel, actionRag } from './roll-up';

export type ActionDetail = Awaited<ReturnType<typeof getAction>>;

/** How many history entries the page shows unless asked for all. */
export const RECENT_ACTION_HISTORY = 30;

export type GetActionOptions = {
  /** Every history entry, not only the latest RECENT_ACTION_HISTORY. */
  fullHistory?: boolean;
  now?: Date;
};

/**
 * Everything the action page shows: the action, its recommendation and review
 * (for the way back), its evidence and measures, what this user may do, and
 * its part of the history (its own events, and those of its evidence and
 * measures; a migrated action shares its recommendation's id, so the events
 * written before actions are found with it).
 */
export async function getAction(actor: Actor, id: string, { fullHistory = false, now = new Date() }: GetActionOptions = {}) {
  assertCan(actor, 'review:read');
  const action = await db.action.findFirst({
    where: { id, archivedAt: null, recommendation: recommendationScope(actor) },
    include: {
      recommendation: {
        select: { id: true, reference: true, text: true, status: true, review: { select: { id: true, title: true } } },
      },
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
  if (!action) throw new NotFoundError('action');

  // Archived evidence and measures too: the history names them.
  const [everyEvidence, everyMeasure, siblings] = await Promise.all([
    db.evidence.findMany({ where: { actionId: id }, select: { id: true, title: true } }),
    db.measure.findMany({ where: { actionId: id }, select: { id: true } }),
    db.action.count({ where: { recommendationId: action.recommendationId, archivedAt: null } }),
  ]);
  const subjects = { recommendationId: action.recommendationId, subjectId: { in: [id, ...everyEvidence.map((e) => e.id), ...everyMeasure.map((m) => m.id)] } };
  const [events, historyTotal, measureEvents] = await Promise.all([
    db.historyEvent.findMany({
      where: subjects,
      orderBy: { id: 'desc' },
      take: fullHistory ? undefined : RECENT_ACTION_HISTORY,
      include: { actor: { select: { name: true } } },
    }),
    db.historyEvent.count({ where: subjects }),
    // Every past value of every measure, whatever part of the history is shown.
    db.historyEvent.findMany({
      where: { recommendationId: action.recommendationId, kind: 'measure.updated', subjectId: { in: action.measures.map((m) => m.id) } },
      orderBy: { id: 'desc' },
      select: { occurredAt: true, subjectId: true, after: true, note: true, actor: { select: { name: true } } },
    }),
  ]);

  const measures = action.measures.map((measure) => ({
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

  const label = actionLabel(action.recommendation.reference, action.reference);
  const rag = actionRag({ ...action, measures }, now);
  const evidenceTitles = new Map(everyEvidence.map((item) => [item.id, item.title]));
  const actionLabels = new Map([[action.id, label]]);
  const record = { ownerAgencyId: action.ownerAgencyId };
  return {
    ...action,
    label,
    /** The recommendation's other live actions, besides this one. */
    otherActions: siblings - 1,
    // Whether this user may assess each piece: a reviewer who did not submit it.
    evidence: action.evidence.map((item) => ({ ...item, mayAssess: item.assessment === 'PENDING' && canAssess(actor, item) })),
    measures,
    rag,
    overdue: isOverdue(action, ukDay(now)),
    // What the status control offers: the same rule the server enforces.
    statusChoices: can(actor, 'recommendation:update-progress', record)
      ? statusChoices(action, actor, 'action')
      : { offered: [], notOffered: [] },
    timeline: events.map((event) => ({
      id: event.id,
      at: event.occurredAt,
      kind: event.kind,
      actorName: event.actor?.name ?? 'The system',
      description: describeEvent({ ...event, actorName: event.actor?.name ?? null }, { evidenceTitles, actionLabels }),
      note: event.note,
    })),
    /** How many history entries there are in all (the timeline may show only the latest). */
    historyTotal,
    permissions: {
      updateProgress: can(actor, 'recommendation:update-progress', record),
      edit: can(actor, 'recommendation:edit', record),
      overrideRag: can(actor, 'recommendation:override-rag', record),
      submitEvidence: can(actor, 'evidence:submit', record),
      assessEvidence: can(actor, 'evidence:assess', record),
      defineMeasures: can(actor, 'recommendation:edit', record),
    },
  };
}
