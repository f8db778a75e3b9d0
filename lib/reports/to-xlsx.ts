import ExcelJS from 'exceljs';
import { storedDate, ukWallClock } from '@/lib/days';
import { type Cell, type Column, type ColumnKind, percentNumFmt, type Section, tagText } from './report-sections';

/** Column formats; a percentage's is set per cell (percentNumFmt), to show it as formatPercent does ("30%", "33.3%"). */
const FORMATS: Partial<Record<ColumnKind, string>> = { date: 'dd/mm/yyyy', datetime: 'dd/mm/yyyy hh:mm', number: '#,##0.##', month: 'mmmm yyyy' };

/** One worksheet per section, with real dates and numbers (not text), and the report's heading on each. */
export async function reportXlsx(heading: string[], sections: Section[]): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'Followthrough';
  const used = new Set<string>();
  for (const section of sections) {
    const sheet = workbook.addWorksheet(sheetName(section.title, used));
    heading.forEach((line, i) => {
      sheet.addRow([line]).font = { bold: i === 0, size: i === 0 ? 13 : 11 };
    });
    sheet.addRow([section.title]).font = { bold: true, size: 12 };
    const header = sheet.addRow(section.columns.map((column) => column.header));
    header.font = { bold: true };
    header.eachCell((cell) => {
      cell.border = { bottom: { style: 'thin' } };
    });
    for (const row of section.rows) {
      const added = sheet.addRow(row.map((cell, i) => sheetCell(cell, section.columns[i]!)));
      section.columns.forEach((column, i) => {
        const cell = row[i];
        if (column.kind === 'percent' && typeof cell === 'number') added.getCell(i + 1).numFmt = percentNumFmt(cell);
        // '#,##0.##' shows a whole number with a trailing point ("10.") in Excel.
        if (column.kind === 'number' && typeof cell === 'number') added.getCell(i + 1).numFmt = Number.isInteger(cell) ? '#,##0' : FORMATS.number!;
      });
    }
    section.columns.forEach((column, i) => {
      const sheetColumn = sheet.getColumn(i + 1);
      const format = FORMATS[column.kind];
      if (format && column.kind !== 'number') sheetColumn.numFmt = format;
      const longest = Math.max(column.header.length, ...section.rows.map((row) => displayLength(row[i])));
      sheetColumn.width = Math.min(60, Math.max(10, longest + 2));
      if (column.kind === 'text' && longest > 60) sheetColumn.alignment = { wrapText: true, vertical: 'top' };
    });
    sheet.views = [{ state: 'frozen', ySplit: heading.length + 2 }];
  }
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

/**
 * Times as UK clocks showed them (a day's date-only value is already the day);
 * a percentage as the fraction a spreadsheet formats as one; a month as its
 * first day, formatted "September 2012"; a status or RAG rating in words.
 */
function sheetCell(cell: Cell, column: Column) {
  if (column.kind === 'status' || column.kind === 'rag') return tagText(column.kind, cell === null ? null : String(cell));
  if (cell instanceof Date && column.kind === 'datetime') return ukWallClock(cell);
  if (typeof cell === 'number' && column.kind === 'percent') return cell / 100;
  if (typeof cell === 'string' && column.kind === 'month') return storedDate(`${cell}-01`);
  return cell ?? '';
}

function displayLength(cell: unknown) {
  if (cell instanceof Date) return 16;
  if (typeof cell === 'string' && /^\d{4}-\d{2}$/.test(cell)) return 15;
  return String(cell ?? '').length;
}

/** Excel's rules: at most 31 characters, none of []:*?/\, unique in the workbook. */
function sheetName(title: string, used: Set<string>) {
  const base = title.replace(/[[\]:*?/\\]/g, ' ').slice(0, 31).trim();
  let name = base;
  for (let n = 2; used.has(name.toLowerCase()); n++) name = `${base.slice(0, 31 - ` ${n}`.length).trim()} ${n}`;
  used.add(name.toLowerCase());
  return name;
}
