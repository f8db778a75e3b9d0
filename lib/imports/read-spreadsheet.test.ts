import { unzipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import {
  MAX_IMPORT_BYTES,
  MAX_IMPORT_CELLS,
  MAX_IMPORT_ROWS,
  MAX_INFLATED_BYTES,
} from '@/lib/imports/import-limits';
import { readSpreadsheet, READ_PROBLEMS, type ReadResult, type Sheet } from '@/lib/imports/read-spreadsheet';
import {
  actionPlanXlsx,
  asZip64,
  brokenXlsx,
  CELL_KINDS,
  cellKindsXlsx,
  csvUtf8,
  csvUtf8WithBom,
  csvWindows1252,
  csvWithRows,
  declaredHugeXlsx,
  encryptedWorkbook,
  farCellsXlsx,
  formattedTemplateXlsx,
  formulasCopiedDownXlsx,
  htmlXls,
  legacyXls,
  lyingZipBomb,
  macroEnabledXlsx,
  odsLike,
  oversizedFile,
  pdfFile,
  plainZip,
  PLAN_CSV_ROWS,
  PLAN_RECOMMENDATION,
  PLAN_SHEET,
  PLAN_TITLE,
  raggedCsv,
  randomBinary,
  reorderedSheetsXlsx,
  semicolonCsv,
  tooManyRowsCsv,
  tooManyRowsXlsx,
  unclosedQuoteCsv,
  utf16Csv,
  wholeColumnFeaturesXlsx,
  wholeSheetRangesXlsx,
  xlsbLike,
  xlsxWithRows,
  ZIP_BOMB_BYTES,
  zipBomb,
} from '@/tests/support/spreadsheet-fixtures';

const MB = 1024 * 1024;

function read(name: string, bytes: Uint8Array): Promise<ReadResult> {
  return readSpreadsheet({ name, bytes });
}

function sheetsOf(result: ReadResult): Sheet[] {
  if (!result.ok) throw new Error(`expected the file to be read, got: ${result.problem}`);
  return result.sheets;
}

function problemOf(result: ReadResult): string {
  if (result.ok) throw new Error('expected the file to be refused');
  return result.problem;
}

/**
 * How far the process's peak resident memory rose while `work` ran. The peak,
 * not the memory after, so that a reader that holds the inflated data and
 * then drops it is caught too. These run first in the file, before anything
 * else here raises the peak.
 */
async function peakGrowth(work: () => Promise<unknown>): Promise<number> {
  const before = process.resourceUsage().maxRSS * 1024;
  const current = process.memoryUsage().rss;
  await work();
  const after = process.resourceUsage().maxRSS * 1024;
  // Growth above the higher of the earlier peak and the memory in use now.
  return after - Math.max(before, current);
}

describe('zip bombs', () => {
  it('refuses a workbook whose declared sizes lie, by counting what really inflates, in bounded memory', async () => {
    const bytes = await lyingZipBomb();
    // The lie: what the central directory declares passes the first check.
    let declared = 0;
    unzipSync(bytes, {
      filter: (file) => {
        declared += file.originalSize;
        return false;
      },
    });
    expect(declared).toBeLessThan(MAX_INFLATED_BYTES);
    expect(ZIP_BOMB_BYTES).toBeGreaterThan(MAX_INFLATED_BYTES);

    let result: ReadResult | undefined;
    const growth = await peakGrowth(async () => (result = await read('plan.xlsx', bytes)));
    expect(problemOf(result!)).toBe(READ_PROBLEMS.inflatesTooLarge);
    expect(growth).toBeLessThan(50 * MB);
  });

  it('refuses a workbook that declares more than 100 MB unzipped, without inflating it', async () => {
    const bytes = await zipBomb();
    expect(bytes.length).toBeLessThan(MB);
    let result: ReadResult | undefined;
    const growth = await peakGrowth(async () => (result = await read('plan.xlsx', bytes)));
    expect(problemOf(result!)).toBe(READ_PROBLEMS.inflatesTooLarge);
    expect(growth).toBeLessThan(50 * MB);
  });

  it('refuses a workbook by its declared size alone, even when the real content is small', async () => {
    const result = await read('plan.xlsx', await declaredHugeXlsx());
    expect(problemOf(result)).toBe(READ_PROBLEMS.inflatesTooLarge);
    expect(READ_PROBLEMS.inflatesTooLarge).toMatch(/expands to more than 100 MB/);
  });
});

describe('readSpreadsheet: XLSX', () => {
  it('reads every sheet in order, with row numbers as Excel shows them, blank rows left out', async () => {
    const result = await read('plan.xlsx', await actionPlanXlsx());
    expect(result).toMatchObject({ ok: true, kind: 'xlsx' });
    expect(result.ok && result.encoding).toBeUndefined();
    const [plan, lookups, notes] = sheetsOf(result);
    expect(sheetsOf(result).map((sheet) => sheet.name)).toEqual([PLAN_SHEET, 'Lookups', 'Notes']);

    const title = Array<string>(7).fill(PLAN_TITLE); // merged A1:G1
    expect(plan!.rows).toEqual([
      { number: 1, cells: title },
      { number: 4, cells: ['Ref', 'Recommendation', 'Action ref', 'Action', 'Agency', 'Due date', 'Status'] },
      // R1 and its text are merged down rows 5-7: each action row carries them.
      { number: 5, cells: ['R1', PLAN_RECOMMENDATION, 'R1.1', 'Run the training twice a year', "Children's social care", { day: '2013-03-31' }, 'In progress'] },
      { number: 6, cells: ['R1', PLAN_RECOMMENDATION, 'R1.2', 'Release health staff to attend', 'Health', { day: '2013-04-30' }, 'Not started'] },
      { number: 7, cells: ['R1', PLAN_RECOMMENDATION, 'R1.3', 'Release school staff to attend', 'Education', { day: '2013-05-31' }, 'Done'] },
      { number: 8, cells: ['R2', 'Hold multi-agency meetings monthly', 'R2.1', 'Convene the meetings', 'Police', { day: '2013-06-30' }, 'In progress'] },
      { number: 10, cells: ['Notes: due dates are those agreed at the board on 1 October 2012.'] },
      // The formula's cached result, not the formula, and never recalculated (A1+1 of a title would be an error).
      { number: 12, cells: ['Actions in plan', 5] },
    ]);
    expect(lookups!.rows).toEqual([
      { number: 1, cells: ['Not started'] },
      { number: 2, cells: ['In progress'] },
      { number: 3, cells: ['Done'] },
    ]);
    expect(notes!.rows).toEqual([{ number: 1, cells: ['Prepared by the partnership business unit'] }]);
  });

  it('reads each kind of cell as its plain value', async () => {
    const [sheet] = sheetsOf(await read('cells.xlsx', await cellKindsXlsx()));
    expect(sheet!.name).toBe('Cells');
    expect(Object.fromEntries(sheet!.rows.map((row) => [row.number, row.cells]))).toEqual(CELL_KINDS);
  });

  it('reads a template with drop-downs, names and merges over whole columns quickly, merges cut to the cells in use', async () => {
    const bytes = await wholeColumnFeaturesXlsx();
    const started = Date.now();
    const [plan, lookups] = sheetsOf(await read('template.xlsx', bytes));
    // exceljs alone takes several seconds and about a gigabyte on this file.
    expect(Date.now() - started).toBeLessThan(5000);
    expect(plan!.rows).toEqual([
      { number: 1, cells: Array<string>(8).fill('Action plan') }, // merged across the whole row: as wide as the data
      { number: 2, cells: ['Ref', 'Action', 'Agency', 'Due', 'Notes', 'Status', 'RAG', 'Comment'] },
      { number: 3, cells: ['R1.1', 'Run the training', 'Health', 'March', null, 'Done', 'Green'] },
      { number: 4, cells: ['R1.2', 'Release staff', 'Police', 'April', null, 'Open', 'Amber'] },
      { number: 5, cells: [null, null, null, null, null, null, null, 'Reviewed'] }, // merged to the bottom: no rows added
    ]);
    expect(lookups!.rows.map((row) => row.cells)).toEqual([['Open'], ['Done']]);
  });

  it('reads a workbook whose merge, validation and name ranges each cover the whole sheet, without expanding them', async () => {
    const bytes = await wholeSheetRangesXlsx();
    const started = Date.now();
    const [sheet] = sheetsOf(await read('ranges.xlsx', bytes));
    expect(Date.now() - started).toBeLessThan(5000);
    expect(sheet!.rows).toEqual([
      { number: 1, cells: ['Ref'] },
      { number: 2, cells: ['R1'] },
    ]);
  });

  it('follows the order the workbook lists its sheets in, each sheet keeping its own merges', async () => {
    const sheets = sheetsOf(await read('plan.xlsx', await reorderedSheetsXlsx()));
    expect(sheets.map((sheet) => sheet.name)).toEqual(['Notes', PLAN_SHEET, 'Lookups']);
    expect(sheets[1]!.rows.find((row) => row.number === 7)!.cells.slice(0, 3)).toEqual(['R1', PLAN_RECOMMENDATION, 'R1.3']);
    expect(sheets[0]!.rows).toEqual([{ number: 1, cells: ['Prepared by the partnership business unit'] }]);
  });

  it('reads a template formatted far below its data: empty formatted cells are not cells', async () => {
    // 100,000 rows of 12 formatted cells: over the cell limit if they were counted.
    const [sheet] = sheetsOf(await read('template.xlsx', await formattedTemplateXlsx(100_000)));
    expect(sheet!.rows).toEqual([
      { number: 1, cells: ['Ref', 'Action', 'Agency'] },
      { number: 2, cells: ['R1.1', 'Run the training', 'Health'] },
      { number: 3, cells: ['R1.2', 'Release staff', 'Police'] },
      { number: 4, cells: ['R1.3', 'Audit the files', 'Education'] },
    ]);
  });

  it('reads a template with a formula copied down past its data, but not one copied down past 100,000 rows', async () => {
    const [sheet] = sheetsOf(await read('template.xlsx', await formulasCopiedDownXlsx(30_000)));
    expect(sheet!.rows.map((row) => row.cells)).toEqual([
      ['Ref', 'Action', 'Due', 'RAG'],
      ['R1.1', 'Run the training', 'March', 'Green'],
      ['R1.2', 'Release staff', 'April', 'Red'],
      ['R1.3', 'Audit the files', 'May', 'Green'],
    ]);
    const problem = problemOf(await read('template.xlsx', await formulasCopiedDownXlsx(5 * MAX_IMPORT_ROWS + 1)));
    expect(problem).toBe(READ_PROBLEMS.tooManyRowsWithCells('Plan'));
    expect(problem).toMatch(/^The sheet "Plan" has more than 100,000 rows with values or formulas/);
  });

  it(`refuses a sheet over ${MAX_IMPORT_CELLS} cells wide in all (a stray value in the last column of every row)`, async () => {
    expect(problemOf(await read('wide.xlsx', await farCellsXlsx()))).toBe(READ_PROBLEMS.tooManyCells('Wide'));
  });

  it(`reads ${MAX_IMPORT_ROWS} rows and refuses one more`, async () => {
    const [sheet] = sheetsOf(await read('plan.xlsx', await xlsxWithRows(MAX_IMPORT_ROWS)));
    expect(sheet!.rows).toHaveLength(MAX_IMPORT_ROWS);
    expect(sheet!.rows.at(-1)).toEqual({ number: MAX_IMPORT_ROWS, cells: [`R${MAX_IMPORT_ROWS - 1}`, `Action ${MAX_IMPORT_ROWS - 1}`, 'Health'] });
    const problem = problemOf(await read('plan.xlsx', await tooManyRowsXlsx()));
    expect(problem).toBe(READ_PROBLEMS.tooManyRows('Plan'));
    expect(problem).toMatch(/^The sheet "Plan" has more than 20,000 rows/);
  });

  it('refuses macro-enabled workbooks, by their macro part or by their content type', async () => {
    expect(READ_PROBLEMS.macros).toBe(
      'This workbook contains macros (.xlsm). Save it as a plain .xlsx workbook without macros and upload that.',
    );
    for (const options of [{}, { contentType: false }, { vbaProject: false }]) {
      expect(problemOf(await read('plan.xlsx', await macroEnabledXlsx(options))), JSON.stringify(options)).toBe(
        READ_PROBLEMS.macros,
      );
    }
  });

  it('reads a workbook zipped in ZIP64 form as the same workbook', async () => {
    const plain = await actionPlanXlsx();
    const zip64 = asZip64(plain);
    expect(zip64.length).toBeGreaterThan(plain.length);
    expect(await read('plan.xlsx', zip64)).toEqual(await read('plan.xlsx', plain));
  });

  it('refuses a workbook whose compressed data is damaged', async () => {
    const bytes = await actionPlanXlsx();
    const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    const name = new TextEncoder().encode('xl/worksheets/sheet1.xml');
    let damaged = false;
    for (let at = 0; at + 30 + name.length < bytes.length && !damaged; at++) {
      if (view.getUint32(at, true) !== 0x04034b50) continue;
      const nameLength = view.getUint16(at + 26, true);
      if (new TextDecoder().decode(bytes.subarray(at + 30, at + 30 + nameLength)) !== 'xl/worksheets/sheet1.xml') continue;
      const data = at + 30 + nameLength + view.getUint16(at + 28, true);
      bytes.fill(0xff, data, data + 16); // a deflate block of the reserved type 3
      damaged = true;
    }
    expect(damaged).toBe(true);
    expect(problemOf(await read('plan.xlsx', bytes))).toBe(READ_PROBLEMS.notSpreadsheet);
  });

  it('refuses zips that are not workbooks, and workbooks exceljs cannot open', async () => {
    expect(problemOf(await read('plan.xlsx', plainZip()))).toBe(READ_PROBLEMS.notSpreadsheet);
    expect(problemOf(await read('plan.xlsx', brokenXlsx()))).toBe(READ_PROBLEMS.notSpreadsheet);
    const truncated = (await actionPlanXlsx()).slice(0, 2000);
    expect(problemOf(await read('plan.xlsx', truncated))).toBe(READ_PROBLEMS.notSpreadsheet);
  });

  it('names the format of a binary (.xlsb) or OpenDocument (.ods) spreadsheet', async () => {
    expect(problemOf(await read('plan.xlsb', xlsbLike()))).toBe(READ_PROBLEMS.binaryWorkbook);
    expect(problemOf(await read('plan.ods', odsLike()))).toBe(READ_PROBLEMS.openDocument);
  });
});

describe('readSpreadsheet: what the file is, from its bytes', () => {
  it('refuses a file over 10 MB before anything else', async () => {
    const bytes = oversizedFile();
    expect(bytes.length).toBeGreaterThan(MAX_IMPORT_BYTES);
    expect(problemOf(await read('plan.csv', bytes))).toBe(READ_PROBLEMS.tooLarge);
    expect(READ_PROBLEMS.tooLarge).toMatch(/^The file is larger than 10 MB\. /);
    // Even a file that would be refused for what it is.
    const bigPdf = new Uint8Array(MAX_IMPORT_BYTES + 1);
    bigPdf.set(pdfFile());
    expect(problemOf(await read('plan.pdf', bigPdf))).toBe(READ_PROBLEMS.tooLarge);
  });

  it('recognises a password-protected workbook', async () => {
    expect(problemOf(await read('plan.xlsx', encryptedWorkbook()))).toBe(
      'This workbook is protected with a password. Remove the password in Excel and upload it again.',
    );
  });

  it('recognises an Excel 97–2003 workbook', async () => {
    expect(problemOf(await read('plan.xls', legacyXls()))).toBe(
      'This is an Excel 97–2003 workbook (.xls). Open it in Excel and save it as .xlsx, then upload that.',
    );
  });

  it('refuses a PDF, random bytes and an empty file', async () => {
    const notSpreadsheet = 'This file is not a spreadsheet. Upload an .xlsx workbook or a .csv file.';
    expect(problemOf(await read('plan.pdf', pdfFile()))).toBe(notSpreadsheet);
    expect(problemOf(await read('plan.csv', randomBinary()))).toBe(notSpreadsheet);
    expect(problemOf(await read('plan.csv', new Uint8Array(0)))).toBe(READ_PROBLEMS.empty);
  });

  it('goes by the content, not the name', async () => {
    expect(problemOf(await read('plan.xlsx', pdfFile()))).toBe(READ_PROBLEMS.notSpreadsheet);
    expect(problemOf(await read('plan.csv', pdfFile()))).toBe(READ_PROBLEMS.notSpreadsheet);
    const workbook = await read('plan.csv', await actionPlanXlsx());
    expect(workbook).toMatchObject({ ok: true, kind: 'xlsx' });
    const csv = await read('plan.xlsx', csvUtf8());
    expect(csv).toMatchObject({ ok: true, kind: 'csv' });
  });

  it('says what to do with a web page saved as .xls and with UTF-16 text', async () => {
    expect(problemOf(await read('export.xls', htmlXls()))).toBe(READ_PROBLEMS.webPage);
    expect(problemOf(await read('plan.csv', utf16Csv()))).toBe(READ_PROBLEMS.utf16);
  });
});

describe('readSpreadsheet: CSV', () => {
  it('reads UTF-8 after a byte-order mark: quoted commas, line breaks and quotes, record numbers as Excel rows', async () => {
    const result = await read('C:\\Users\\me\\Plan 2013.csv', csvUtf8WithBom());
    expect(result).toEqual({ ok: true, kind: 'csv', encoding: 'utf-8', sheets: [{ name: 'Plan 2013', rows: PLAN_CSV_ROWS }] });
  });

  it('reads UTF-8 without a byte-order mark', async () => {
    expect(await read('plan.csv', csvUtf8())).toEqual({
      ok: true,
      kind: 'csv',
      encoding: 'utf-8',
      sheets: [{ name: 'plan', rows: PLAN_CSV_ROWS }],
    });
  });

  it('reads Windows-1252 (Excel\'s plain CSV) with Windows line endings', async () => {
    const bytes = csvWindows1252();
    expect([...bytes]).toEqual(expect.arrayContaining([0xe9, 0x96, 0x91, 0x92, 0x0d]));
    expect(await read('plan.csv', bytes)).toEqual({
      ok: true,
      kind: 'csv',
      encoding: 'windows-1252',
      sheets: [{ name: 'plan', rows: PLAN_CSV_ROWS }],
    });
  });

  it('reads every character Windows-1252 adds to Latin-1 (0x80-0x9F) as that character', async () => {
    const extras = '€‚ƒ„…†‡ˆ‰Š‹ŒŽ‘’“”•–—˜™š›œžŸ';
    const bytes = csvWindows1252(`Text,Latin-1\r\n${extras},àéîõü£©½\r\n`);
    expect(bytes.filter((byte) => byte >= 0x80 && byte <= 0x9f)).toHaveLength(27);
    const result = await read('plan.csv', bytes);
    expect(result).toMatchObject({ ok: true, encoding: 'windows-1252' });
    expect(sheetsOf(result)[0]!.rows[1]!.cells).toEqual([extras, 'àéîõü£©½']);
  });

  it('keeps every value as text: numbers, and leading = + - @, are never interpreted', async () => {
    const [sheet] = sheetsOf(await read('x.csv', csvUtf8('Ref,Count,Formula,Phone,Minus,Owner\nR1, 5 ,=1+1,+44 161,-2,@owner\n')));
    expect(sheet!.rows[1]).toEqual({ number: 2, cells: ['R1', '5', '=1+1', '+44 161', '-2', '@owner'] });
  });

  it('reads semicolon-separated values', async () => {
    const [sheet] = sheetsOf(await read('plan.csv', semicolonCsv()));
    expect(sheet!.rows.map((row) => row.cells)).toEqual([
      ['Ref', 'Action', 'Agency'],
      ['R1.1', 'Run the training; twice', 'Health'],
    ]);
  });

  it('names the line with a different number of fields', async () => {
    expect(problemOf(await read('plan.csv', raggedCsv()))).toBe(
      'Line 7 has 5 fields but the first line has 4. Check for a missing or extra comma or an unclosed quote.',
    );
    // The line a text editor shows, counting the lines inside a quoted value.
    expect(problemOf(await read('plan.csv', csvUtf8('a,b\n"x\ny",1\nc,d,e\n')))).toBe(
      'Line 4 has 3 fields but the first line has 2. Check for a missing or extra comma or an unclosed quote.',
    );
  });

  it('names the line of a quote that is never closed', async () => {
    expect(problemOf(await read('plan.csv', unclosedQuoteCsv()))).toBe(READ_PROBLEMS.unclosedQuote(4));
  });

  it(`reads ${MAX_IMPORT_ROWS} rows and refuses one more, blank lines not counted`, async () => {
    const withBlanks = csvUtf8(`${new TextDecoder().decode(csvWithRows(MAX_IMPORT_ROWS))}\n\n,,\n`);
    const [sheet] = sheetsOf(await read('plan.csv', withBlanks));
    expect(sheet!.rows).toHaveLength(MAX_IMPORT_ROWS);
    expect(problemOf(await read('too-many.csv', tooManyRowsCsv()))).toBe(READ_PROBLEMS.tooManyRows('too-many'));
  });

  it('reads a file of only blank lines as a sheet with no rows, quickly', async () => {
    const started = Date.now();
    const result = await read('blank.csv', csvUtf8('\n'.repeat(5_000_000)));
    expect(Date.now() - started).toBeLessThan(5000);
    expect(result).toEqual({ ok: true, kind: 'csv', encoding: 'utf-8', sheets: [{ name: 'blank', rows: [] }] });
  });
});
