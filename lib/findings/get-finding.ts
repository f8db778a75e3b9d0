import 'server-only';
import { assertCan } from '@/lib/auth/permissions';
import { findingScope } from '@/lib/auth/scopes';
import type { Actor } from '@/lib/auth/session-user';
import { db } from '@/lib/db';
import { NotFoundError } from '@/lib/errors';

/** A live finding of a live review, for its edit page. */
export async function getFinding(actor: Actor, id: string) {
  assertCan(actor, 'review:read');
  const finding = await db.finding.findFirst({
    where: { AND: [{ id }, findingScope(actor)] },
    include: { review: { select: { id: true, title: true } } },
  });
  if (!finding) throw new NotFoundError('finding');
  return finding;
}
