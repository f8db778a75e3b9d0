// Spreadsheet files for tests of the importer, built as bytes at test time
// (real files, written by exceljs or byte by byte, so tests read back what an
// upload would carry). The expected values are in PLAN_* below, beside the
// builders. writeSpreadsheetFixtures puts every file in a folder for trying
// by hand.
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { Zip, ZipDeflate, strFromU8, strToU8, unzipSync, zipSync } from 'fflate';
import { MAX_IMPORT_BYTES, MAX_IMPORT_ROWS } from '@/lib/imports/import-limits';

// ---- Workbooks --------------------------------------------------------------

/** The action plan's first sheet's name, title and merged recommendation text. */
export const PLAN_SHEET = 'Action plan';
export const PLAN_TITLE = 'Rochdale SCR – action plan';
export const PLAN_RECOMMENDATION = 'Improve multi-agency training on child sexual exploitation';

/**
 * An action plan as partnerships keep them: a merged title row, two blank rows
 * above the header (row 4), recommendation R1 merged down its three action
 * rows (A5:A7 and B5:B7), due dates as date cells, a blank row, a notes row
 * (row 10), a formula with a cached result (row 12: `A1+1`, result 5), and two
 * more sheets ("Lookups", "Notes").
 */
export async function actionPlanXlsx(): Promise<Uint8Array> {
  const workbook = new ExcelJS.Workbook();
  const plan = workbook.addWorksheet(PLAN_SHEET);
  plan.getCell('A1').value = PLAN_TITLE;
  plan.mergeCells('A1:G1');
  plan.getRow(4).values = ['Ref', 'Recommendation', 'Action ref', 'Action', 'Agency', 'Due date', 'Status'];
  const actions: [string, string, string, Date, string][] = [
    ['R1.1', 'Run the training twice a year', "Children's social care", utcDay(2013, 3, 31), 'In progress'],
    ['R1.2', 'Release health staff to attend', 'Health', utcDay(2013, 4, 30), 'Not started'],
    ['R1.3', 'Release school staff to attend', 'Education', utcDay(2013, 5, 31), 'Done'],
  ];
  actions.forEach(([ref, action, agency, due, status], i) => {
    const row = plan.getRow(5 + i);
    row.getCell(3).value = ref;
    row.getCell(4).value = action;
    row.getCell(5).value = agency;
    row.getCell(6).value = due;
    row.getCell(7).value = status;
  });
  plan.getCell('A5').value = 'R1';
  plan.getCell('B5').value = PLAN_RECOMMENDATION;
  plan.mergeCells('A5:A7');
  plan.mergeCells('B5:B7');
  plan.getRow(8).values = ['R2', 'Hold multi-agency meetings monthly', 'R2.1', 'Convene the meetings', 'Police', utcDay(2013, 6, 30), 'In progress'];
  plan.getCell('A10').value = 'Notes: due dates are those agreed at the board on 1 October 2012.';
  plan.getCell('A12').value = 'Actions in plan';
  plan.getCell('B12').value = { formula: 'A1+1', result: 5 };
  plan.getColumn(6).numFmt = 'dd/mm/yyyy';

  const lookups = workbook.addWorksheet('Lookups');
  ['Not started', 'In progress', 'Done'].forEach((status, i) => (lookups.getCell(i + 1, 1).value = status));
  const notes = workbook.addWorksheet('Notes');
  notes.getCell('A1').value = 'Prepared by the partnership business unit';
  return writeXlsx(workbook);
}

/**
 * One sheet ("Cells"), a row per kind of cell, the kind's name in column A and
 * its value from column B: see CELL_KINDS for what each reads back as.
 */
