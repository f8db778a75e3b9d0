import 'server-only';
import type { Prisma } from '@/lib/db/client';
import type { ActionForRag } from './roll-up';

/** A recommendation's live actions with what their RAG needs: include as `actions: liveActionsForRag`. */
export const liveActionsForRag = {
  where: { archivedAt: null },
  select: {
    reference: true,
    status: true,
    dueDate: true,
    originalDueDate: true,
    createdAt: true,
    lastProgressAt: true,
    ragOverride: true,
    measures: { where: { archivedAt: null }, select: { target: true, currentValue: true } },
  },
} satisfies Prisma.Recommendation$actionsArgs;

type Row = Prisma.ActionGetPayload<{ select: (typeof liveActionsForRag)['select'] }>;

/** Rows as `recommendationRag` takes them (decimals as numbers). */
export function forRag(rows: readonly Row[]): ActionForRag[] {
  return rows.map((row) => ({
    ...row,
    measures: row.measures.map((measure) => ({ target: measure.target.toNumber(), currentValue: measure.currentValue.toNumber() })),
  }));
}
