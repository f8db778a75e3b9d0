// The report as titled tables of typed cells, in the order a board reads it:
// the one shape that the CSV, XLSX and PDF writers (and the on-screen tables)
// all render, and the one place that turns a cell into words, so that a
// percentage, a month, a status or a RAG rating reads the same everywhere.
import { formatDateTime, formatDay, formatInstantDay, formatMonth } from '@/lib/days';
import type { Rag, RecommendationStatus } from '@/lib/generated/prisma/enums';
import { RAG_LABELS, STATUS_LABELS } from '@/lib/labels';
import { STATUS_ORDER } from '@/lib/recommendations/status';
import type { Report } from './compute-report';

export type Cell = string | number | Date | null;
/**
 * `percent` holds a percentage (30 for 30%); `month` a 'YYYY-MM'; `status` a
 * RecommendationStatus and `rag` a Rag (or null: no rating), shown as tags.
 */
export type ColumnKind = 'text' | 'number' | 'percent' | 'date' | 'datetime' | 'month' | 'status' | 'rag';
export type Column = { header: string; kind: ColumnKind };

/** The report's four parts, in the order the board acts on them. */
export type ReportPart = 'headline' | 'exceptions' | 'changes' | 'detail';
export type Section = { key: string; title: string; part: ReportPart; columns: Column[]; rows: Cell[][] };

/** Each part's heading, the same on screen, in the PDF and in its contents line. */
export function partTitles(report: Pick<Report, 'since'>): Record<ReportPart, string> {
  return {
    headline: 'Headline figures',
    exceptions: 'Exceptions: what the board must act on',
    changes: `What changed since ${formatInstantDay(report.since)}`,
    detail: 'Detail by review and agency',
  };
}
export const REPORT_PARTS: readonly ReportPart[] = ['headline', 'exceptions', 'changes', 'detail'];

/** "30%", "33.3%": whole percentages without a decimal, others to one place (as computed). The one percentage format. */
export function formatPercent(value: number): string {
  return `${value.toLocaleString('en-GB', { maximumFractionDigits: 1 })}%`;
}

/** The XLSX number format that shows a fraction as formatPercent shows the percentage. */
export function percentNumFmt(value: number): string {
  return Number.isInteger(Math.round(value * 10) / 10) ? '0%' : '0.0%';
}

export const NO_RATING = 'No rating';

/** A status or RAG rating in words (null: closed, no rating). */
export function tagText(kind: 'status' | 'rag', value: string | null): string {
  if (kind === 'status') return STATUS_LABELS[value as RecommendationStatus] ?? String(value ?? '');
  return value ? (RAG_LABELS[value as Rag] ?? value) : NO_RATING;
}

/** One cell in words, as the screen and the PDF show it. */
export function cellText(cell: Cell, column: Column): string {
  if (column.kind === 'status' || column.kind === 'rag') return tagText(column.kind, cell === null ? null : String(cell));
  if (cell === null || cell === '') return '';
  if (cell instanceof Date) return column.kind === 'date' ? formatDay(cell) : formatDateTime(cell);
  if (typeof cell === 'number') return column.kind === 'percent' ? formatPercent(cell) : cell.toLocaleString('en-GB');
  if (column.kind === 'month') return formatMonth(cell);
  return cell;
}

export type HeadlineFigure = { key: string; header: string; value: number; kind: 'number' | 'percent'; phrase: string };

/** The figures a board member looks for first, each read as a phrase ("3 overdue"): the screen's cards and the PDF's. */
export function headlineFigures(report: Report): HeadlineFigure[] {
  const { totals } = report;
  const awaiting = report.evidence.awaitingAssessment.length;
  return [
    { key: 'recommendations', header: 'Recommendations', value: totals.recommendations, kind: 'number', phrase: totals.recommendations === 1 ? 'recommendation' : 'recommendations' },
    { key: 'implemented', header: 'Implemented or verified', value: totals.implementedPercent, kind: 'percent', phrase: 'implemented or verified' },
    { key: 'verified', header: 'Verified', value: totals.verifiedPercent, kind: 'percent', phrase: 'verified' },
    { key: 'overdue', header: 'Overdue', value: totals.overdue, kind: 'number', phrase: 'overdue' },
    { key: 'red', header: 'RAG red', value: totals.byRag.RED, kind: 'number', phrase: 'rated red' },
    {
      key: 'evidence',
      header: 'Evidence awaiting assessment',
      value: awaiting,
      kind: 'number',
      phrase: awaiting === 1 ? 'piece of evidence awaiting assessment' : 'pieces of evidence awaiting assessment',
    },
  ];
}

