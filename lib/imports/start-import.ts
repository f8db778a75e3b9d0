import 'server-only';
import { assertCan } from '@/lib/auth/permissions';
import { createHash } from 'node:crypto';
import type { Actor } from '@/lib/auth/session-user';
import { db } from '@/lib/db';
import { NotFoundError, RuleError } from '@/lib/errors';
import { findHeaderRow } from './columns';
import { readSpreadsheet } from './read-spreadsheet';

export const NO_HEADINGS =
  'No row of this file has the column headings of an action plan: a Recommendation or Action column and another such as Reference, Agency, Due date or Status (in the first 30 rows). Add a row of headings, or start from the template.';

/**
 * Keeps an uploaded spreadsheet for a review and makes a first guess at how
 * to read it: the first sheet with a recognisable header row, and its
 * columns. Status words other than the product's own wait for the user to
 * confirm what they mean (the preview proposes). Writes nothing to the
 * review: the user checks the preview, then commits.
 */
export async function startPlanImport(actor: Actor, input: { reviewId: string; file: File }) {
  // Every step: importing writes recommendations and actions and names their owners.
  assertCan(actor, 'plan:import');
  const review = await db.review.findFirst({ where: { id: input.reviewId, archivedAt: null }, select: { id: true } });
  if (!review) throw new NotFoundError('review');
  const bytes = new Uint8Array(await input.file.arrayBuffer());
  const read = await readSpreadsheet({ name: input.file.name, bytes });
  if (!read.ok) throw new RuleError(read.problem, 'file');

  // A file with no row of plan headings is not a plan (and whatever it is, nothing in it can be matched).
  const found = read.sheets.map((sheet) => ({ sheet, header: findHeaderRow(sheet.rows) })).find(({ header }) => header);
  if (!found?.header) throw new RuleError(NO_HEADINGS, 'file');
  const { sheet, header } = found;
  const headerRow = sheet.rows[header.index]!.number;
  const columns = header.mapping;

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
