import 'server-only';
// Reads an uploaded spreadsheet (an .xlsx workbook or a .csv file) into plain
// rows of cell values, for the action-plan importer. It decides what the file
// is from its bytes, never from its name, and refuses what it cannot read
// safely with a message the person uploading can act on: it never throws for
// a bad file.
import { parse as parseCsv } from 'csv-parse/sync';
import ExcelJS from 'exceljs';
import { Inflate, inflateSync, zipSync } from 'fflate';
import {
  MAX_IMPORT_BYTES,
  MAX_IMPORT_BYTES_TEXT,
  MAX_IMPORT_CELLS,
  MAX_IMPORT_CELLS_TEXT,
  MAX_IMPORT_ROWS,
  MAX_IMPORT_ROWS_TEXT,
  MAX_INFLATED_BYTES,
  MAX_INFLATED_BYTES_TEXT,
} from '@/lib/imports/import-limits';

// A cell and a row are the pure modules' types (columns.ts): the reader makes them, the plan reads them.
import type { CellValue, SheetRow } from './columns';

export type { CellValue, SheetRow };
/** Blank rows are left out; the others keep their own numbers. */
export type Sheet = { name: string; rows: SheetRow[] };
export type ReadResult =
  | { ok: true; kind: 'xlsx' | 'csv'; sheets: Sheet[]; encoding?: 'utf-8' | 'windows-1252' }
  | { ok: false; problem: string };

/** Every refusal, worded for the person uploading (the importer and its tests may show or compare them). */
export const READ_PROBLEMS = {
  tooLarge: `The file is larger than ${MAX_IMPORT_BYTES_TEXT}. Delete the sheets, pictures and rows the import does not need, or split it into smaller files, then upload it again.`,
  empty: 'The file is empty. Check that you chose the saved spreadsheet, then upload it again.',
  passwordProtected:
    'This workbook is protected with a password. Remove the password in Excel and upload it again.',
  legacyXls:
    'This is an Excel 97–2003 workbook (.xls). Open it in Excel and save it as .xlsx, then upload that.',
  notSpreadsheet: 'This file is not a spreadsheet. Upload an .xlsx workbook or a .csv file.',
  macros:
    'This workbook contains macros (.xlsm). Save it as a plain .xlsx workbook without macros and upload that.',
  binaryWorkbook:
    'This is an Excel binary workbook (.xlsb). Open it in Excel and save it as .xlsx, then upload that.',
  openDocument:
    'This is an OpenDocument spreadsheet (.ods). Save it as an Excel workbook (.xlsx) and upload that.',
  webPage:
    'This file is a web page or XML file, not a real Excel workbook, even if its name ends in .xls. Open it in Excel and save it as .xlsx, then upload that.',
  utf16:
    'This text file is saved as Unicode (UTF-16). In Excel, save it as "CSV UTF-8 (Comma delimited)" and upload that.',
  inflatesTooLarge: `This workbook expands to more than ${MAX_INFLATED_BYTES_TEXT} when opened, which is too much to import. Delete the sheets, pictures and rows the import does not need, or split it into smaller workbooks, then upload it again.`,
  tooManyRows: (sheet: string) =>
    `The sheet "${sheet}" has more than ${MAX_IMPORT_ROWS_TEXT} rows (not counting blank rows). Split it into files of at most ${MAX_IMPORT_ROWS_TEXT} rows and upload them one at a time.`,
  tooManyRowsWithCells: (sheet: string) =>
    `The sheet "${sheet}" has more than ${(5 * MAX_IMPORT_ROWS).toLocaleString('en-GB')} rows with values or formulas in them, which is too many to import. Delete the rows below your data (formulas copied down the sheet count too), then upload it again.`,
  tooManyCells: (sheet: string) =>
    `The sheet "${sheet}" takes the file over ${MAX_IMPORT_CELLS_TEXT} cells, which is too much to import. Delete the columns, rows and sheets the import does not need (in Excel, Ctrl+End goes to the last cell in use), then upload it again.`,
  fieldCount: (line: number, fields: number, firstLine: number, firstFields: number) =>
    `Line ${line} has ${fields} ${fields === 1 ? 'field' : 'fields'} but ${firstLine === 1 ? 'the first line' : `line ${firstLine}, the first with content,`} has ${firstFields}. Check for a missing or extra comma or an unclosed quote.`,
  unclosedQuote: (line: number) =>
    `Line ${line} opens a quote (") that is never closed, so the rest of the file would read as one value. Add the missing closing quote or remove the stray one, then upload it again.`,
  badCsvLine: (line: number) =>
    `Line ${line} could not be read. Check the quotes (") on that line, then upload it again.`,
} as const;

