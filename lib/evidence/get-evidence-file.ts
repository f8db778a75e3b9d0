import 'server-only';
import { assertCan } from '@/lib/auth/permissions';
import { evidenceScope } from '@/lib/auth/scopes';
import type { Actor } from '@/lib/auth/session-user';
import { db } from '@/lib/db';
import { NotFoundError } from '@/lib/errors';

/** An evidence file's bytes, with the safe name and media type decided when it was uploaded. */
export async function getEvidenceFile(actor: Actor, evidenceId: string) {
  assertCan(actor, 'review:read');
  const file = await db.evidenceFile.findFirst({
    where: { evidenceId, evidence: evidenceScope(actor) },
    select: { fileName: true, mediaType: true, size: true, content: true },
  });
  if (!file) throw new NotFoundError('file');
  return file;
}