/** Which reviews the partnership report covers, the same on screen and in the PDF. */
export function coverage(reviews: readonly { title: string }[]): string {
  if (reviews.length === 0) return 'There are no open reviews.';
  return `Covers every review not closed (${reviews.length}): ${reviews.map((review) => review.title).join('; ')}.`;
}

export const PERCENT_NOTE = 'Percentages are of the recommendations the partnership took on: those not accepted or superseded are left out.';

const text = (header: string): Column => ({ header, kind: 'text' });
const number = (header: string): Column => ({ header, kind: 'number' });

/**
 * A month-by-month section with each run of months that held the same figures
 * as one row ("April 2013 to November 2026"): for reading, where a long quiet
 * history would fill pages with repeats. The files keep every month.
 */
export function condenseMonths(section: Section): Section {
  const same = (a: Cell[], b: Cell[]) => a.slice(1).every((cell, i) => cell === b[i + 1]);
  const runs: { first: Cell[]; last: Cell[] }[] = [];
  for (const row of section.rows) {
    const run = runs.at(-1);
    if (run && same(run.last, row)) run.last = row;
    else runs.push({ first: row, last: row });
  }
  const month = (cell: Cell) => formatMonth(String(cell));
  return {
    ...section,
    columns: [{ header: section.columns[0]!.header, kind: 'text' }, ...section.columns.slice(1)],
    rows: runs.map(({ first, last }) => [first === last ? month(first[0]!) : `${month(first[0]!)} to ${month(last[0]!)}`, ...first.slice(1)]),
  };
}