/** A refusal raised deep inside the reading; readSpreadsheet turns it into its result. */
class Refusal extends Error {}

export async function readSpreadsheet(file: { name: string; bytes: Uint8Array }): Promise<ReadResult> {
  const { bytes } = file;
  // The size first: nothing else is worth doing with a file that is too large.
  if (bytes.length > MAX_IMPORT_BYTES) return { ok: false, problem: READ_PROBLEMS.tooLarge };
  if (bytes.length === 0) return { ok: false, problem: READ_PROBLEMS.empty };
  try {
    if (startsWith(bytes, ZIP_MAGIC)) return await readXlsx(bytes);
    if (startsWith(bytes, CFB_MAGIC)) {
      // Excel encrypts a password-protected .xlsx into an OLE compound file with this stream.
      const encrypted = indexOf(bytes, utf16le('EncryptedPackage')) >= 0;
      return { ok: false, problem: encrypted ? READ_PROBLEMS.passwordProtected : READ_PROBLEMS.legacyXls };
    }
    if (startsWith(bytes, [0xff, 0xfe]) || startsWith(bytes, [0xfe, 0xff])) {
      return { ok: false, problem: READ_PROBLEMS.utf16 };
    }
    if (isBinary(bytes)) return { ok: false, problem: READ_PROBLEMS.notSpreadsheet };
    if (isMarkup(bytes)) return { ok: false, problem: READ_PROBLEMS.webPage };
    return readCsv(file.name, bytes);
  } catch (error) {
    if (error instanceof Refusal) return { ok: false, problem: error.message };
    // Anything else is a file the libraries below could not make sense of.
    return { ok: false, problem: READ_PROBLEMS.notSpreadsheet };
  }
}

// ---- What the bytes are -------------------------------------------------

const ZIP_MAGIC = [0x50, 0x4b, 0x03, 0x04];
const CFB_MAGIC = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];
const BINARY_MAGICS = [
  ascii('%PDF'),
  [0x89, 0x50, 0x4e, 0x47], // PNG
  [0xff, 0xd8, 0xff], // JPEG
  ascii('GIF8'),
  ascii('RIFF'),
  [0x1f, 0x8b], // gzip
  [0x37, 0x7a, 0xbc, 0xaf], // 7-Zip
  ascii('Rar!'),
  ascii('MZ'), // Windows program
  [0x7f, 0x45, 0x4c, 0x46], // ELF program
  ascii('{\\rtf'), // text, but a document rather than rows
];

function isBinary(bytes: Uint8Array): boolean {
  if (BINARY_MAGICS.some((magic) => startsWith(bytes, magic))) return true;
  return bytes.subarray(0, 8192).includes(0);
}

/** HTML and XML: what some systems export under an .xls name (and Excel's old "XML Spreadsheet"). */
function isMarkup(bytes: Uint8Array): boolean {
  const start = new TextDecoder('utf-8').decode(bytes.subarray(0, 512)).replace(/^\uFEFF/, '').trimStart();
  return /^<(\?xml|!doctype html|html|table)\b/i.test(start);
}

// ---- XLSX -----------------------------------------------------------------

const MAX_ZIP_ENTRIES = 10_000;

type ZipEntry = { name: string; method: number; encrypted: boolean; declaredSize: number; data: Uint8Array };

