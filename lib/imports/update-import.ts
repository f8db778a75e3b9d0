import 'server-only';
import { assertCan } from '@/lib/auth/permissions';
import type { z } from 'zod';
import type { Actor } from '@/lib/auth/session-user';
import { db } from '@/lib/db';
import { ConflictError, NotFoundError, RuleError } from '@/lib/errors';
import type { importSettingsSchema } from './import.schema';
import { headerTexts, type ImportField, recogniseColumn, type SheetRow } from './columns';
import { readStoredFile } from './read-import';

/** Each heading's field, as recognised; a field already taken by a column to its left is not given twice. */
function recognisedColumns(header: SheetRow | undefined): (ImportField | null)[] {
  const taken = new Set<ImportField>();
  return (header ? headerTexts(header) : []).map((text) => {
    const field = recogniseColumn(text);
    if (!field || taken.has(field)) return null;
    taken.add(field);
    return field;
  });
}

export const ALREADY_IMPORTED = 'This file has already been imported. Upload it again to check it against the review as it is now.';

/** How to read the file: the sheet, the header row, what each column holds, what each status word means, defaults. */
export async function updatePlanImport(actor: Actor, input: z.output<typeof importSettingsSchema>) {
  // Every step: importing writes recommendations and actions and names their owners.
  assertCan(actor, 'plan:import');
  const record = await db.planImport.findUnique({ where: { id: input.importId }, include: { review: { select: { archivedAt: true } } } });
  if (!record || record.review.archivedAt) throw new NotFoundError('import');
  if (record.committedAt) throw new RuleError(ALREADY_IMPORTED);
  const file = await readStoredFile({ ...record, sheetName: input.sheetName });
  if (file.sheet.name !== input.sheetName) throw new RuleError('Choose one of the file’s sheets', 'sheetName');
  // A new sheet starts from its first row; otherwise the row must hold something.
  const sheetChanged = input.sheetName !== record.sheetName;
  const headerRow = sheetChanged ? (file.sheet.rows[0]?.number ?? 1) : input.headerRow;
  if (!sheetChanged && !file.sheet.rows.some((row) => row.number === headerRow)) {
    throw new RuleError(`Row ${headerRow} of “${file.sheet.name}” is blank: enter the row with the column headings`, 'headerRow');
  }
  if (input.defaultFindingId) {
    const finding = await db.finding.findFirst({ where: { id: input.defaultFindingId, reviewId: record.reviewId, archivedAt: null }, select: { id: true } });
    if (!finding) throw new RuleError('Choose a finding of this review', 'defaultFindingId');
  }
  const statusWords = Object.fromEntries(input.statusWords.map(({ word, status }) => [word.trim(), status]));
  const updated = await db.planImport.updateMany({
    where: { id: record.id, version: input.version, committedAt: null },
    data: {
      sheetName: file.sheet.name,
      headerRow,
      // A new header row is read afresh; otherwise the columns are as the user mapped them.
      columns: sheetChanged || headerRow !== record.headerRow ? recognisedColumns(file.sheet.rows.find((row) => row.number === headerRow)) : input.columns,
      statusWords,
      defaultDueDate: input.defaultDueDate,
      defaultFindingId: input.defaultFindingId,
      version: { increment: 1 },
    },
  });
  if (updated.count !== 1) throw new ConflictError([], record.version);
  return { id: record.id, version: input.version + 1 };
}
