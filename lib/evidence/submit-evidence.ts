import 'server-only';
import { contentSha256 } from '@/lib/audit/chain';
import { recordEvent } from '@/lib/audit/record-event';
import { assertCan } from '@/lib/auth/permissions';
import type { Actor } from '@/lib/auth/session-user';
import { db } from '@/lib/db';
import { RuleError } from '@/lib/errors';
import { findLiveAction } from '@/lib/actions/find-action';
import { refreshRecommendation } from '@/lib/actions/refresh-recommendation';
import { detectFileType, MAX_FILE_BYTES, MAX_FILE_SIZE_TEXT, safeFileName } from './file-type';
import type { SubmitEvidenceValues } from './submit-evidence.schema';

/**
 * Evidence for an action: a link, or a file whose type is decided by
 * its content and stored in PostgreSQL. The evidence, its file and the
 * history event are written in one transaction; a refused file writes
 * nothing. Evidence is an update of substance, so it resets the stall clock
 * (lastProgressAt) without touching the action's version: someone
 * editing the action at the same time is not refused because of it.
 */
export async function submitEvidence(actor: Actor, input: SubmitEvidenceValues) {
  return db.$transaction(async (tx) => {
    const action = await findLiveAction(tx, input.actionId);
    assertCan(actor, 'evidence:submit', action);

    if (Boolean(input.url) === Boolean(input.file)) {
      throw new RuleError('Give a link to the evidence or choose a file to upload, not both', input.url ? 'url' : 'file');
    }
    const file = input.file ? await readUpload(input.file) : null;

    const evidence = await tx.evidence.create({
      data: {
        recommendationId: action.recommendationId,
        actionId: action.id,
        title: input.title,
        description: input.description,
        kind: input.kind,
        url: input.url ?? null,
        submittedById: actor.id,
        ...(file ? { file: { create: file } } : {}),
      },
    });
    await tx.action.update({ where: { id: action.id }, data: { lastProgressAt: evidence.submittedAt } });
    await refreshRecommendation(tx, action.recommendationId);
    await recordEvent(tx, {
      actorId: actor.id,
      kind: 'evidence.submitted',
      subjectId: evidence.id,
      subjectVersion: evidence.version,
      after: {
        actionId: action.id,
        title: evidence.title,
        kind: evidence.kind,
        ...(file ? { fileName: file.fileName, mediaType: file.mediaType, size: file.size, sha256: file.sha256 } : { url: evidence.url }),
      },
      note: evidence.description || null,
      ...action.scope,
    });
    return { evidenceId: evidence.id };
  });
}

/** Checks an uploaded file by its content and returns the row to store. */
async function readUpload(upload: File) {
  if (upload.size > MAX_FILE_BYTES) throw new RuleError(`The file must be ${MAX_FILE_SIZE_TEXT} or smaller`, 'file');
  const content = new Uint8Array(await upload.arrayBuffer());
  const detected = detectFileType(content, upload.name);
  if (!detected.ok) throw new RuleError(detected.reason, 'file');
  return {
    fileName: safeFileName(upload.name, detected.type.extension),
    mediaType: detected.type.mediaType,
    size: content.length,
    sha256: contentSha256(content),
    content,
  };
}
