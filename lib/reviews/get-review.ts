import 'server-only';
import { byReference } from './reference-order';
import { assertCan } from '@/lib/auth/permissions';
import { reviewScope } from '@/lib/auth/scopes';
import type { Actor } from '@/lib/auth/session-user';
import { db } from '@/lib/db';
import { NotFoundError } from '@/lib/errors';
import { findingStatus } from '@/lib/findings/finding-status';
import { ukDay } from '@/lib/days';
import { forRag, liveActionsForRag } from '@/lib/actions/actions-for-rag';
import { recommendationRag } from '@/lib/actions/roll-up';
import { isOverdue } from '@/lib/recommendations/status';

export type ReviewDetail = Awaited<ReturnType<typeof getReview>>;

/** The review page: the review, its live findings with their derived status, and its live recommendations. */
export async function getReview(actor: Actor, id: string, now = new Date()) {
  assertCan(actor, 'review:read');
  const review = await db.review.findFirst({
    where: { AND: [{ id }, reviewScope(actor)] },
    include: {
      findings: {
        where: { archivedAt: null },
        include: {
          recommendations: { where: { archivedAt: null }, select: { id: true, reference: true, status: true } },
        },
      },
      recommendations: {
        where: { archivedAt: null },
        include: {
          ownerAgency: { select: { id: true, name: true, shortName: true } },
          leadOfficer: { select: { id: true, name: true } },
          findings: { where: { archivedAt: null }, select: { id: true, reference: true } },
          actions: liveActionsForRag,
        },
      },
    },
  });
  if (!review) throw new NotFoundError('review');

  const { findings, recommendations, ...fields } = review;
  return {
    ...fields,
    findings: findings.sort(byReference).map(({ recommendations: answeredBy, ...finding }) => {
      const status = findingStatus(answeredBy.map((r) => r.status));
      return {
        ...finding,
        status,
        flagged: status === 'UNANSWERED',
        answeredBy: answeredBy.sort(byReference).map((r) => ({ id: r.id, reference: r.reference })),
      };
    }),
    recommendations: recommendations.sort(byReference).map(({ actions, findings: answers, ...r }) => ({
      id: r.id,
      reference: r.reference,
      text: r.text,
      status: r.status,
      priority: r.priority,
      response: r.response,
      rag: recommendationRag(r, forRag(actions), now),
      ownerAgency: r.ownerAgency,
      leadOfficer: r.leadOfficer,
      dueDate: r.dueDate,
      originalDueDate: r.originalDueDate,
      overdue: isOverdue(r, ukDay(now)),
      findings: answers.sort(byReference),
    })),
  };
}
