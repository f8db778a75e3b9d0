import 'server-only';
import type { z } from 'zod';
import { refreshRecommendation } from '@/lib/actions/refresh-recommendation';
import type { decideRecommendationSchema } from '@/lib/actions/update-progress.schema';
import { recordEvent } from '@/lib/audit/record-event';
import { claimVersion } from '@/lib/audit/versions';
import { ForbiddenError } from '@/lib/auth/permissions';
import type { Actor } from '@/lib/auth/session-user';
import { db } from '@/lib/db';
import { NotFoundError, RuleError } from '@/lib/errors';
import { isClosed, isSetAside } from './status';
import { checkTransition } from './workflow';

/**
 * A reviewer's decision on a whole recommendation, with a rationale: set it
 * aside (not accepted, superseded), which closes each of its unfinished
 * actions with it, or reopen it, which reopens the actions that decision
 * closed. One event for the decision and one for each action it moves, in one
 * transaction.
 */
export async function decideRecommendation(actor: Actor, input: z.output<typeof decideRecommendationSchema>) {
  return db.$transaction(async (tx) => {
    const existing = await tx.recommendation.findFirst({ where: { id: input.recommendationId, archivedAt: null }, select: { id: true } });
    if (!existing) throw new NotFoundError('recommendation');
    const version = await claimVersion(tx, 'recommendation', input.recommendationId, input.version);
    const recommendation = await tx.recommendation.findUniqueOrThrow({
      where: { id: input.recommendationId },
      include: { evidence: { where: { archivedAt: null }, select: { assessment: true, submittedById: true } } },
    });
    const check = checkTransition(recommendation, input.status, actor, 'recommendation');
    if (!check.allowed) throw check.missing ? new ForbiddenError(check.missing) : new RuleError(check.reason, 'status');

    const reopening = isSetAside(recommendation.status);
    const actions = await tx.action.findMany({
      where: { recommendationId: recommendation.id, archivedAt: null },
      select: { id: true, status: true, version: true },
      orderBy: { createdAt: 'asc' },
    });
    // Setting aside closes what is unfinished (verified work stays verified); reopening reopens what it closed.
    const moving = actions.filter((action) => (reopening ? action.status === recommendation.status : !isClosed(action.status)));
    const now = new Date();
    const scope = { reviewId: recommendation.reviewId, recommendationId: recommendation.id };
    await tx.action.updateMany({
      where: { id: { in: moving.map((action) => action.id) } },
      data: { status: input.status, statusChangedAt: now, lastProgressAt: now, progressNote: input.note, version: { increment: 1 } },
    });
    await refreshRecommendation(tx, recommendation.id);
    await recordEvent(tx, {
      actorId: actor.id,
      kind: 'recommendation.status_changed',
      subjectId: recommendation.id,
      subjectVersion: version,
      before: { status: recommendation.status },
      after: { status: input.status },
      note: input.note,
      ...scope,
    });
    for (const action of moving) {
      await recordEvent(tx, {
        actorId: actor.id,
        kind: 'action.status_changed',
        subjectId: action.id,
        subjectVersion: action.version + 1,
        before: { status: action.status },
        after: { status: input.status },
        note: input.note,
        ...scope,
      });
    }
    return { version };
  });
}
