import ExcelJS from 'exceljs';
import { ukWallClock } from '@/lib/days';
import type { Cell, Column, Section } from './report-sections';

const FORMATS = { date: 'dd/mm/yyyy', datetime: 'dd/mm/yyyy hh:mm', percent: '0.0', number: '#,##0.##' } as const;

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
    for (const row of section.rows) sheet.addRow(row.map((cell, i) => sheetCell(cell, section.columns[i]!)));
    section.columns.forEach((column, i) => {
      const sheetColumn = sheet.getColumn(i + 1);
      if (column.kind !== 'text') sheetColumn.numFmt = FORMATS[column.kind];
      const longest = Math.max(column.header.length, ...section.rows.map((row) => displayLength(row[i])));
      sheetColumn.width = Math.min(60, Math.max(10, longest + 2));
      if (column.kind === 'text' && longest > 60) sheetColumn.alignment = { wrapText: true, vertical: 'top' };
    });
    sheet.views = [{ state: 'frozen', ySplit: heading.length + 2 }];
  }
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

/** Times as UK clocks showed them (a day's date-only value is already the day). */
function sheetCell(cell: Cell, column: Column) {
  if (cell instanceof Date && column.kind === 'datetime') return ukWallClock(cell);
  return cell ?? '';
}

function displayLength(cell: unknown) {
  if (cell instanceof Date) return 16;
  return String(cell ?? '').length;
}

/** Excel's rules: at most 31 characters, none of []:*?/\, unique in the workbook. */
function sheetName(title: string, used: Set<string>) {
  const base = title.replace(/[[\]:*?/\\]/g, ' ').slice(0, 28).trim();
  let name = base;
  for (let n = 2; used.has(name.toLowerCase()); n++) name = `${base} ${n}`;
  used.add(name.toLowerCase());
  return name;
}