async function readXlsx(bytes: Uint8Array): Promise<ReadResult> {
  const entries = zipEntries(bytes);
  if (!entries) return { ok: false, problem: READ_PROBLEMS.notSpreadsheet };

  // What the zip says it holds, before inflating anything.
  const declared = entries.reduce((sum, entry) => sum + entry.declaredSize, 0);
  if (declared > MAX_INFLATED_BYTES) return { ok: false, problem: READ_PROBLEMS.inflatesTooLarge };

  const names = new Set(entries.map((entry) => entry.name));
  if (!names.has('xl/workbook.xml')) {
    if (names.has('xl/workbook.bin')) return { ok: false, problem: READ_PROBLEMS.binaryWorkbook };
    if (names.has('mimetype') && names.has('content.xml')) return { ok: false, problem: READ_PROBLEMS.openDocument };
    return { ok: false, problem: READ_PROBLEMS.notSpreadsheet };
  }
  if (entries.some((entry) => /(^|\/)vbaProject\.bin$/i.test(entry.name))) {
    return { ok: false, problem: READ_PROBLEMS.macros };
  }

  // The declared sizes can lie: inflate for real, counting, before holding anything.
  const inflated = inflatedSize(entries);
  if (inflated === 'corrupt') return { ok: false, problem: READ_PROBLEMS.notSpreadsheet };
  if (inflated > MAX_INFLATED_BYTES) return { ok: false, problem: READ_PROBLEMS.inflatesTooLarge };

  const files = extract(entries);
  if (/macroEnabled/i.test(text(files.get('[Content_Types].xml')))) return { ok: false, problem: READ_PROBLEMS.macros };

  const sheetParts = worksheetParts(files);
  const merges = prepareForExceljs(files, sheetParts);
  // exceljs reads the zip we write from the entries checked above, never the upload itself.
  const repacked = zipSync(Object.fromEntries(files), { level: 0 });
  files.clear();

  let workbook: ExcelJS.Workbook;
  try {
    // exceljs types its input as its own ArrayBuffer-like `Buffer`; it takes Node's.
    const input = Buffer.from(repacked.buffer, repacked.byteOffset, repacked.byteLength) as unknown as ExcelJS.Buffer;
    workbook = await new ExcelJS.Workbook().xlsx.load(input);
  } catch {
    return { ok: false, problem: READ_PROBLEMS.notSpreadsheet };
  }

  const budget = { cells: 0 };
  const sheets: Sheet[] = [];
  for (const worksheet of workbook.worksheets) {
    const path = sheetParts.find((part) => part.id === Number(worksheet.id))?.path;
    sheets.push(readWorksheet(worksheet, (path && merges.get(path)) || [], budget));
  }
  return { ok: true, kind: 'xlsx', sheets };
}

/**
 * The entries of a zip, from its central directory (where readers of zips,
 * exceljs's included, find them), or null when it cannot be read. Nothing is
 * inflated here.
 */