export async function cellKindsXlsx(): Promise<Uint8Array> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet('Cells');
  const put = (row: number, values: ExcelJS.CellValue[]) =>
    values.forEach((value, i) => (sheet.getCell(row, i + 1).value = value));
  put(1, ['rich text', { richText: [{ text: 'Multi-' }, { text: 'agency', font: { bold: true } }, { text: ' work ' }] }]);
  put(2, ['hyperlink', { text: 'Guidance', hyperlink: 'https://example.org/guidance' }]);
  put(3, ['booleans', true, false]);
  put(4, ['error', { error: '#N/A' }]);
  put(5, ['formula without result', { formula: 'NOW()', date1904: false }]);
  put(6, ['formula text result', { formula: '"R"&1', result: 'R1' }]);
  put(7, ['formula date result', { formula: 'DATE(2013,3,31)', result: utcDay(2013, 3, 31) }]);
  put(8, ['leading symbols', '=SUM(A1:A2)', '+44 161 000 0000', '-1', '@owner']);
  put(9, ['spaces', '  padded  ', '   ', 'kept']);
  put(10, ['near midnight', new Date(Date.UTC(2013, 2, 30, 23, 59, 59, 999)), new Date(Date.UTC(2013, 2, 31, 15, 30)), new Date(Date.UTC(2013, 2, 31, 23, 59, 59))]);
  put(11, ['numbers', 3.25, 0, -12]);
  put(12, ['trailing blanks', 'x']);
  for (let column = 3; column <= 6; column++) {
    // Styled but empty, as Excel leaves cells whose content was deleted.
    sheet.getCell(12, column).fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFFFFF00' } };
  }
  put(13, ['line break', 'line one\nline two']);
  put(14, ['unicode', 'Café – ‘quoted’']);
  sheet.getCell('B7').numFmt = 'dd/mm/yyyy';
  sheet.getCell('B10').numFmt = 'dd/mm/yyyy hh:mm';
  sheet.getCell('C10').numFmt = 'dd/mm/yyyy hh:mm';
  sheet.getCell('D10').numFmt = 'dd/mm/yyyy hh:mm:ss';
  return writeXlsx(workbook);
}

/** What cellKindsXlsx's rows read back as, by row number. */
export const CELL_KINDS: Record<number, (string | number | { day: string } | null)[]> = {
  1: ['rich text', 'Multi-agency work'],
  2: ['hyperlink', 'Guidance'],
  3: ['booleans', 'TRUE', 'FALSE'],
  4: ['error'],
  5: ['formula without result'],
  6: ['formula text result', 'R1'],
  7: ['formula date result', { day: '2013-03-31' }],
  8: ['leading symbols', '=SUM(A1:A2)', '+44 161 000 0000', '-1', '@owner'],
  9: ['spaces', 'padded', null, 'kept'],
  10: ['near midnight', { day: '2013-03-31' }, { day: '2013-03-31' }, { day: '2013-03-31' }],
  11: ['numbers', 3.25, 0, -12],
  12: ['trailing blanks', 'x'],
  13: ['line break', 'line one\nline two'],
  14: ['unicode', 'Café – ‘quoted’'],
};

/**
 * A plan template with what exceljs expands cell by cell: drop-downs (data
 * validation) on whole columns F and G, a defined name over a whole column,
 * a title merged across the whole first row and a column merged to the bottom
 * of the sheet (H5:H1048576). Values: header in row 2, two actions in rows 3-4.
 */
export async function wholeColumnFeaturesXlsx(): Promise<Uint8Array> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet('Plan');
  sheet.getCell('A1').value = 'Action plan';
  sheet.getRow(2).values = ['Ref', 'Action', 'Agency', 'Due', 'Notes', 'Status', 'RAG', 'Comment'];
  sheet.getRow(3).values = ['R1.1', 'Run the training', 'Health', 'March', '', 'Done', 'Green'];
  sheet.getRow(4).values = ['R1.2', 'Release staff', 'Police', 'April', '', 'Open', 'Amber'];
  sheet.getCell('H5').value = 'Reviewed';
  const lookups = workbook.addWorksheet('Lookups');
  lookups.getCell('A1').value = 'Open';
  lookups.getCell('A2').value = 'Done';
  return patchXlsx(await writeXlsx(workbook), (files) => {
    addToSheet(
      files,
      'xl/worksheets/sheet1.xml',
      '<mergeCells count="2"><mergeCell ref="A1:XFD1"/><mergeCell ref="H5:H1048576"/></mergeCells>' +
        '<dataValidations count="2">' +
        '<dataValidation type="list" allowBlank="1" sqref="F3:F1048576"><formula1>Statuses</formula1></dataValidation>' +
        '<dataValidation type="list" allowBlank="1" sqref="G3:G1048576"><formula1>"Red,Amber,Green"</formula1></dataValidation>' +
        '</dataValidations>',
    );
    addDefinedNames(files, '<definedName name="Statuses">Lookups!$A$1:$A$1048576</definedName>');
  });
}

/**
 * Hostile: a few bytes of XML that ask for billions of cells (a merge, a
 * validation and a defined name each over the whole sheet). Values: A1 "Ref",
 * A2 "R1".
 */
