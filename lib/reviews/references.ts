import 'server-only';
import type { Tx } from '@/lib/db';
import { refusingDuplicate } from '@/lib/db/unique';
import { RuleError } from '@/lib/errors';

export const REFERENCE_TAKEN = 'That reference is already used in this review';

/**
 * References (F1, R1) are unique within a review, archived records included
 * (the unique index covers them, and history refers to them). Compared without
 * regard to case, so "f1" cannot sit beside "F1". Called inside the
 * transaction that writes the reference.
 */
export async function assertReferenceFree(
  tx: Tx,
  type: 'finding' | 'recommendation',
  reviewId: string,
  reference: string,
  exceptId?: string,
) {
  const where = {
    reviewId,
    reference: { equals: reference, mode: 'insensitive' as const },
    ...(exceptId ? { id: { not: exceptId } } : {}),
  };
  const taken =
    type === 'finding'
      ? await tx.finding.findFirst({ where, select: { archivedAt: true } })
      : await tx.recommendation.findFirst({ where, select: { archivedAt: true } });
  if (taken) {
    throw new RuleError(taken.archivedAt ? `${REFERENCE_TAKEN} (by an archived ${type})` : REFERENCE_TAKEN, 'reference');
  }
}

/** Two saves racing past the check: the second gets the same field message (lib/db/unique.ts). */
export function refusingDuplicateReference<T>(write: () => Promise<T>): Promise<T> {
  return refusingDuplicate(write, REFERENCE_TAKEN, 'reference');
}
