// The report as titled tables of typed cells: the one shape that the CSV,
// XLSX and PDF writers (and the on-screen tables) all render.
import { RAG_LABELS, STATUS_LABELS } from '@/lib/labels';
import { STATUS_ORDER } from '@/lib/recommendations/status';
import type { Report } from './compute-report';

export type Cell = string | number | Date | null;
export type ColumnKind = 'text' | 'number' | 'percent' | 'date' | 'datetime';
export type Column = { header: string; kind: ColumnKind };
export type Section = { key: string; title: string; columns: Column[]; rows: Cell[][] };

const text = (header: string): Column => ({ header, kind: 'text' });
const number = (header: string): Column => ({ header, kind: 'number' });

export function reportSections(report: Report, options: { withReview: boolean }): Section[] {
  const { totals } = report;
  const review = options.withReview ? [text('Review')] : [];
  const reviewCell = (title: string) => (options.withReview ? [title] : []);
  return [
    {
      key: 'summary',
      title: 'Summary',
      columns: [text('Measure'), number('Value')],
      rows: [
        ['Recommendations', totals.recommendations],
        ...STATUS_ORDER.map((status) => [STATUS_LABELS[status], totals.byStatus[status]]),
        ['RAG red', totals.byRag.RED],
        ['RAG amber', totals.byRag.AMBER],
        ['RAG green', totals.byRag.GREEN],
        ['No RAG rating (closed)', totals.byRag.NONE],
        ['Implemented or verified (%)', totals.implementedPercent],
        ['Verified (%)', totals.verifiedPercent],
        ['Overdue', totals.overdue],
        ['Evidence submitted', report.evidence.submitted],
        ['Evidence awaiting assessment', report.evidence.awaitingAssessment.length],
      ],
    },
    {
      key: 'by-agency',
      title: 'By owner agency',
      columns: [text('Agency'), number('Recommendations'), ...STATUS_ORDER.map((s) => number(STATUS_LABELS[s])), number('Overdue'), { header: 'Implemented (%)', kind: 'percent' }],
      rows: report.byAgency.map((a) => [a.agency, a.total, ...STATUS_ORDER.map((s) => a.byStatus[s]), a.overdue, a.implementedPercent]),
    },
    {
      key: 'overdue',
      title: 'Overdue',
      columns: [...review, text('Reference'), text('Recommendation'), text('Owner'), text('Lead officer'), { header: 'Due date', kind: 'date' }, number('Days overdue')],
      rows: report.overdue.map((r) => [...reviewCell(r.reviewTitle), r.reference, r.text, r.ownerAgency, r.leadOfficer, r.dueDate, r.daysOverdue]),
    },
    {
      key: 'measures',
      title: 'Measures against target',
      columns: [text('Reference'), text('Measure'), number('Current value'), number('Target'), text('Unit'), { header: 'Progress (%)', kind: 'percent' }],
      rows: report.measures.map((m) => [m.reference, m.name, m.currentValue, m.target, m.unit, m.percent]),
    },
    {
      key: 'evidence',
      title: 'Evidence awaiting assessment',
      columns: [text('Reference'), text('Evidence'), text('Submitted by'), { header: 'Submitted', kind: 'datetime' }],
      rows: report.evidence.awaitingAssessment.map((e) => [e.reference, e.title, e.submittedBy, e.submittedAt]),
    },
    {
      key: 'recommendations',
      title: 'Every recommendation',
      columns: [
        ...review,
        text('Reference'),
        text('Recommendation'),
        text('Status'),
        text('RAG'),
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
        STATUS_LABELS[r.status],
        r.rag ? RAG_LABELS[r.rag] : 'None',
        r.ownerAgency,
        r.leadOfficer,
        r.dueDate,
        r.originalDueDate,
        r.latestNote,
      ]),
    },
    {
      key: 'status-changes',
      title: 'Status changes since the comparison date',
      columns: [text('Reference'), text('From'), text('To'), text('By'), { header: 'When', kind: 'datetime' }, text('Note')],
      rows: report.changes.statusChanges.map((c) => [c.reference, STATUS_LABELS[c.from], STATUS_LABELS[c.to], c.by, c.at, c.note]),
    },
    {
      key: 'new-evidence',
      title: 'New evidence since the comparison date',
      columns: [text('Reference'), text('Evidence'), text('By'), { header: 'When', kind: 'datetime' }],
      rows: report.changes.newEvidence.map((e) => [e.reference, e.title, e.by, e.at]),
    },
    {
      key: 'newly-overdue',
      title: 'Newly overdue since the comparison date',
      columns: [text('Reference'), text('Recommendation'), text('Owner'), { header: 'Due date', kind: 'date' }, number('Days overdue')],
      rows: report.changes.newlyOverdue.map((r) => [r.reference, r.text, r.ownerAgency, r.dueDate, r.daysOverdue]),
    },
    {
      key: 'progress',
      title: 'Progress by month',
      columns: [text('Month'), number('Implemented or verified'), number('Verified')],
      rows: report.progressByMonth.map((m) => [m.month, m.implemented, m.verified]),
    },
  ];
}