function zipEntries(bytes: Uint8Array): ZipEntry[] | null {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const u16 = (at: number) => view.getUint16(at, true);
  const u32 = (at: number) => view.getUint32(at, true);
  const u64 = (at: number) => Number(view.getBigUint64(at, true));
  if (bytes.length < 22) return null;

  // End of central directory: 22 bytes and a comment of up to 65,535 bytes, at the very end.
  let eocd = -1;
  for (let at = bytes.length - 22; at >= Math.max(0, bytes.length - 22 - 0xffff); at--) {
    if (u32(at) === 0x06054b50) {
      eocd = at;
      break;
    }
  }
  if (eocd < 0) return null;
  let count = u16(eocd + 10);
  let directorySize = u32(eocd + 12);
  let directoryStart = u32(eocd + 16);
  let directoryEnd = eocd;
  if (count === 0xffff || directorySize === 0xffffffff || directoryStart === 0xffffffff) {
    // ZIP64: the real numbers are in a record the locator just before points to.
    const locator = eocd - 20;
    if (locator < 0 || u32(locator) !== 0x07064b50) return null;
    const record = u64(locator + 8);
    if (record + 56 > locator || u32(record) !== 0x06064b50) return null;
    count = u64(record + 32);
    directorySize = u64(record + 40);
    directoryStart = u64(record + 48);
    directoryEnd = record;
  }
  // The directory must end exactly where the end record starts: a reader that
  // "repairs" a gap could otherwise see other entries than the ones checked.
  if (directoryStart + directorySize !== directoryEnd) return null;
  // A workbook has tens of parts, or hundreds with pictures; the XLSX reader handles each one by one.
  if (count > MAX_ZIP_ENTRIES) return null;

  const decoder = new TextDecoder('utf-8');
  const entries: ZipEntry[] = [];
  let at = directoryStart;
  for (let n = 0; n < count; n++) {
    if (at + 46 > directoryEnd || u32(at) !== 0x02014b50) return null;
    const flags = u16(at + 8);
    const method = u16(at + 10);
    let compressedSize = u32(at + 20);
    let declaredSize = u32(at + 24);
    const nameLength = u16(at + 28);
    const extraLength = u16(at + 30);
    const commentLength = u16(at + 32);
    let localOffset = u32(at + 42);
    const nameEnd = at + 46 + nameLength;
    if (nameEnd + extraLength > directoryEnd) return null;
    const name = decoder.decode(bytes.subarray(at + 46, nameEnd)).replace(/^\/+/, '');

    if (declaredSize === 0xffffffff || compressedSize === 0xffffffff || localOffset === 0xffffffff) {
      // ZIP64 extra field (id 1): 8-byte values for exactly the fields marked 0xFFFFFFFF, in this order.
      let field = nameEnd;
      let found = false;
      while (field + 4 <= nameEnd + extraLength) {
        const id = u16(field);
        const size = u16(field + 2);
        if (id === 1) {
          let value = field + 4;
          const next = () => {
            if (value + 8 > field + 4 + size) throw new Refusal(READ_PROBLEMS.notSpreadsheet);
            const read = u64(value);
            value += 8;
            return read;
          };
          if (declaredSize === 0xffffffff) declaredSize = next();
          if (compressedSize === 0xffffffff) compressedSize = next();
          if (localOffset === 0xffffffff) localOffset = next();
          found = true;
          break;
        }
        field += 4 + size;
      }
      if (!found) return null;
    }

    if (localOffset + 30 > bytes.length || u32(localOffset) !== 0x04034b50) return null;
    const dataStart = localOffset + 30 + u16(localOffset + 26) + u16(localOffset + 28);
    if (dataStart + compressedSize > bytes.length) return null;
    entries.push({
      name,
      method,
      encrypted: (flags & 1) === 1,
      declaredSize,
      data: bytes.subarray(dataStart, dataStart + compressedSize),
    });
    at = nameEnd + extraLength + commentLength;
  }
  return entries;
}

/**
 * What the entries really inflate to, counted chunk by chunk and given up as
 * soon as the total passes the limit: nothing inflated is kept, and one small
 * piece of input at a time bounds what a single step can produce (deflate
 * expands at most about 1,000 times).
 */
function inflatedSize(entries: ZipEntry[]): number | 'corrupt' {
  const piece = 4096;
  let total = 0;
  for (const entry of entries) {
    if (entry.encrypted) return 'corrupt';
    if (entry.method === 0) {
      total += entry.data.length;
    } else if (entry.method === 8) {
      const inflate = new Inflate((chunk) => {
        total += chunk.length;
      });
      try {
        for (let at = 0; at < entry.data.length && total <= MAX_INFLATED_BYTES; at += piece) {
          const end = Math.min(at + piece, entry.data.length);
          inflate.push(entry.data.subarray(at, end), end === entry.data.length);
        }
        if (entry.data.length === 0) inflate.push(new Uint8Array(0), true);
      } catch {
        return 'corrupt';
      }
    } else {
      return 'corrupt'; // a compression Excel never uses
    }
    if (total > MAX_INFLATED_BYTES) return total;
  }
  return total;
}

/** The entries' contents (only called once their real total is known to be within the limit). */
function extract(entries: ZipEntry[]): Map<string, Uint8Array> {
  const files = new Map<string, Uint8Array>();
  for (const entry of entries) {
    if (entry.name === '' || entry.name.endsWith('/')) continue; // folders
    files.set(entry.name, entry.method === 0 ? entry.data.slice() : inflateSync(entry.data));
  }
  return files;
}

type Range = { top: number; left: number; bottom: number; right: number };

/**
 * Rewrites the parts exceljs would expand far beyond the values they hold,
 * before it sees them:
 * - merged ranges, data validations and defined names, each expanded cell by
 *   cell whatever its size (a drop-down on a whole column, common in action
 *   plan templates, costs exceljs seconds and hundreds of MB; one over the
 *   whole sheet never ends). None holds a value. The merged ranges are
 *   returned, by sheet part, for readWorksheet to apply within the area in use.
 * - empty cells and rows (formatting only: borders drawn down a template),
 *   which exceljs keeps as objects of about 1 KB each.
 * Then counts the cells left, refusing a workbook over MAX_IMPORT_CELLS before
 * exceljs spends memory on them.
 */