export async function wholeSheetRangesXlsx(): Promise<Uint8Array> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet('Plan');
  sheet.getCell('A1').value = 'Ref';
  sheet.getCell('A2').value = 'R1';
  return patchXlsx(await writeXlsx(workbook), (files) => {
    addToSheet(
      files,
      'xl/worksheets/sheet1.xml',
      '<mergeCells count="1"><mergeCell ref="B3:XFD1048576"/></mergeCells>' +
        '<dataValidations count="1"><dataValidation type="whole" sqref="A1:XFD1048576"><formula1>1</formula1></dataValidation></dataValidations>',
    );
    addDefinedNames(files, '<definedName name="Everything">Plan!$A$1:$XFD$1048576</definedName>');
  });
}

/**
 * A template formatted far below its data: a header and three actions, then
 * borders (styled empty cells, A to L) down to row `formattedTo`, as Excel
 * saves a sheet formatted far below what was typed in it.
 */
export async function formattedTemplateXlsx(formattedTo = 100_000): Promise<Uint8Array> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet('Plan');
  sheet.addRow(['Ref', 'Action', 'Agency']);
  sheet.addRow(['R1.1', 'Run the training', 'Health']);
  sheet.addRow(['R1.2', 'Release staff', 'Police']);
  sheet.addRow(['R1.3', 'Audit the files', 'Education']);
  sheet.getCell('A1').border = { bottom: { style: 'thin' } }; // so that style 1 exists
  return patchXlsx(await writeXlsx(workbook), (files) => {
    const empty: string[] = [];
    for (let r = 5; r <= formattedTo; r++) {
      let cells = '';
      for (let c = 0; c < 12; c++) cells += `<c r="${String.fromCharCode(65 + c)}${r}" s="1"/>`;
      empty.push(r % 2 ? `<row r="${r}">${cells}</row>` : `<row r="${r}" spans="1:12">${cells.replace(/\/>/g, '></c>')}</row>`);
    }
    appendRows(files, 'xl/worksheets/sheet1.xml', empty.join(''));
  });
}

/**
 * A template with a RAG formula copied down column D to row `copiedTo`: a
 * header and three actions (RAG cached as "Green", "Red", "Green"), then the
 * formula alone, its cached result blank, on every row below them.
 */
export async function formulasCopiedDownXlsx(copiedTo = 30_000): Promise<Uint8Array> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet('Plan');
  sheet.addRow(['Ref', 'Action', 'Due', 'RAG']);
  sheet.addRow(['R1.1', 'Run the training', 'March', { formula: 'IF(C2="","","Green")', result: 'Green' }]);
  sheet.addRow(['R1.2', 'Release staff', 'April', { formula: 'IF(C3="","","Red")', result: 'Red' }]);
  sheet.addRow(['R1.3', 'Audit the files', 'May', { formula: 'IF(C4="","","Green")', result: 'Green' }]);
  return patchXlsx(await writeXlsx(workbook), (files) => {
    const rows: string[] = [];
    for (let r = 5; r <= copiedTo; r++) rows.push(`<row r="${r}"><c r="D${r}" t="str"><f>IF(C${r}="","","Green")</f><v></v></c></row>`);
    appendRows(files, 'xl/worksheets/sheet1.xml', rows.join(''));
  });
}

/** The action plan workbook with its sheets listed in another order (Notes, Action plan, Lookups) than their parts. */
export async function reorderedSheetsXlsx(): Promise<Uint8Array> {
  return patchXlsx(await actionPlanXlsx(), (files) => {
    const workbook = strFromU8(files['xl/workbook.xml']!);
    const sheets = workbook.match(/<sheet [^>]*\/>/g) ?? [];
    if (sheets.length !== 3) throw new Error('reorderedSheetsXlsx: expected three sheets');
    const [plan, lookups, notes] = sheets as [string, string, string];
    files['xl/workbook.xml'] = strToU8(workbook.replace(sheets.join(''), notes + plan + lookups));
  });
}

/** Hostile: `rows` rows each with a value in column A and in the last column (XFD). */
export async function farCellsXlsx(rows = 200): Promise<Uint8Array> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet('Wide');
  for (let r = 1; r <= rows; r++) {
    sheet.getCell(r, 1).value = `R${r}`;
    sheet.getCell(r, 16384).value = 'far';
  }
  return writeXlsx(workbook);
}

/** A one-sheet workbook ("Plan") with `count` non-blank rows (a header and actions). */
export async function xlsxWithRows(count: number): Promise<Uint8Array> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet('Plan');
  sheet.addRow(['Ref', 'Action', 'Agency']);
  for (let n = 1; n < count; n++) sheet.addRow([`R${n}`, `Action ${n}`, 'Health']);
  return writeXlsx(workbook);
}

