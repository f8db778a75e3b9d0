import 'server-only';
import type { z } from 'zod';
import { recordEvent } from '@/lib/audit/record-event';
import { claimVersion } from '@/lib/audit/versions';
import { assertCan } from '@/lib/auth/permissions';
import type { Actor } from '@/lib/auth/session-user';
import { db, type Tx } from '@/lib/db';
import { RuleError } from '@/lib/errors';
import { isClosed } from '@/lib/recommendations/status';
import { findLiveAction } from './find-action';
import type { overrideRagSchema, withdrawRagOverrideSchema } from './override-rag.schema';

async function claim(tx: Tx, actor: Actor, id: string, baseVersion: number) {
  const found = await findLiveAction(tx, id);
  assertCan(actor, 'recommendation:override-rag', found);
  const version = await claimVersion(tx, 'action', id, baseVersion);
  const action = await tx.action.findUniqueOrThrow({ where: { id } });
  return { version, action, scope: found.scope };
}

/**
 * A reviewer sets the RAG rating by hand, with a justification that stays on
 * record (on the action until withdrawn, and in its history for ever).
 */
export async function overrideRag(actor: Actor, input: z.output<typeof overrideRagSchema>) {
  return db.$transaction(async (tx) => {
    const { version, action, scope } = await claim(tx, actor, input.actionId, input.version);
    if (isClosed(action.status)) {
      throw new RuleError('A closed action has no RAG rating to override', 'rating');
    }
    await tx.action.update({
      where: { id: action.id },
      data: {
        ragOverride: input.rating,
        ragOverrideJustification: input.justification,
        ragOverrideById: actor.id,
        ragOverrideAt: new Date(),
      },
    });
    await recordEvent(tx, {
      actorId: actor.id,
      kind: 'action.rag_overridden',
      subjectId: action.id,
      subjectVersion: version,
      before: { rating: action.ragOverride, justification: action.ragOverrideJustification },
      after: { rating: input.rating, justification: input.justification },
      note: input.justification,
      ...scope,
    });
    return { version };
  });
}

/** A reviewer withdraws the override, with a reason: the computed rating applies again. */
export async function withdrawRagOverride(actor: Actor, input: z.output<typeof withdrawRagOverrideSchema>) {
  return db.$transaction(async (tx) => {
    const { version, action, scope } = await claim(tx, actor, input.actionId, input.version);
    if (!action.ragOverride) throw new RuleError('The RAG rating is not overridden, so there is nothing to withdraw');
    await tx.action.update({
      where: { id: action.id },
      data: { ragOverride: null, ragOverrideJustification: null, ragOverrideById: null, ragOverrideAt: null },
    });
    await recordEvent(tx, {
      actorId: actor.id,
      kind: 'action.rag_override_withdrawn',
      subjectId: action.id,
      subjectVersion: version,
      before: { rating: action.ragOverride, justification: action.ragOverrideJustification },
      after: { rating: null, justification: null },
      note: input.reason,
      ...scope,
    });
    return { version };
  });
}