function prepareForExceljs(files: Map<string, Uint8Array>, sheets: SheetPart[]): Map<string, Range[]> {
  const merges = new Map<string, Range[]>();
  let cells = 0;
  for (const [path, bytes] of files) {
    if (path === 'xl/workbook.xml') {
      if (!Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).includes('definedName')) continue;
      const xml = latin1(bytes).replace(element('definedNames'), '');
      files.set(path, Buffer.from(xml, 'latin1'));
      continue;
    }
    if (!/(^|\/)xl\/worksheets\/[^/]+\.xml$/i.test(path)) continue;
    // Latin-1 keeps every byte as one character, so the rest of the part (UTF-8) is written back unchanged.
    let xml = latin1(bytes);
    const ranges: Range[] = [];
    for (const match of xml.matchAll(/<(?:[A-Za-z_][\w.-]*:)?mergeCell\b[^>]*?\sref\s*=\s*["']([^"']*)["']/g)) {
      const range = parseRange(match[1] ?? '');
      if (range) ranges.push(range);
    }
    merges.set(path, ranges);
    xml = xml
      .replace(element('mergeCells'), '')
      .replace(element('dataValidations'), '')
      // Only cells and rows that state their position: the position of those that don't depends on the ones before.
      .replace(emptyElement('c'), '')
      .replace(emptyElement('row'), '');
    const name = sheets.find((sheet) => sheet.path === path)?.name ?? path;
    cells += xml.match(/<(?:[A-Za-z_][\w.-]*:)?c[\s>/]/g)?.length ?? 0;
    if (cells > MAX_IMPORT_CELLS) throw new Refusal(READ_PROBLEMS.tooManyCells(name));
    const rows = xml.match(/<(?:[A-Za-z_][\w.-]*:)?row[\s>]/g)?.length ?? 0;
    if (rows > MAX_ROWS_WITH_CELLS) throw new Refusal(READ_PROBLEMS.tooManyRowsWithCells(name));
    files.set(path, Buffer.from(xml, 'latin1'));
  }
  return merges;
}

/**
 * Rows in a sheet's XML that still hold cells (values or formulas) once empty
 * ones are taken out: rows exceljs would build objects for. More than the
 * importer's row limit, so that a template with formulas copied down past its
 * data is still read (formulas whose result is blank make blank rows).
 */
const MAX_ROWS_WITH_CELLS = 5 * MAX_IMPORT_ROWS;

/** An element named `name` (any namespace prefix) stating its position (`r`), with nothing in it. */
function emptyElement(name: string): RegExp {
  return new RegExp(`<([A-Za-z_][\\w.-]*:)?${name}\\s[^>]*?\\br\\s*=\\s*"[^"]*"[^>]*?(?:\\/>|>\\s*<\\/\\1${name}\\s*>)`, 'g');
}

/** An element named `name` (any namespace prefix), with its content. */
function element(name: string): RegExp {
  return new RegExp(`<([A-Za-z_][\\w.-]*:)?${name}\\b[^>]*?(?:\\/>|>[\\s\\S]*?<\\/\\1${name}\\s*>)`, 'g');
}

function latin1(bytes: Uint8Array): string {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('latin1');
}

type SheetPart = { id: number; name: string; path: string };

/** The workbook's sheets: id (exceljs's `worksheet.id`), name and part, the part resolved as exceljs does. */
function worksheetParts(files: Map<string, Uint8Array>): SheetPart[] {
  const targets = new Map<string, string>();
  for (const match of text(files.get('xl/_rels/workbook.xml.rels')).matchAll(/<(?:[\w.-]+:)?Relationship\b([^>]*)>/g)) {
    const attributes = match[1] ?? '';
    const id = /\sId\s*=\s*"([^"]*)"/.exec(attributes)?.[1];
    const target = /\sTarget\s*=\s*"([^"]*)"/.exec(attributes)?.[1];
    if (id && target) targets.set(id, `xl/${target.replace(/^(\s|\/xl\/)+/, '')}`);
  }
  const sheets: SheetPart[] = [];
  for (const match of text(files.get('xl/workbook.xml')).matchAll(/<(?:[\w.-]+:)?sheet\b([^>]*)>/g)) {
    const attributes = match[1] ?? '';
    const id = /\ssheetId\s*=\s*"(\d+)"/.exec(attributes)?.[1];
    const name = /\sname\s*=\s*"([^"]*)"/.exec(attributes)?.[1];
    const relationship = /\s[\w.-]+:id\s*=\s*"([^"]*)"/.exec(attributes)?.[1];
    const path = relationship ? targets.get(relationship) : undefined;
    if (id && path) sheets.push({ id: Number(id), name: unescapeXml(name ?? ''), path });
  }
  return sheets;
}

