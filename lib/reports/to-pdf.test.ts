import { writeFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Actor } from '@/lib/auth/session-user';
import { db } from '@/lib/db';
import { formatDay, ukDay } from '@/lib/days';
import { updateProgress } from '@/lib/actions/update-progress';
import { seedDemoData } from '@/prisma/seed/index';
import { actorByEmail } from '@/tests/support/factories';
import { type PdfPage, pdfDetails } from '@/tests/support/read-report-files';
import { progressSummary, statusByAgencySummary } from './chart-geometry';
import { getReport, PARTNERSHIP, type ReportResult } from './get-report';
import { CHART_FILLS, TAG_COLOURS } from './report-colours';
import { reportFile } from './report-file';
import { formatPercent, headlineFigures } from './report-sections';

const ROCHDALE = 'review-rochdale-cse-2012';
/** What people type: outside Latin-1 (Ł, ź, €, curly quotes, a dash). */
const TYPED = 'Łódź — naïve ‘quotes’ €';
let result: ReportResult;
let pages: PdfPage[];
let bytes: Buffer;
let buildMs: number;

const squash = (text: string) => text.replace(/\s+/g, ' ');

beforeAll(async () => {
  await seedDemoData(db);
  const owner: Actor = await actorByEmail('owner.csc@followthrough.test');
  const open = await db.action.findFirstOrThrow({
    where: { recommendation: { reviewId: ROCHDALE }, ownerAgencyId: owner.agencyId, status: 'IN_PROGRESS' },
    orderBy: [{ recommendation: { reference: 'asc' } }, { reference: 'asc' }],
  });
  await updateProgress(owner, { actionId: open.id, version: open.version, status: 'IN_PROGRESS', note: `Training booked in ${TYPED}` });
  result = await getReport(await actorByEmail('reviewer@followthrough.test'), ROCHDALE, {});
  const started = performance.now();
  bytes = (await reportFile(result, 'pdf')).body;
  buildMs = performance.now() - started;
  pages = await pdfDetails(bytes);
  // To look at it: REPORT_PDF_OUT=/tmp/report.pdf npx vitest run lib/reports/to-pdf.test.ts
  if (process.env.REPORT_PDF_OUT) writeFileSync(process.env.REPORT_PDF_OUT, bytes);
  console.info(`PDF: ${pages.length} pages, ${Math.round(bytes.length / 1024)} kB, built in ${Math.round(buildMs)} ms`);
});

