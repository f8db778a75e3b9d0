import 'server-only';
import { formatDay } from '@/lib/days';
import type { ReportResult } from './get-report';
import { PARTNERSHIP } from './get-report';
import { coverage, reportSections } from './report-sections';
import { reportCsv } from './to-csv';
import { reportPdf } from './to-pdf';
import { reportXlsx } from './to-xlsx';

export const REPORT_FORMATS = ['csv', 'xlsx', 'pdf'] as const;
export type ReportFormat = (typeof REPORT_FORMATS)[number];

const CONTENT_TYPES: Record<ReportFormat, string> = {
  csv: 'text/csv; charset=utf-8',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  pdf: 'application/pdf',
};

/** "review-of-multi-agency-responses": whole words, at most 60 characters. */
export function slug(text: string) {
  const words = text.toLowerCase().split(/[^a-z0-9]+/).filter(Boolean);
  let result = '';
  for (const word of words) {
    const next = result ? `${result}-${word}` : word;
    if (next.length > 60) break;
    result = next;
  }
  return result || 'report';
}

/** The report as a file: the same sections, and so the same numbers, as the screen. */
export async function reportFile(result: ReportResult, format: ReportFormat) {
  const sections = reportSections(result.report, { withReview: result.scope === PARTNERSHIP });
  const subtitle = `As at ${formatDay(result.asAtDay)}. Changes since ${formatDay(result.sinceDay)}.${result.fingerprint ? ` History fingerprint ${result.fingerprint}.` : ''}`;
  const name = result.scope === PARTNERSHIP ? 'partnership' : slug(result.reviews[0]?.title ?? 'review');
  const fileName = `followthrough-${name}-as-at-${result.asAtDay}.${format}`;
  const body =
    format === 'csv'
      ? Buffer.from(reportCsv([result.title, subtitle], sections), 'utf8')
      : format === 'xlsx'
        ? await reportXlsx([result.title, subtitle], sections)
        : await reportPdf({ title: result.title, subtitle, coverage: result.scope === PARTNERSHIP ? coverage(result.reviews) : undefined, report: result.report, sections });
  return { fileName, contentType: CONTENT_TYPES[format], body };
}