function unescapeXml(value: string): string {
  const named: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };
  return value.replace(/&(#x[0-9a-f]+|#\d+|\w+);/gi, (entity, body: string) => {
    if (body[0] !== '#') return named[body] ?? entity;
    const code = body[1] === 'x' || body[1] === 'X' ? parseInt(body.slice(2), 16) : Number(body.slice(1));
    return code <= 0x10ffff ? String.fromCodePoint(code) : entity;
  });
}

function readWorksheet(worksheet: ExcelJS.Worksheet, merges: Range[], budget: { cells: number }): Sheet {
  const name = worksheet.name;
  const grid = new Map<number, Map<number, CellValue>>();
  let lastRow = 0;
  let lastColumn = 0;
  worksheet.eachRow({ includeEmpty: false }, (row, rowNumber) => {
    row.eachCell({ includeEmpty: false }, (cell, columnNumber) => {
      const value = cellValue(cell);
      if (value === null) return;
      let cells = grid.get(rowNumber);
      if (!cells) grid.set(rowNumber, (cells = new Map()));
      cells.set(columnNumber, value);
      lastRow = Math.max(lastRow, rowNumber);
      lastColumn = Math.max(lastColumn, columnNumber);
    });
  });

  // Every cell of a merged range shows its top-left cell's value. Ranges are
  // cut to the area in use: a title merged across the whole row, or a range
  // reaching the bottom of the sheet, adds no empty rows or columns.
  let merged = 0;
  for (const range of merges) {
    const master = grid.get(range.top)?.get(range.left) ?? null;
    const bottom = Math.min(range.bottom, lastRow);
    const right = Math.min(range.right, lastColumn);
    merged += Math.max(0, bottom - range.top + 1) * Math.max(0, right - range.left + 1);
    if (merged > MAX_IMPORT_CELLS) throw new Refusal(READ_PROBLEMS.tooManyCells(name));
    for (let r = range.top; r <= bottom; r++) {
      let cells = grid.get(r);
      for (let c = range.left; c <= right; c++) {
        if (master === null) {
          cells?.delete(c);
        } else {
          if (!cells) grid.set(r, (cells = new Map()));
          cells.set(c, master);
        }
      }
    }
  }

  const rows: SheetRow[] = [];
  for (const rowNumber of [...grid.keys()].sort((a, b) => a - b)) {
    const cells = grid.get(rowNumber)!;
    if (cells.size === 0) continue;
    if (rows.length === MAX_IMPORT_ROWS) throw new Refusal(READ_PROBLEMS.tooManyRows(name));
    const width = Math.max(...cells.keys());
    budget.cells += width;
    if (budget.cells > MAX_IMPORT_CELLS) throw new Refusal(READ_PROBLEMS.tooManyCells(name));
    const values: CellValue[] = new Array<CellValue>(width).fill(null);
    for (const [column, value] of cells) values[column - 1] = value;
    rows.push({ number: rowNumber, cells: values });
  }
  return { name, rows };
}

function cellValue(cell: ExcelJS.Cell): CellValue {
  // Merged ranges are taken out before loading; should exceljs still mark one, follow it.
  return toCellValue(cell.type === ExcelJS.ValueType.Merge ? cell.master.value : cell.value);
}