/** One row more than the importer takes. */
export function tooManyRowsXlsx(): Promise<Uint8Array> {
  return xlsxWithRows(MAX_IMPORT_ROWS + 1);
}

/**
 * A macro-enabled workbook: an exceljs workbook with an `xl/vbaProject.bin`
 * part and/or the macro-enabled content type (both by default).
 */
export async function macroEnabledXlsx(
  { vbaProject = true, contentType = true }: { vbaProject?: boolean; contentType?: boolean } = {},
): Promise<Uint8Array> {
  const plain = await actionPlanXlsx();
  return patchXlsx(plain, (files) => {
    if (vbaProject) files['xl/vbaProject.bin'] = new Uint8Array([0xcc, 0x61, 0xff, 0xff, 0x00, 0x00, 0x01, 0x00]);
    if (contentType) {
      const types = strFromU8(files['[Content_Types].xml']!)
        .replace(
          'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml',
          'application/vnd.ms-excel.sheet.macroEnabled.main+xml',
        )
        .replace('</Types>', '<Default Extension="bin" ContentType="application/vnd.ms-office.vbaProject"/></Types>');
      files['[Content_Types].xml'] = strToU8(types);
    }
  });
}

/** A zip of text files, no workbook in it. */
export function plainZip(): Uint8Array {
  return zipSync({ 'notes.txt': strToU8('Not a workbook'), 'docs/readme.md': strToU8('# Readme') });
}

/** A zip laid out as a workbook whose workbook part is not XML: exceljs cannot open it. */
export function brokenXlsx(): Uint8Array {
  return zipSync({
    '[Content_Types].xml': strToU8('<?xml version="1.0"?><Types/>'),
    'xl/workbook.xml': strToU8('this is not < xml'),
    'xl/worksheets/sheet1.xml': strToU8('<worksheet><sheetData><row r="1"><c r="A1" t="s"><v>99</v></c>'),
  });
}

/** The parts of an Excel binary workbook (.xlsb), contents not real. */
export function xlsbLike(): Uint8Array {
  return zipSync({ '[Content_Types].xml': strToU8('<Types/>'), 'xl/workbook.bin': new Uint8Array(16) });
}

/** The parts of an OpenDocument spreadsheet (.ods), contents minimal. */
export function odsLike(): Uint8Array {
  return zipSync(
    {
      mimetype: [strToU8('application/vnd.oasis.opendocument.spreadsheet'), { level: 0 }],
      'content.xml': strToU8('<office:document-content/>'),
    },
  );
}

// ---- Hostile zips ------------------------------------------------------------

/** The zip bomb's entry: 200 MB of zeros, which deflate to about 200 KB. */
export const ZIP_BOMB_ENTRY = 'xl/media/image1.bin';
export const ZIP_BOMB_BYTES = 200 * 1024 * 1024;

/**
 * A workbook with an extra entry of 200 MB of zeros (about 200 KB zipped),
 * its real size declared. Streamed through fflate a megabyte at a time, so
 * building it takes little memory (and about 2 s).
 */
export async function zipBomb(): Promise<Uint8Array> {
  const parts = unzipSync(await actionPlanXlsx());
  const chunks: Uint8Array[] = [];
  const zip = new Zip((error, chunk) => {
    if (error) throw error;
    chunks.push(chunk);
  });
  for (const [name, content] of Object.entries(parts)) {
    if (name.endsWith('/')) continue;
    const file = new ZipDeflate(name, { level: 6 });
    zip.add(file);
    file.push(content, true);
  }
  const zeros = new Uint8Array(1024 * 1024);
  const bomb = new ZipDeflate(ZIP_BOMB_ENTRY, { level: 9 });
  zip.add(bomb);
  for (let sent = 0; sent < ZIP_BOMB_BYTES; sent += zeros.length) bomb.push(zeros, sent + zeros.length >= ZIP_BOMB_BYTES);
  zip.end();
  return concat(chunks);
}

/**
 * The zip bomb with its sizes lying: the central directory (what zip readers
 * trust), and the data descriptor after the entry, declare the 200 MB entry as 4 KB.
 */
export async function lyingZipBomb(): Promise<Uint8Array> {
  return withDeclaredSize(await zipBomb(), ZIP_BOMB_ENTRY, 4096);
}

/**
 * The action plan workbook, honest but for its central directory, which
 * declares its sheet as 200 MB unzipped: only a reader that checks declared
 * sizes refuses it.
 */
export async function declaredHugeXlsx(): Promise<Uint8Array> {
  return withDeclaredSize(await actionPlanXlsx(), 'xl/worksheets/sheet1.xml', ZIP_BOMB_BYTES);
}

