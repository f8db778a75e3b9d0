import 'server-only';
import ExcelJS from 'exceljs';
import { forRag, liveActionsForRag } from '@/lib/actions/actions-for-rag';
import { actionLabel, actionRag } from '@/lib/actions/roll-up';
import { assertCan } from '@/lib/auth/permissions';
import type { Actor } from '@/lib/auth/session-user';
import { dayOf, formatDay } from '@/lib/days';
import { db } from '@/lib/db';
import { NotFoundError } from '@/lib/errors';
import { RAG_LABELS, STATUS_LABELS } from '@/lib/labels';
import { slug } from '@/lib/reports/report-file';
import { csvCell } from '@/lib/reports/to-csv';
import { byReference } from '@/lib/reviews/reference-order';
import { DATE_RULE_TEXT } from './cell-values';
import { IMPORT_FIELD_LABELS, type ImportField } from './columns';
import { PLAN_COLUMNS, PLAN_FORMATS, type PlanFormat } from './export-plan-columns';

export { PLAN_FORMATS };

type PlanRow = Record<ImportField, string | Date>;

const CONTENT_TYPES: Record<PlanFormat, string> = {
  csv: 'text/csv; charset=utf-8',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
};

/**
 * A review's action plan, one row per live action, in the importer's columns:
 * exported and imported again, it changes nothing (a test). Days are real
 * dates in XLSX and ISO days in CSV; text is kept as text (in CSV, a formula's
 * first character gets an apostrophe, which the importer takes off again).
 */
export async function exportActionPlan(actor: Actor, reviewId: string, format: PlanFormat) {
  assertCan(actor, 'review:read');
  const review = await db.review.findFirst({
    where: { id: reviewId, archivedAt: null },
    select: {
      title: true,
      recommendations: {
        where: { archivedAt: null },
        select: {
          reference: true,
          text: true,
          findings: { where: { archivedAt: null }, select: { reference: true } },
          actions: {
            where: liveActionsForRag.where,
            select: {
              ...liveActionsForRag.select,
              text: true,
              progressNote: true,
              ownerAgency: { select: { shortName: true } },
              leadOfficer: { select: { name: true } },
              evidence: { where: { archivedAt: null }, select: { title: true }, orderBy: { submittedAt: 'asc' } },
            },
          },
        },
      },
    },
  });
  if (!review) throw new NotFoundError('review');
  const now = new Date();
  const rows: PlanRow[] = [];
  for (const recommendation of review.recommendations.sort(byReference)) {
    for (const action of recommendation.actions.sort(byReference)) {
      const rating = actionRag(forRag([action])[0]!, now).rating;
      rows.push({
        reference: recommendation.reference,
        finding: recommendation.findings
          .sort(byReference)
          .map((f) => f.reference)
          .join(', '),
        recommendation: recommendation.text,
        actionReference: actionLabel(recommendation.reference, action.reference),
        action: action.text ?? '',
        agency: action.ownerAgency.shortName,
        leadOfficer: action.leadOfficer?.name ?? '',
        dueDate: action.dueDate,
        status: STATUS_LABELS[action.status],
        rag: rating ? RAG_LABELS[rating] : '',
        progress: action.progressNote ?? '',
        evidence: action.evidence.map((e) => e.title).join('\n'),
      });
    }
  }
  const name = `action-plan-${slug(review.title)}-${dayOf(now)}`;
  return planFile(name, format, rows, review.title);
}

/** An empty plan in the same columns, with a sheet saying how each is read. */
export async function planTemplate(format: PlanFormat) {
  return planFile('action-plan-template', format, [], null);
}

async function planFile(name: string, format: PlanFormat, rows: PlanRow[], title: string | null) {
  const headers = PLAN_COLUMNS.map((field) => IMPORT_FIELD_LABELS[field]);
  let body: Buffer;
  if (format === 'csv') {
    const lines = [headers.map((h) => csvCell(h, 'text')).join(',')];
    for (const row of rows) {
      lines.push(PLAN_COLUMNS.map((field) => {
        const value = row[field];
        return value instanceof Date ? dayOf(value) : value === '' ? '' : csvCell(value, 'text');
      }).join(','));
    }
    // A byte-order mark so that Excel opens UTF-8 correctly.
    body = Buffer.from(`\uFEFF${lines.join('\r\n')}\r\n`, 'utf8');
  } else {
    const workbook = new ExcelJS.Workbook();
    workbook.creator = 'Followthrough';
    const sheet = workbook.addWorksheet('Action plan');
    const header = sheet.addRow(headers);
    header.font = { bold: true };
    for (const row of rows) sheet.addRow(PLAN_COLUMNS.map((field) => row[field]));
    PLAN_COLUMNS.forEach((field, i) => {
      const column = sheet.getColumn(i + 1);
      column.width = WIDTHS[field];
      if (field === 'dueDate') column.numFmt = 'dd/mm/yyyy';
      else column.alignment = { wrapText: true, vertical: 'top' };
    });
    sheet.views = [{ state: 'frozen', ySplit: 1 }];
    const about = workbook.addWorksheet('How to fill this in');
    about.getColumn(1).width = 22;
    about.getColumn(2).width = 100;
    about.addRow([title ? `Action plan of ${title}, exported ${formatDay(dayOf(new Date()))}` : 'Followthrough action plan template']).font = { bold: true };
    about.addRow([]);
    for (const [field, help] of Object.entries(HELP) as [ImportField, string][]) about.addRow([IMPORT_FIELD_LABELS[field], help]).alignment = { wrapText: true, vertical: 'top' };
    about.addRow([]);
    about.addRow(['Dates', DATE_RULE_TEXT]).alignment = { wrapText: true, vertical: 'top' };
    body = Buffer.from(await workbook.xlsx.writeBuffer());
  }
  return { fileName: `${name}.${format}`, contentType: CONTENT_TYPES[format], body };
}

const WIDTHS: Record<ImportField, number> = {
  reference: 11,
  finding: 10,
  recommendation: 60,
  actionReference: 11,
  action: 50,
  agency: 16,
  leadOfficer: 24,
  dueDate: 12,
  status: 14,
  rag: 8,
  progress: 50,
  evidence: 40,
};

const HELP: Record<ImportField, string> = {
  reference: 'The recommendation’s reference, for example R3. Rows with the same reference are that recommendation’s actions; a blank reference continues the row above.',
  finding: 'The finding (or findings, separated by commas) the recommendation answers, by reference (F1) or exact text. Needed for a new recommendation.',
  recommendation: 'What the recommendation says. Needed for a new recommendation.',
  actionReference: 'The action’s reference, for example R3.1. Without it, a recommendation’s actions are numbered in the order of their rows.',
  action: 'What the action is (blank: the recommendation itself).',
  agency: 'The agency that owns the action, by name or short name. Needed for a new action.',
  leadOfficer: 'The lead officer, by name or email; someone who works for that agency.',
  dueDate: 'When the action is due. Needed for a new action (or choose a date for rows without one when importing).',
  status: 'Not started, In progress, Implemented or Verified; other words (Complete, Ongoing) are offered a status to confirm when importing. Implemented and Verified are imported as the file says, marked as imported.',
  rag: 'Red, Amber or Green: when it differs from the rating Followthrough works out, it is kept as a reviewer’s override.',
  progress: 'The latest progress update.',
  evidence: 'Evidence of implementation, one piece a line: each new line is added as a piece of evidence awaiting assessment.',
};
