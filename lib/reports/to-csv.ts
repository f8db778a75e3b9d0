import { dayOf } from '@/lib/days';
import { type Cell, type ColumnKind, cellText, type Section } from './report-sections';

/** A character a spreadsheet runs as a formula, at the start or after a separator. */
const FORMULA_START = /(^|[;,\t\r\n])([=+\-@\t\r])/g;
/** The same, once `csvCell` has put its apostrophe before it. */
const NEUTRALISED_FORMULA_START = /(^|[;,\t\r\n])'([=+\-@\t\r])/g;

/**
 * Text as it was before `csvCell` neutralised it: importing a CSV this app
 * wrote gives back what it exported. (Text that itself began "'=" comes back
 * without its apostrophe: the two cannot be told apart.)
 */
export function unneutralisedText(text: string): string {
  return text.replace(NEUTRALISED_FORMULA_START, '$1$2');
}

/**
 * RFC 4180 quoting of every text cell, and an apostrophe before anything a
 * spreadsheet would run as a formula (CSV injection): at the start of the cell
 * and after any character some locales split on (`;` where the list separator
 * is a semicolon, `,`, tab, line breaks), in case a program splits inside it.
 */
export function csvCell(cell: Cell, kind: ColumnKind): string {
  // Percentages, months and tags in the words the screen and PDF use ("30%", "September 2012", "In progress").
  if (kind === 'percent' || kind === 'month' || kind === 'status' || kind === 'rag') {
    return cell === null && kind !== 'rag' ? '' : csvCell(cellText(cell, { header: '', kind }), 'text');
  }
  if (cell === null) return '';
  // Days and instants stay ISO, which every spreadsheet reads as a date.
  if (cell instanceof Date) return kind === 'date' ? dayOf(cell) : cell.toISOString();
  if (typeof cell === 'number') return String(cell);
  const safe = cell.replace(FORMULA_START, "$1'$2");
  return `"${safe.replace(/"/g, '""')}"`;
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