/** A copy of a zip with `entry`'s uncompressed size declared as `size` (central directory, local header and data descriptor). */
export function withDeclaredSize(zip: Uint8Array, entry: string, size: number): Uint8Array {
  const bytes = zip.slice();
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const name = strToU8(entry);
  let patched = 0;
  for (let at = 0; at + 46 <= bytes.length; at++) {
    if (view.getUint32(at, true) !== 0x02014b50 || !sameBytes(bytes.subarray(at + 46, at + 46 + name.length), name)) continue;
    view.setUint32(at + 24, size, true); // central directory
    patched++;
    const flags = view.getUint16(at + 8, true);
    const compressedSize = view.getUint32(at + 20, true);
    const local = view.getUint32(at + 42, true);
    if (view.getUint32(local + 22, true) !== 0) view.setUint32(local + 22, size, true); // local header, when it states one
    if ((flags & 8) !== 0) {
      // A data descriptor (signed or not) follows the data: its last field is the size.
      const end = local + 30 + view.getUint16(local + 26, true) + view.getUint16(local + 28, true) + compressedSize;
      const signed = view.getUint32(end, true) === 0x08074b50 ? 4 : 0;
      view.setUint32(end + signed + 8, size, true);
    }
  }
  if (patched !== 1) throw new Error(`withDeclaredSize: ${entry} is not in the central directory exactly once`);
  return bytes;
}

/**
 * The same zip in ZIP64 form, as some libraries write every workbook: each
 * entry's sizes and offset moved into a ZIP64 extra field, and the end of the
 * central directory given as a ZIP64 record and locator.
 */
export function asZip64(zip: Uint8Array): Uint8Array {
  const view = new DataView(zip.buffer, zip.byteOffset, zip.byteLength);
  let eocd = zip.length - 22;
  while (eocd > 0 && view.getUint32(eocd, true) !== 0x06054b50) eocd--;
  const count = view.getUint16(eocd + 10, true);
  const directoryStart = view.getUint32(eocd + 16, true);
  const entries: Uint8Array[] = [];
  let at = directoryStart;
  for (let n = 0; n < count; n++) {
    const nameLength = view.getUint16(at + 28, true);
    const extraLength = view.getUint16(at + 30, true);
    const commentLength = view.getUint16(at + 32, true);
    const header = zip.slice(at, at + 46 + nameLength);
    const headerView = new DataView(header.buffer);
    const extra = new Uint8Array(28);
    const extraView = new DataView(extra.buffer);
    extraView.setUint16(0, 1, true);
    extraView.setUint16(2, 24, true);
    extraView.setBigUint64(4, BigInt(headerView.getUint32(24, true)), true); // uncompressed size
    extraView.setBigUint64(12, BigInt(headerView.getUint32(20, true)), true); // compressed size
    extraView.setBigUint64(20, BigInt(headerView.getUint32(42, true)), true); // local header offset
    for (const field of [20, 24, 42]) headerView.setUint32(field, 0xffffffff, true);
    headerView.setUint16(30, extra.length, true);
    headerView.setUint16(32, 0, true);
    entries.push(header, extra);
    at += 46 + nameLength + extraLength + commentLength;
  }
  const directory = concat(entries);
  const record = new Uint8Array(56 + 20 + 22);
  const recordView = new DataView(record.buffer);
  const recordAt = directoryStart + directory.length;
  recordView.setUint32(0, 0x06064b50, true); // ZIP64 end of central directory record
  recordView.setBigUint64(4, 44n, true);
  recordView.setUint16(12, 45, true);
  recordView.setUint16(14, 45, true);
  recordView.setBigUint64(24, BigInt(count), true);
  recordView.setBigUint64(32, BigInt(count), true);
  recordView.setBigUint64(40, BigInt(directory.length), true);
  recordView.setBigUint64(48, BigInt(directoryStart), true);
  recordView.setUint32(56, 0x07064b50, true); // locator
  recordView.setBigUint64(64, BigInt(recordAt), true);
  recordView.setUint32(72, 1, true);
  recordView.setUint32(76, 0x06054b50, true); // end of central directory, pointing on
  recordView.setUint16(76 + 8, 0xffff, true);
  recordView.setUint16(76 + 10, 0xffff, true);
  recordView.setUint32(76 + 12, 0xffffffff, true);
  recordView.setUint32(76 + 16, 0xffffffff, true);
  return concat([zip.subarray(0, directoryStart), directory, record]);
}