export function reportSections(report: Report, options: { withReview: boolean }): Section[] {
  const { totals } = report;
  const review = options.withReview ? [text('Review')] : [];
  const reviewCell = (title: string) => (options.withReview ? [title] : []);
  const figures = headlineFigures(report);
  return [
    {
      // One row: the headline cards' figures, and the rest of the RAG counts (the screen and PDF show those as tags).
      key: 'headline',
      title: 'Headline figures',
      part: 'headline',
      columns: [...figures.map((f) => ({ header: f.header, kind: f.kind })), number('RAG amber'), number('RAG green'), number('No RAG rating (closed)')],
      rows: [[...figures.map((f) => f.value), totals.byRag.AMBER, totals.byRag.GREEN, totals.byRag.NONE]],
    },
    {
      key: 'actions-summary',
      title: 'Actions by status and RAG',
      part: 'headline',
      columns: [number('Actions'), ...STATUS_ORDER.map((s) => number(STATUS_LABELS[s])), number('RAG red'), number('RAG amber'), number('RAG green'), number('Overdue'), number('Slipped')],
      rows: [
        [
          totals.actions.total,
          ...STATUS_ORDER.map((s) => totals.actions.byStatus[s]),
          totals.actions.byRag.RED,
          totals.actions.byRag.AMBER,
          totals.actions.byRag.GREEN,
          totals.actions.overdue,
          totals.actions.slipped,
        ],
      ],
    },
    {
      key: 'exceptions',
      title: 'Red, overdue, slipped, stalled',
      part: 'exceptions',
      columns: [...review, text('Reference'), text('Recommendation'), text('Owner'), { header: 'Status', kind: 'status' }, { header: 'RAG', kind: 'rag' }, { header: 'Due date', kind: 'date' }, text('Why')],
      rows: report.exceptions.map((r) => [...reviewCell(r.reviewTitle), r.reference, r.text, r.ownerAgency, r.status, r.rag, r.dueDate, r.reasons.join('; ')]),
    },
    {
      key: 'action-exceptions',
      title: 'Overdue and slipped actions',
      part: 'exceptions',
      columns: [...review, text('Action'), text('What'), text('Owner'), text('Lead officer'), { header: 'Status', kind: 'status' }, { header: 'Due date', kind: 'date' }, { header: 'Original due date', kind: 'date' }, number('Days overdue')],
      rows: report.actionExceptions.map((r) => [...reviewCell(r.reviewTitle), r.reference, r.text, r.ownerAgency, r.leadOfficer, r.status, r.dueDate, r.originalDueDate, r.daysOverdue]),
    },
    {
      key: 'evidence',
      title: 'Evidence awaiting assessment',
      part: 'exceptions',
      columns: [text('Reference'), text('Evidence'), text('Submitted by'), { header: 'Submitted', kind: 'datetime' }],
      rows: report.evidence.awaitingAssessment.map((e) => [e.reference, e.title, e.submittedBy, e.submittedAt]),
    },
    {
      key: 'status-changes',
      title: 'Status changes',
      part: 'changes',
      columns: [text('Reference'), { header: 'From', kind: 'status' }, { header: 'To', kind: 'status' }, text('By'), { header: 'When', kind: 'datetime' }, text('Note')],
      rows: report.changes.statusChanges.map((c) => [c.reference, c.from, c.to, c.by, c.at, c.note]),
    },
    {
      key: 'new-evidence',
      title: 'New evidence',
      part: 'changes',
      columns: [text('Reference'), text('Evidence'), text('By'), { header: 'When', kind: 'datetime' }],
      rows: report.changes.newEvidence.map((e) => [e.reference, e.title, e.by, e.at]),
    },
    {
      key: 'newly-overdue',
      title: 'Newly overdue',
      part: 'changes',
      columns: [text('Reference'), text('Recommendation'), text('Owner'), { header: 'Due date', kind: 'date' }, number('Days overdue')],
      rows: report.changes.newlyOverdue.map((r) => [r.reference, r.text, r.ownerAgency, r.dueDate, r.daysOverdue]),
    },
    {
      key: 'by-agency',
      title: 'Actions by owner agency',
      part: 'detail',
      columns: [text('Agency'), number('Actions'), ...STATUS_ORDER.map((s) => number(STATUS_LABELS[s])), number('Overdue'), { header: 'Implemented or verified', kind: 'percent' }],
      rows: report.byAgency.map((a) => [a.agency, a.total, ...STATUS_ORDER.map((s) => a.byStatus[s]), a.overdue, a.implementedPercent]),
    },
    {
      key: 'progress',
      title: 'Progress by month',
      part: 'detail',
      columns: [{ header: 'Month', kind: 'month' }, number('Implemented or verified'), number('Verified')],
      rows: report.progressByMonth.map((m) => [m.month, m.implemented, m.verified]),
    },
    {
      key: 'measures',
      title: 'Measures against target',
      part: 'detail',
      columns: [text('Action'), text('Measure'), number('Current value'), number('Target'), text('Unit'), { header: 'Progress', kind: 'percent' }],
      rows: report.measures.map((m) => [m.action, m.name, m.currentValue, m.target, m.unit, m.percent]),
    },
    {
      key: 'recommendations',
      title: 'Every recommendation',
      part: 'detail',
      columns: [
        ...review,
        text('Reference'),
        text('Recommendation'),
        { header: 'Status', kind: 'status' },
        { header: 'RAG', kind: 'rag' },
        text('Owner'),
        text('Lead officer'),
        { header: 'Due date', kind: 'date' },
        { header: 'Original due date', kind: 'date' },
        text('Latest note'),
      ],
      rows: report.recommendations.map((r) => [
        ...reviewCell(r.reviewTitle),
        r.reference,
        r.text,
        r.status,
        r.rag,
        r.ownerAgency,
        r.leadOfficer,
        r.dueDate,
        r.originalDueDate,
        r.latestNote,
      ]),
    },
    {
      key: 'actions',
      title: 'Every action',
      part: 'detail',
      columns: [
        ...review,
        text('Action'),
        text('What'),
        { header: 'Status', kind: 'status' },
        { header: 'RAG', kind: 'rag' },
        text('Owner'),
        text('Lead officer'),
        { header: 'Due date', kind: 'date' },
        { header: 'Original due date', kind: 'date' },
        text('Latest note'),
      ],
      rows: report.actions.map((r) => [
        ...reviewCell(r.reviewTitle),
        r.reference,
        r.text,
        r.status,
        r.rag,
        r.ownerAgency,
        r.leadOfficer,
        r.dueDate,
        r.originalDueDate,
        r.latestNote,
      ]),
    },
  ];
}
