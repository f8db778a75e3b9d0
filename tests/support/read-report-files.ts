// Reading the report files back, as a recipient would, for the tests.
import path from 'node:path';
import ExcelJS from 'exceljs';

/** Each page's text, from the PDF itself. */
export async function pdfPages(data: Uint8Array): Promise<string[]> {
  const { getDocument } = await import('pdfjs-dist/legacy/build/pdf.mjs');
  const standardFontDataUrl = `${path.join(process.cwd(), 'node_modules/pdfjs-dist/standard_fonts')}/`;
  const pdf = await getDocument({ data: new Uint8Array(data), isEvalSupported: false, useSystemFonts: false, standardFontDataUrl }).promise;
  const pages: string[] = [];
  for (let n = 1; n <= pdf.numPages; n++) {
    const content = await (await pdf.getPage(n)).getTextContent();
    pages.push(content.items.map((item) => ('str' in item ? item.str : '')).join(' '));
  }
  await pdf.destroy();
  return pages;
}

/** The CSV's sections: title → rows of cells (header first). */
export function csvSections(csv: string): Map<string, string[][]> {
  const rows = parseCsv(csv.replace(/^\uFEFF/, ''));
  const sections = new Map<string, string[][]>();
  let current: string[][] | null = null;
  for (let i = 0; i < rows.length; i++) {
    const row = rows[i]!;
    if (row.length === 1 && row[0] === '') {
      current = null;
      continue;
    }
    if (current === null && rows[i - 1]?.length === 1 && rows[i - 1]![0] === '') {
      current = [];
      sections.set(row[0]!, current);
      continue;
    }
    current?.push(row);
  }
  return sections;
}

function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (c === '"') quoted = false;
      else cell += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') {
      row.push(cell);
      cell = '';
    } else if (c === '\r' && text[i + 1] === '\n') {
      row.push(cell);
      rows.push(row);
      row = [];
      cell = '';
      i++;
    } else cell += c;
  }
  if (cell !== '' || row.length) rows.push([...row, cell]);
  return rows;
}

/** Every worksheet's rows as cell values (numbers and dates stay numbers and dates). */
export async function xlsxSheets(data: Uint8Array): Promise<Map<string, unknown[][]>> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(Buffer.from(data) as unknown as ArrayBuffer);
  const sheets = new Map<string, unknown[][]>();
  workbook.eachSheet((sheet) => {
    const rows: unknown[][] = [];
    sheet.eachRow({ includeEmpty: false }, (row) => {
      rows.push((row.values as unknown[]).slice(1));
    });
    sheets.set(sheet.name, rows);
  });
  return sheets;
}