describe('the board report as PDF', () => {
  it('reads in the order the board acts: headline figures, exceptions, changes, then the detail', () => {
    const all = pages.map((page) => page.text).join(' ');
    const contents = /Contents: 1\. Headline figures \(page 1\) · 2\. Exceptions: what the board must act on \(page \d+\) · 3\. What changed since [^(]+ \(page \d+\) · 4\. Detail by review and agency \(page \d+\)/.exec(all);
    expect(contents).not.toBeNull();
    // The body, without the contents line (which names the parts too).
    const text = all.replace(contents![0], '');
    const order = [
      '1. Headline figures',
      `${formatPercent(result.report.totals.implementedPercent)} implemented or verified`,
      'RAG ratings: Red',
      'Actions by status and RAG',
      '2. Exceptions: what the board must act on',
      'Red, overdue, slipped, stalled',
      'Overdue and slipped actions',
      'Evidence awaiting assessment',
      `3. What changed since ${formatDay(result.sinceDay)}`,
      'Status changes',
      'New evidence',
      'Newly overdue',
      '4. Detail by review and agency',
      'Actions by status and owner agency',
      'Actions by owner agency',
      'Progress by month',
      'Measures against target',
      'Every recommendation',
      'Every action',
    ];
    let from = 0;
    for (const words of order) {
      const at = text.indexOf(words, from);
      expect(at, words).toBeGreaterThan(-1);
      from = at;
    }
    // The old Measure/Value table that repeated the headline is gone; every headline figure is in the headline.
    expect(text).not.toContain('Measure Value');
    const headline = text.slice(text.indexOf('1. Headline figures'), text.indexOf('2. Exceptions'));
    for (const figure of headlineFigures(result.report)) {
      expect(headline).toContain(`${figure.kind === 'percent' ? formatPercent(figure.value) : figure.value.toLocaleString('en-GB')} ${figure.phrase}`);
    }
  });

  it('shows what a user typed outside Latin-1, in a font the file embeds', () => {
    expect(pages.some((page) => page.text.includes(TYPED))).toBe(true);
    const fonts = pages.flatMap((page) => page.fonts);
    expect(fonts.length).toBeGreaterThan(0);
    for (const font of fonts) {
      expect(font.name, 'a subset of DejaVu Sans').toMatch(/^[A-Z]{6}\+DejaVuSans(-Bold)?$/);
      expect(font.embedded, font.name).toBe(true);
    }
    expect(new Set(fonts.map((font) => font.name.split('+')[1]))).toEqual(new Set(['DejaVuSans', 'DejaVuSans-Bold']));
    // TrueType font programs in the file, and no standard (unembedded) font.
    const raw = bytes.toString('latin1');
    expect(raw).toContain('/FontFile2');
    expect(raw).not.toMatch(/\/BaseFont \/(Helvetica|Times|Courier)/);
  });

  it('puts the title, as-at date, history fingerprint and "Page n of m" on every page', () => {
    expect(pages.length).toBeGreaterThanOrEqual(3);
    pages.forEach((page, i) => {
      expect(page.text).toContain(result.title);
      expect(page.text).toContain(`As at ${formatDay(ukDay(new Date()))}.`);
      expect(page.text).toContain(`History fingerprint ${result.fingerprint}.`);
      expect(page.text).toContain(`Page ${i + 1} of ${pages.length}`);
    });
  });

  it('draws the two charts as vector graphics, each with its summary in words', () => {
    const text = pages.map((page) => page.text).join(' ');
    expect(text).toContain(squash(statusByAgencySummary(result.report.byAgency)));
    expect(text).toContain(squash(progressSummary(result.report.progressByMonth)));
    const chartPage = pages.find((page) => page.text.includes('Actions by status and owner agency') && page.text.includes('Number of actions'))!;
    expect(chartPage).toBeDefined();
    // Filled shapes in the status colours (the bars), and lines (axes, grid, the progress lines).
    expect(chartPage.operators.get('constructPath') ?? 0).toBeGreaterThan(20);
    const colours = pages.flatMap((page) => [...page.fillColours]);
    expect(colours).toContain(CHART_FILLS.VERIFIED);
    expect(colours).toContain(CHART_FILLS.IN_PROGRESS);
    expect(pages.some((page) => page.text.includes('Month (position at the end of each month)'))).toBe(true);
  });

  it('shows status and RAG as tags: their words on their colours', () => {
    const colours = new Set(pages.flatMap((page) => [...page.fillColours]));
    const red = result.report.exceptions.find((r) => r.rag === 'RED');
    expect(red, 'the demo has a red recommendation').toBeDefined();
    expect(colours).toContain(TAG_COLOURS.red.background);
    expect(colours).toContain(TAG_COLOURS.red.text);
    expect(colours).toContain(TAG_COLOURS.blue.background);
    const exceptions = pages.map((page) => page.text).join(' ');
    expect(exceptions).toMatch(/R\d+ .+ In progress Red /);
  });

  it('takes little time and space', () => {
    expect(bytes.length).toBeLessThan(400_000);
    expect(buildMs).toBeLessThan(5_000);
  });
});

describe('the partnership report as PDF', () => {
  it('says which reviews it covers', async () => {
    const partnership = await getReport(await actorByEmail('viewer@followthrough.test'), PARTNERSHIP, { asAt: '2013-03-31' });
    const text = (await pdfDetails((await reportFile(partnership, 'pdf')).body)).map((page) => page.text).join(' ');
    expect(text).toContain(`Covers every review not closed (${partnership.reviews.length}):`);
    expect(text).toContain('As at 31 March 2013.');
  });
});