// ---- Other files ------------------------------------------------------------

/** What Excel saves when a workbook is given a password to open: an OLE compound file holding an "EncryptedPackage" stream. */
export function encryptedWorkbook(): Uint8Array {
  return compoundFile(['EncryptionInfo', 'EncryptedPackage']);
}

/** An Excel 97–2003 workbook (.xls): an OLE compound file with a "Workbook" stream. */
export function legacyXls(): Uint8Array {
  return compoundFile(['Workbook', '\u0005SummaryInformation']);
}

/** A small PDF. */
export function pdfFile(): Uint8Array {
  return strToU8(
    '%PDF-1.7\n%\u00e2\u00e3\u00cf\u00d3\n1 0 obj\n<< /Type /Catalog /Pages 2 0 R >>\nendobj\n' +
      '2 0 obj\n<< /Type /Pages /Kids [] /Count 0 >>\nendobj\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n',
  );
}

/** 64 KB of random bytes (seeded, so the same every time). */
export function randomBinary(length = 64 * 1024): Uint8Array {
  const bytes = new Uint8Array(length);
  let state = 0x2545f491;
  for (let i = 0; i < length; i++) {
    state ^= state << 13;
    state ^= state >>> 17;
    state ^= state << 5;
    bytes[i] = state & 0xff;
  }
  return bytes;
}

/** An ordinary CSV 1 MB over the upload limit (11 MB). */
export function oversizedFile(): Uint8Array {
  const line = 'R1.1,Run the training,Health,31/03/2013\n';
  return strToU8(line.repeat(Math.ceil((MAX_IMPORT_BYTES + 1024 * 1024) / line.length)));
}

/** A web page saved with an .xls name, as some case-management systems export. */
export function htmlXls(): Uint8Array {
  return strToU8('<!DOCTYPE html>\n<html><body><table><tr><td>Ref</td><td>Action</td></tr></table></body></html>\n');
}

/** PLAN_CSV as Excel's "Unicode Text" writes it: UTF-16LE with its byte-order mark. */
export function utf16Csv(): Uint8Array {
  return concat([new Uint8Array([0xff, 0xfe]), new Uint8Array(Buffer.from(PLAN_CSV, 'utf16le'))]);
}

// ---- CSV -------------------------------------------------------------------

/**
 * A plan as CSV: a quoted value with a comma, one spanning two lines (3-4),
 * one with doubled quotes, a blank line (5), a line of empty fields (7) and
 * non-ASCII punctuation. Records (Excel's rows): 1 header, 2, 3, 5, 7; 4 and 6
 * are blank.
 */
export const PLAN_CSV = [
  'Ref,Action,Agency,Due',
  'R1.1,"Run the training, twice a year",Children\'s social care,31/03/2013',
  'R1.2,"Release staff',
  'to attend",Health,30/04/2013',
  '',
  'R1.3,"The ""Keep safe"" course",Education,',
  ',,,',
  'R2.1,Café – ‘quoted’,Police,30/06/2013',
].join('\n');

/** PLAN_CSV's rows as read back. */
export const PLAN_CSV_ROWS = [
  { number: 1, cells: ['Ref', 'Action', 'Agency', 'Due'] },
  { number: 2, cells: ['R1.1', 'Run the training, twice a year', "Children's social care", '31/03/2013'] },
  { number: 3, cells: ['R1.2', 'Release staff\nto attend', 'Health', '30/04/2013'] },
  { number: 5, cells: ['R1.3', 'The "Keep safe" course', 'Education'] },
  { number: 7, cells: ['R2.1', 'Café – ‘quoted’', 'Police', '30/06/2013'] },
];

/** PLAN_CSV in UTF-8 after a byte-order mark (Excel's "CSV UTF-8"). */
export function csvUtf8WithBom(text = PLAN_CSV): Uint8Array {
  return concat([new Uint8Array([0xef, 0xbb, 0xbf]), strToU8(text)]);
}

/** PLAN_CSV in UTF-8, no byte-order mark. */
export function csvUtf8(text = PLAN_CSV): Uint8Array {
  return strToU8(text);
}

/**
 * PLAN_CSV in Windows-1252 with Windows line endings (Excel's plain "CSV"):
 * é is 0xE9, – 0x96, ‘ 0x91, ’ 0x92. Throws for a character it cannot hold.
 */
