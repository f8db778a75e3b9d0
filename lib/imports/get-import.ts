import 'server-only';
import { assertCan } from '@/lib/auth/permissions';
import type { Actor } from '@/lib/auth/session-user';
import { db } from '@/lib/db';
import { NotFoundError } from '@/lib/errors';
import { byReference } from '@/lib/reviews/reference-order';
import { planFor, settingsOf } from './read-import';

/**
 * An upload with its preview: the file's sheets and headings, the settings
 * chosen, and the plan against the review as it is now. Once committed, what
 * the commit did (the plan is not computed again).
 */
export async function getPlanImport(actor: Actor, importId: string) {
  // Every step: importing writes recommendations and actions and names their owners.
  assertCan(actor, 'plan:import');
  const record = await db.planImport.findUnique({
    where: { id: importId },
    include: { review: { select: { id: true, title: true, archivedAt: true } }, uploadedBy: { select: { name: true } } },
  });
  if (!record || record.review.archivedAt) throw new NotFoundError('import');
  const { review, uploadedBy, content: _content, ...upload } = record;
  const summary = { ...upload, review: { id: review.id, title: review.title }, uploadedBy: uploadedBy.name, settings: settingsOf(record) };
  if (record.committedAt) return { ...summary, committed: true as const };

  const now = new Date();
  const { file, data, plan, fingerprint } = await planFor(db, record, now);
  // Each column's first value below the header, to help map it.
  const samples = file.headers.map((_, i) => {
    const row = file.dataRows.find((r) => r.cells[i] !== null && r.cells[i] !== undefined && r.cells[i] !== '');
    const cell = row?.cells[i];
    return cell === undefined || cell === null ? '' : typeof cell === 'object' ? cell.day : String(cell);
  });
  return {
    ...summary,
    committed: false as const,
    kind: file.kind,
    sheets: file.sheets.map((sheet) => ({ name: sheet.name, rows: sheet.rows.length })),
    headers: file.headers,
    samples,
    // The review's findings, as the plan read them: for the finding new rows without one answer.
    findings: [...data.findings].sort(byReference),
    plan,
    fingerprint,
  };
}