/** A value as exceljs gives it, as the importer wants it; formulas are never evaluated. */
function toCellValue(value: unknown): CellValue {
  if (value === null || value === undefined) return null;
  if (typeof value === 'number') return Number.isFinite(value) ? value : null;
  if (typeof value === 'string') return trimmed(value);
  if (typeof value === 'boolean') return value ? 'TRUE' : 'FALSE';
  if (value instanceof Date) return calendarDay(value);
  if (typeof value === 'object') {
    if ('richText' in value && Array.isArray(value.richText)) {
      return trimmed(value.richText.map((run: { text?: unknown }) => (typeof run.text === 'string' ? run.text : '')).join(''));
    }
    if ('hyperlink' in value) return 'text' in value ? toCellValue(value.text) : null;
    if ('formula' in value || 'sharedFormula' in value) return 'result' in value ? toCellValue(value.result) : null;
    // { error: '#N/A' } and anything unknown: no value.
  }
  return null;
}

function trimmed(value: string): string | null {
  const text = value.trim();
  return text === '' ? null : text;
}

/**
 * The UTC calendar day of a date cell (exceljs turns Excel's day numbers into
 * UTC instants). A value a few milliseconds before midnight, as floating point
 * arithmetic leaves some (23:59:59.999), is the next day; any real time of day,
 * 23:59:59 included, keeps its own day.
 */
function calendarDay(date: Date): { day: string } | null {
  const ms = date.getTime();
  if (!Number.isFinite(ms)) return null;
  const day = Math.floor((ms + 10) / 86_400_000);
  return { day: new Date(day * 86_400_000).toISOString().slice(0, 10) };
}

/** "B5:D7" (or "$B$5", one cell) as a range, or null. */
function parseRange(ref: string): Range | null {
  const match = /^\$?([A-Z]{1,3})\$?(\d{1,7})(?::\$?([A-Z]{1,3})\$?(\d{1,7}))?$/i.exec(ref.trim());
  if (!match) return null;
  const [, c1 = '', r1 = '', c2 = c1, r2 = r1] = match;
  const rows = [Number(r1), Number(r2)];
  const columns = [columnNumber(c1), columnNumber(c2)];
  if ([...rows, ...columns].some((n) => n < 1)) return null;
  return {
    top: Math.min(...rows),
    bottom: Math.max(...rows),
    left: Math.min(...columns),
    right: Math.max(...columns),
  };
}

function columnNumber(letters: string): number {
  return [...letters.toUpperCase()].reduce((n, letter) => n * 26 + letter.charCodeAt(0) - 64, 0);
}

// ---- CSV ------------------------------------------------------------------

function readCsv(fileName: string, bytes: Uint8Array): ReadResult {
  const body = startsWith(bytes, [0xef, 0xbb, 0xbf]) ? bytes.subarray(3) : bytes;
  let source: string;
  let encoding: 'utf-8' | 'windows-1252';
  try {
    source = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(body);
    encoding = 'utf-8';
  } catch {
    // Not UTF-8: what Excel's plain "CSV (Comma delimited)" writes on Windows in Western Europe.
    source = decodeWindows1252(body);
    encoding = 'windows-1252';
  }
  // One kind of line break, so that csv-parse's line count is the line a text editor shows.
  const csv = source.replace(/\r\n?/g, '\n');
  const name = sheetNameFor(fileName);

  const rows: SheetRow[] = [];
  let first: { line: number; fields: number } | undefined;
  let newlinesInValues = 0;
  let lastLine = 0;
  let cells = 0;
  try {
    parseCsv(csv, {
      delimiter: delimiterOf(csv),
      record_delimiter: '\n',
      relax_column_count: true, // checked below, to name the line
      relax_quotes: true, // a quote inside an unquoted value is kept, as Excel does
      skip_empty_lines: true,
      skip_records_with_empty_values: true,
      on_record: (record: string[], context: { lines: number }) => {
        // context.lines is the line the record ends on; a quoted value may span lines.
        const newlines = record.reduce((n, field) => n + countNewlines(field), 0);
        const line = context.lines - newlines;
        const number = line - newlinesInValues; // the row Excel shows it on: one row per record
        newlinesInValues += newlines;
        lastLine = context.lines;

        if (!first) first = { line, fields: record.length };
        else if (record.length !== first.fields) {
          throw new Refusal(READ_PROBLEMS.fieldCount(line, record.length, first.line, first.fields));
        }
        if (rows.length === MAX_IMPORT_ROWS) throw new Refusal(READ_PROBLEMS.tooManyRows(name));
        const values = record.map(trimmed);
        while (values.length > 0 && values[values.length - 1] === null) values.pop();
        cells += values.length;
        if (cells > MAX_IMPORT_CELLS) throw new Refusal(READ_PROBLEMS.tooManyCells(name));
        rows.push({ number, cells: values });
        return undefined; // kept here, not in csv-parse's own list
      },
    });
  } catch (error) {
    if (error instanceof Refusal) throw error;
    const code = (error as { code?: unknown }).code;
    const line = (error as { lines?: unknown }).lines;
    if (code === 'CSV_QUOTE_NOT_CLOSED') return { ok: false, problem: READ_PROBLEMS.unclosedQuote(unclosedQuoteLine(csv, lastLine)) };
    if (typeof line === 'number') return { ok: false, problem: READ_PROBLEMS.badCsvLine(line) };
    return { ok: false, problem: READ_PROBLEMS.notSpreadsheet };
  }
  return { ok: true, kind: 'csv', encoding, sheets: [{ name, rows }] };
}

