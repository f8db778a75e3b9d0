// Reading the report files back, as a recipient would, for the tests.
import path from 'node:path';
import ExcelJS from 'exceljs';

async function openPdf(data: Uint8Array) {
  const { getDocument } = await import('pdfjs-dist/legacy/build/pdf.mjs');
  const standardFontDataUrl = `${path.join(process.cwd(), 'node_modules/pdfjs-dist/standard_fonts')}/`;
  // No system fonts: a font the file does not embed then shows up as missing.
  return getDocument({ data: new Uint8Array(data), isEvalSupported: false, useSystemFonts: false, standardFontDataUrl }).promise;
}

/** Each page's text, from the PDF itself. */
export async function pdfPages(data: Uint8Array): Promise<string[]> {
  const pdf = await openPdf(data);
  const pages: string[] = [];
  for (let n = 1; n <= pdf.numPages; n++) {
    const content = await (await pdf.getPage(n)).getTextContent();
    pages.push(content.items.map((item) => ('str' in item ? item.str : '')).join(' '));
  }
  await pdf.destroy();
  return pages;
}

export type PdfFont = { name: string; embedded: boolean };
export type PdfPage = { text: string; fonts: PdfFont[]; operators: Map<string, number>; fillColours: Set<string> };

/**
 * Each page as a reader's software sees it: its text (whitespace made single),
 * the fonts it draws with (and whether the file carries them), how many of
 * each drawing operator it uses, and the colours it fills with.
 */
export async function pdfDetails(data: Uint8Array): Promise<PdfPage[]> {
  const { OPS } = await import('pdfjs-dist/legacy/build/pdf.mjs');
  const names = new Map(Object.entries(OPS).map(([name, code]) => [code, name]));
  const pdf = await openPdf(data);
  const pages: PdfPage[] = [];
  for (let n = 1; n <= pdf.numPages; n++) {
    const page = await pdf.getPage(n);
    const content = await page.getTextContent();
    const list = await page.getOperatorList();
    const operators = new Map<string, number>();
    const fillColours = new Set<string>();
    const fontIds = new Set<string>();
    list.fnArray.forEach((fn, i) => {
      const name = names.get(fn) ?? String(fn);
      operators.set(name, (operators.get(name) ?? 0) + 1);
      const args = list.argsArray[i] as unknown[] | null;
      if (name === 'setFillRGBColor' && typeof args?.[0] === 'string') fillColours.add(args[0].toLowerCase());
      if (name === 'setFont' && typeof args?.[0] === 'string') fontIds.add(args[0]);
    });
    const fonts = [...fontIds].map((id) => {
      const font = page.commonObjs.get(id) as { name?: string; missingFile?: boolean };
      return { name: font.name ?? id, embedded: font.missingFile === false };
    });
    const text = content.items
      .map((item) => ('str' in item ? item.str : ''))
      .join(' ')
      .replace(/\s+/g, ' ');
    pages.push({ text, fonts, operators, fillColours });
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
