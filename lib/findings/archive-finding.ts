import 'server-only';
import type { z } from 'zod';
import { recordEvent } from '@/lib/audit/record-event';
import { claimVersion } from '@/lib/audit/versions';
import { assertCan } from '@/lib/auth/permissions';
import type { Actor } from '@/lib/auth/session-user';
import { db } from '@/lib/db';
import type { archiveSchema } from '@/lib/reviews/review.schema';

/**
 * Archives a finding: it drops out of the review page, its row stays, and so
 * do its links to the recommendations answering it (their history still names it).
 */
export async function archiveFinding(actor: Actor, input: z.output<typeof archiveSchema>) {
  assertCan(actor, 'finding:edit');
  return db.$transaction(async (tx) => {
    const version = await claimVersion(tx, 'finding', input.id, input.version);
    const now = new Date();
    const finding = await tx.finding.update({ where: { id: input.id }, data: { archivedAt: now } });
    await recordEvent(tx, {
      actorId: actor.id,
      kind: 'finding.archived',
      subjectId: finding.id,
      subjectVersion: version,
      before: { archivedAt: null },
      after: { reference: finding.reference, archivedAt: now },
      note: input.archiveReason,
      reviewId: finding.reviewId,
    });
    return { id: finding.id, reviewId: finding.reviewId, version };
  });
}
