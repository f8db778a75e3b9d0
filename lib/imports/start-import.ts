import 'server-only';
import { createHash } from 'node:crypto';
import type { Actor } from '@/lib/auth/session-user';
import { db } from '@/lib/db';
import { NotFoundError, RuleError } from '@/lib/errors';
import { findHeaderRow } from './columns';
import { assertCanImport } from './read-import';
import { readSpreadsheet } from './read-spreadsheet';

/**
 * Keeps an uploaded spreadsheet for a review and makes a first guess at how
 * to read it: the first sheet with a recognisable header row, and its
 * columns. Status words other than the product's own wait for the user to
 * confirm what they mean (the preview proposes). Writes nothing to the
 * review: the user checks the preview, then commits.
 */
export async function startPlanImport(actor: Actor, input: { reviewId: string; file: File }) {
  assertCanImport(actor);
  const review = await db.review.findFirst({ where: { id: input.reviewId, archivedAt: null }, select: { id: true } });
  if (!review) throw new NotFoundError('review');
  const bytes = new Uint8Array(await input.file.arrayBuffer());
  const read = await readSpreadsheet({ name: input.file.name, bytes });
  if (!read.ok) throw new RuleError(read.problem, 'file');

  const found = read.sheets.map((sheet) => ({ sheet, header: findHeaderRow(sheet.rows) })).find(({ header }) => header) ?? null;
  const sheet = found?.sheet ?? read.sheets.find((s) => s.rows.length) ?? read.sheets[0];
  if (!sheet || !sheet.rows.length) throw new RuleError('The file has no rows to import', 'file');
  const headerRow = found?.header ? sheet.rows[found.header.index]!.number : sheet.rows[0]!.number;
  const columns = found?.header?.mapping ?? [];

  const created = await db.planImport.create({
    data: {
      reviewId: review.id,
      fileName: input.file.name,
      sha256: createHash('sha256').update(bytes).digest('hex'),
      content: bytes,
      sheetName: sheet.name,
      headerRow,
      columns,
      uploadedById: actor.id,
    },
    select: { id: true },
  });
  return created;
}