export function csvWindows1252(text = PLAN_CSV.replace(/\n/g, '\r\n')): Uint8Array {
  const high = '€\u0081‚ƒ„…†‡ˆ‰Š‹Œ\u008dŽ\u008f\u0090‘’“”•–—˜™š›œ\u009džŸ';
  return new Uint8Array(
    Array.from(text, (char) => {
      const code = char.codePointAt(0)!;
      if (code < 0x80 || (code >= 0xa0 && code <= 0xff)) return code;
      const at = high.indexOf(char);
      if (at < 0) throw new Error(`csvWindows1252: ${char} has no Windows-1252 byte`);
      return 0x80 + at;
    }),
  );
}

/** Semicolons between values, as Excel writes CSV where the comma is the decimal mark. */
export function semicolonCsv(): Uint8Array {
  return strToU8('Ref;Action;Agency\nR1.1;"Run the training; twice";Health\n');
}

/** Four fields a line, but line 7 has five (an extra comma). */
export function raggedCsv(): Uint8Array {
  return strToU8(
    ['Ref,Action,Agency,Due', 'R1.1,Train,Health,March', 'R1.2,Release,Police,April', '', 'R1.3,Audit,Education,May', 'R1.4,Report,Police,June', 'R1.5,Review, again,Health,July', 'R1.6,Close,Health,August'].join('\n') + '\n',
  );
}

/** A quote opened on line 4 and never closed. */
export function unclosedQuoteCsv(): Uint8Array {
  return strToU8(['Ref,Action,Agency', 'R1.1,Train,Health', '', 'R1.2,"Release staff,Police', 'R1.3,Audit,Education'].join('\n') + '\n');
}

/** A CSV with `count` non-blank rows (a header and actions). */
export function csvWithRows(count: number): Uint8Array {
  const lines = ['Ref,Action,Agency'];
  for (let n = 1; n < count; n++) lines.push(`R${n},Action ${n},Health`);
  return strToU8(lines.join('\n') + '\n');
}

/** One row more than the importer takes. */
export function tooManyRowsCsv(): Uint8Array {
  return csvWithRows(MAX_IMPORT_ROWS + 1);
}

// ---- All of them, for trying by hand ----------------------------------------

/** Writes every fixture into `directory` (created if missing) under a descriptive name; returns the paths. */
export async function writeSpreadsheetFixtures(directory: string): Promise<string[]> {
  const files: Record<string, () => Uint8Array | Promise<Uint8Array>> = {
    'action-plan.xlsx': actionPlanXlsx,
    'cell-kinds.xlsx': cellKindsXlsx,
    'whole-column-features.xlsx': wholeColumnFeaturesXlsx,
    'whole-sheet-ranges.xlsx': wholeSheetRangesXlsx,
    'formatted-template.xlsx': () => formattedTemplateXlsx(),
    'formulas-copied-down.xlsx': () => formulasCopiedDownXlsx(),
    'too-many-formula-rows.xlsx': () => formulasCopiedDownXlsx(5 * MAX_IMPORT_ROWS + 1),
    'reordered-sheets.xlsx': reorderedSheetsXlsx,
    'far-cells.xlsx': () => farCellsXlsx(),
    'too-many-rows.xlsx': tooManyRowsXlsx,
    'macro-enabled.xlsx': () => macroEnabledXlsx(),
    'plain-zip.xlsx': plainZip,
    'broken.xlsx': brokenXlsx,
    'binary-workbook.xlsx': xlsbLike,
    'opendocument.xlsx': odsLike,
    'zip-bomb.xlsx': zipBomb,
    'lying-zip-bomb.xlsx': lyingZipBomb,
    'declared-huge.xlsx': declaredHugeXlsx,
    'password-protected.xlsx': encryptedWorkbook,
    'old-format.xls': legacyXls,
    'document.pdf': pdfFile,
    'random.bin': () => randomBinary(),
    'too-large.csv': oversizedFile,
    'web-page.xls': htmlXls,
    'utf-16.csv': utf16Csv,
    'plan-utf8-bom.csv': () => csvUtf8WithBom(),
    'plan-utf8.csv': () => csvUtf8(),
    'plan-windows-1252.csv': () => csvWindows1252(),
    'semicolons.csv': semicolonCsv,
    'ragged.csv': raggedCsv,
    'unclosed-quote.csv': unclosedQuoteCsv,
    'too-many-rows.csv': tooManyRowsCsv,
  };
  await mkdir(directory, { recursive: true });
  const written: string[] = [];
  for (const [name, build] of Object.entries(files)) {
    const file = path.join(directory, name);
    await writeFile(file, await build());
    written.push(file);
  }
  return written;
}

// ---- Helpers ---------------------------------------------------------------