// Windows-1252 is Latin-1 but for 0x80-0x9F (€ ‚ ƒ „ … † ‡ ˆ ‰ Š ‹ Œ Ž ‘ ’ “ ” • – — ˜ ™ š › œ ž Ÿ).
// Decoded here because Node's TextDecoder('windows-1252') treats it as plain
// Latin-1 from 20.18.3 (nodejs/node issues 56542 and 60888); the five bytes
// Windows-1252 leaves undefined keep their code, as the WHATWG standard says.
const WINDOWS_1252_HIGH =
  '\u20ac\u0081\u201a\u0192\u201e\u2026\u2020\u2021\u02c6\u2030\u0160\u2039\u0152\u008d\u017d\u008f' +
  '\u0090\u2018\u2019\u201c\u201d\u2022\u2013\u2014\u02dc\u2122\u0161\u203a\u0153\u009d\u017e\u0178';

function decodeWindows1252(bytes: Uint8Array): string {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength)
    .toString('latin1')
    .replace(/[\u0080-\u009f]/g, (char) => WINDOWS_1252_HIGH[char.charCodeAt(0) - 0x80]!);
}

/** Commas, unless the first line with content has semicolons (or tabs) and no commas. */
function delimiterOf(csv: string): string {
  const firstLine = csv.split('\n', 50).find((line) => line.trim() !== '') ?? '';
  if (firstLine.includes(',')) return ',';
  if (firstLine.includes(';')) return ';';
  if (firstLine.includes('\t')) return '\t';
  return ',';
}

/**
 * The line a never-closed quote opens on: the first line after the last
 * complete record with an odd number of quotes (csv-parse reports only the end
 * of the file).
 */
function unclosedQuoteLine(csv: string, lastLine: number): number {
  const lines = csv.split('\n');
  for (let i = lastLine; i < lines.length; i++) {
    if ((lines[i]!.match(/"/g)?.length ?? 0) % 2 === 1) return i + 1;
  }
  return lastLine + 1;
}

function countNewlines(text: string): number {
  let n = 0;
  for (let at = text.indexOf('\n'); at >= 0; at = text.indexOf('\n', at + 1)) n++;
  return n;
}

/** "Action plan 2024.csv" → "Action plan 2024". */
function sheetNameFor(fileName: string): string {
  const base = fileName.split(/[/\\]/).pop() ?? '';
  const dot = base.lastIndexOf('.');
  return (dot > 0 ? base.slice(0, dot) : base).trim() || 'Sheet1';
}

// ---- Bytes ----------------------------------------------------------------

function ascii(value: string): number[] {
  return Array.from(value, (c) => c.charCodeAt(0));
}

function utf16le(value: string): Uint8Array {
  return new Uint8Array(Buffer.from(value, 'utf16le'));
}

function startsWith(bytes: Uint8Array, signature: ArrayLike<number>): boolean {
  if (bytes.length < signature.length) return false;
  for (let i = 0; i < signature.length; i++) if (bytes[i] !== signature[i]) return false;
  return true;
}

function indexOf(bytes: Uint8Array, needle: Uint8Array): number {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).indexOf(needle);
}

function text(bytes: Uint8Array | undefined): string {
  return bytes ? new TextDecoder('utf-8').decode(bytes) : '';
}
