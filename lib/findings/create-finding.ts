import 'server-only';
import type { z } from 'zod';
import { recordEvent } from '@/lib/audit/record-event';
import { assertCan } from '@/lib/auth/permissions';
import type { Actor } from '@/lib/auth/session-user';
import { db } from '@/lib/db';
import { NotFoundError } from '@/lib/errors';
import { assertReferenceFree, refusingDuplicateReference } from '@/lib/reviews/references';
import type { createFindingSchema } from './finding.schema';

/** A new finding of a live review, with its 'finding.created' event in the same transaction. */
export async function createFinding(actor: Actor, input: z.output<typeof createFindingSchema>) {
  assertCan(actor, 'finding:edit');
  const fields = { reference: input.reference, text: input.text, theme: input.theme, severity: input.severity };
  return refusingDuplicateReference(() =>
    db.$transaction(async (tx) => {
      const review = await tx.review.findFirst({ where: { id: input.reviewId, archivedAt: null }, select: { id: true } });
      if (!review) throw new NotFoundError('review');
      await assertReferenceFree(tx, 'finding', review.id, fields.reference);
      const finding = await tx.finding.create({ data: { reviewId: review.id, ...fields } });
      await recordEvent(tx, {
        actorId: actor.id,
        kind: 'finding.created',
        subjectId: finding.id,
        subjectVersion: finding.version,
        after: fields,
        reviewId: review.id,
      });
      return { id: finding.id, reviewId: review.id, version: finding.version };
    }),
  );
}