function utcDay(year: number, month: number, day: number): Date {
  return new Date(Date.UTC(year, month - 1, day));
}

async function writeXlsx(workbook: ExcelJS.Workbook): Promise<Uint8Array> {
  return new Uint8Array(await workbook.xlsx.writeBuffer());
}

/** Unzips a workbook, lets `change` edit its parts, zips it again. */
function patchXlsx(bytes: Uint8Array, change: (files: Record<string, Uint8Array>) => void): Uint8Array {
  const files = unzipSync(bytes);
  change(files);
  return zipSync(files);
}

/** Puts XML right after a sheet's </sheetData> (where merges and validations belong). */
function addToSheet(files: Record<string, Uint8Array>, part: string, xml: string): void {
  const sheet = strFromU8(files[part]!);
  if (!sheet.includes('</sheetData>')) throw new Error(`addToSheet: ${part} has no </sheetData>`);
  files[part] = strToU8(sheet.replace(/<mergeCells[\s\S]*?<\/mergeCells>/, '').replace('</sheetData>', `</sheetData>${xml}`));
}

/** Puts rows' XML at the end of a sheet's <sheetData>. */
function appendRows(files: Record<string, Uint8Array>, part: string, rows: string): void {
  const sheet = strFromU8(files[part]!);
  if (!sheet.includes('</sheetData>')) throw new Error(`appendRows: ${part} has no </sheetData>`);
  files[part] = strToU8(sheet.replace('</sheetData>', `${rows}</sheetData>`));
}

function addDefinedNames(files: Record<string, Uint8Array>, names: string): void {
  const workbook = strFromU8(files['xl/workbook.xml']!);
  files['xl/workbook.xml'] = strToU8(workbook.replace('</sheets>', `</sheets><definedNames>${names}</definedNames>`));
}

/**
 * A minimal OLE compound file (version 3, 512-byte sectors): the header, one
 * FAT sector and one directory sector naming a root and the given streams.
 * Enough for anything that recognises the format by its directory.
 */
function compoundFile(streams: string[]): Uint8Array {
  const sector = 512;
  const bytes = new Uint8Array(sector * 3);
  const view = new DataView(bytes.buffer);
  bytes.set([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]);
  view.setUint16(24, 0x003e, true); // minor version
  view.setUint16(26, 0x0003, true); // major version 3
  view.setUint16(28, 0xfffe, true); // byte order
  view.setUint16(30, 9, true); // 2^9-byte sectors
  view.setUint16(32, 6, true); // 2^6-byte mini sectors
  view.setUint32(44, 1, true); // one FAT sector
  view.setUint32(48, 1, true); // directory starts at sector 1
  view.setUint32(56, 4096, true); // mini stream cutoff
  view.setUint32(60, 0xfffffffe, true); // no mini FAT
  view.setUint32(68, 0xfffffffe, true); // no DIFAT sectors
  for (let i = 0; i < 109; i++) view.setUint32(76 + i * 4, i === 0 ? 0 : 0xffffffff, true);
  // FAT (sector 0): itself, then the directory's one-sector chain.
  const fat = sector;
  for (let i = 0; i < 128; i++) view.setUint32(fat + i * 4, 0xffffffff, true);
  view.setUint32(fat, 0xfffffffd, true);
  view.setUint32(fat + 4, 0xfffffffe, true);
  // Directory (sector 1): the root, its child the first stream, the rest as right siblings.
  const names = ['Root Entry', ...streams];
  names.forEach((name, i) => {
    const entry = sector * 2 + i * 128;
    bytes.set(new Uint8Array(Buffer.from(name, 'utf16le')), entry);
    view.setUint16(entry + 64, (name.length + 1) * 2, true);
    bytes[entry + 66] = i === 0 ? 5 : 2; // root storage / stream
    bytes[entry + 67] = 1; // black
    view.setUint32(entry + 68, 0xffffffff, true); // left sibling
    view.setUint32(entry + 72, i > 0 && i < names.length - 1 ? i + 1 : 0xffffffff, true); // right sibling
    view.setUint32(entry + 76, i === 0 && names.length > 1 ? 1 : 0xffffffff, true); // child
    view.setUint32(entry + 116, 0xfffffffe, true); // start sector: none (empty stream)
  });
  return bytes;
}

function concat(chunks: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(chunks.reduce((n, chunk) => n + chunk.length, 0));
  let at = 0;
  for (const chunk of chunks) {
    out.set(chunk, at);
    at += chunk.length;
  }
  return out;
}

function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  return a.length === b.length && a.every((byte, i) => byte === b[i]);
}
