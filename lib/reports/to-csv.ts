import { dayOf } from '@/lib/days';
import type { Cell, Section } from './report-sections';

/** RFC 4180 quoting, and a leading apostrophe where a spreadsheet would run a formula (CSV injection). */
function csvCell(cell: Cell, kind: string): string {
  if (cell === null) return '';
  if (cell instanceof Date) return kind === 'date' ? dayOf(cell) : cell.toISOString();
  if (typeof cell === 'number') return String(cell);
  const safe = /^[=+\-@\t\r]/.test(cell) ? `'${cell}` : cell;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

/** One CSV file: a title block, then each section as a titled table, separated by blank lines. */
export function reportCsv(heading: string[], sections: Section[]): string {
  const lines: string[] = heading.map((line) => csvCell(line, 'text'));
  for (const section of sections) {
    lines.push('', csvCell(section.title, 'text'), section.columns.map((c) => csvCell(c.header, 'text')).join(','));
    for (const row of section.rows) lines.push(row.map((cell, i) => csvCell(cell, section.columns[i]?.kind ?? 'text')).join(','));
  }
  // A byte-order mark so that Excel opens UTF-8 correctly.
  return `\uFEFF${lines.join('\r\n')}\r\n`;
}
