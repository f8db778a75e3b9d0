import 'server-only';
import path from 'node:path';
import PDFDocument from 'pdfkit';
import { formatMonthShort } from '@/lib/days';
import type { RecommendationStatus } from '@/lib/generated/prisma/enums';
import { STATUS_LABELS } from '@/lib/labels';
import {
  CHART_STATUS_ORDER,
  labelledIndices,
  linearScale,
  niceTicks,
  progressSummary,
  spreadPoints,
  stackSegments,
  statusByAgencySummary,
} from './chart-geometry';
import type { Report } from './compute-report';
import {
  BORDER,
  BRAND,
  CHART_FILLS,
  CHART_GRID,
  NOT_STARTED_STROKE,
  RAG_TAG,
  SECONDARY_TEXT,
  STATUS_TAG,
  TAG_COLOURS,
  type TagColour,
  TEXT,
} from './report-colours';
import {
  type Cell,
  cellText,
  type Column,
  formatPercent,
  headlineFigures,
  PERCENT_NOTE,
  partTitles,
  REPORT_PARTS,
  type ReportPart,
  condenseMonths,
  type Section,
  tagText,
} from './report-sections';

type Doc = PDFKit.PDFDocument;

const A4 = { width: 595.28, height: 841.89 };
const MARGIN = { top: 72, bottom: 60, side: 40 };
const WIDTH = A4.width - 2 * MARGIN.side;
const BOTTOM = A4.height - MARGIN.bottom;

/**
 * DejaVu Sans (lib/reports/fonts, with its licence), embedded as a subset:
 * the standard PDF fonts cover Latin-1 only, and names and notes hold
 * "Łódź", "€" and curly quotes. Read from the project at run time (pdfkit is
 * a server external package, so nothing bundles the files); `next start`
 * runs from the project's folder.
 */
const FONT_DIR = path.join(process.cwd(), 'lib/reports/fonts');
const REGULAR = path.join(FONT_DIR, 'DejaVuSans.ttf');
const BOLD = path.join(FONT_DIR, 'DejaVuSans-Bold.ttf');
const FONT = 'Body';
const FONT_BOLD = 'Body-Bold';

export type PdfInput = {
  title: string;
  /** The as-at and comparison dates and the history fingerprint: under the title on every page. */
  subtitle: string;
  /** For the partnership report: which reviews it covers. */
  coverage?: string;
  report: Report;
  sections: Section[];
};

const n = (value: number) => value.toLocaleString('en-GB');

/** Starts a new page when fewer than `height` points are left on this one. */
function ensureSpace(doc: Doc, height: number) {
  if (doc.y + height > BOTTOM) {
    doc.addPage();
    doc.x = MARGIN.side;
    doc.y = MARGIN.top;
  }
}

function tagColour(kind: 'status' | 'rag', value: string | null): TagColour {
  if (kind === 'status') return TAG_COLOURS[STATUS_TAG[value as RecommendationStatus] ?? 'grey'];
  return TAG_COLOURS[value ? (RAG_TAG[value as keyof typeof RAG_TAG] ?? 'grey') : 'grey'];
}

const TAG_PAD = { x: 4, y: 2 };

/** A status or RAG tag: its words in bold, on its colour, never colour alone. Returns its width. */
function drawTag(doc: Doc, kind: 'status' | 'rag', value: string | null, x: number, y: number, size: number): number {
  const label = tagText(kind, value);
  const colour = tagColour(kind, value);
  doc.font(FONT_BOLD).fontSize(size);
  const width = doc.widthOfString(label) + 2 * TAG_PAD.x;
  const height = doc.currentLineHeight() + 2 * TAG_PAD.y;
  doc.rect(x, y, width, height).fill(colour.background);
  doc.fillColor(colour.text).text(label, x + TAG_PAD.x, y + TAG_PAD.y, { lineBreak: false });
  doc.fillColor(TEXT);
  return width;
}

function tagWidth(doc: Doc, label: string, size: number) {
  doc.font(FONT_BOLD).fontSize(size);
  return doc.widthOfString(label) + 2 * TAG_PAD.x;
}

const isTag = (column: Column): column is Column & { kind: 'status' | 'rag' } => column.kind === 'status' || column.kind === 'rag';
const isNumeric = (column: Column) => column.kind === 'number' || column.kind === 'percent';

/** Table type: 7.5 pt, smaller (down to 6 pt) for a table whose columns would not otherwise fit whole words. */
const TABLE_SIZES = [7.5, 7, 6.5, 6];
const CELL_PAD = 3;

/**
 * Column widths at a type size: each at least its longest word (a date or
 * a tag: the whole of it, as neither should wrap), then the rest of the page
 * shared out by how much longer each column's longest text is. Null when the
 * minimums do not fit.
 */
function columnWidths(doc: Doc, section: Section, texts: string[][], size: number): number[] | null {
  const sample = texts.slice(0, 200);
  const longestWord = (value: string) => Math.max(0, ...value.split(/\s+/).map((word) => doc.widthOfString(word)));
  const cellMinimum = (column: Column, value: string) => {
    if (isTag(column)) return tagWidth(doc, value, size);
    doc.font(FONT).fontSize(size);
    return column.kind === 'date' ? doc.widthOfString(value) : longestWord(value);
  };
  const minimum = section.columns.map((column, i) => {
    doc.font(FONT_BOLD).fontSize(size);
    const header = longestWord(column.header);
    return Math.min(Math.max(header, ...sample.map((row) => cellMinimum(column, row[i]!))) + 2 * CELL_PAD + 1, 150);
  });
  const minTotal = minimum.reduce((a, b) => a + b, 0);
  if (minTotal > WIDTH) return null;
  doc.font(FONT).fontSize(size);
  const desired = section.columns.map((column, i) =>
    isTag(column) || column.kind === 'date' ? minimum[i]! : Math.max(minimum[i]!, Math.min(Math.max(0, ...sample.map((row) => doc.widthOfString(row[i]!))) + 2 * CELL_PAD + 1, 260)),
  );
  const extra = desired.map((w, i) => w - minimum[i]!);
  const extraTotal = extra.reduce((a, b) => a + b, 0);
  const share = extraTotal === 0 ? 0 : Math.min(1, (WIDTH - minTotal) / extraTotal);
  const widths = minimum.map((w, i) => w + extra[i]! * share);
  // What is left goes to the text columns that wrap, so that tags and dates keep their width.
  const left = WIDTH - widths.reduce((a, b) => a + b, 0);
  const growable = section.columns.map((column, i) => (column.kind === 'text' && extra[i]! > 0 ? extra[i]! : 0));
  const growTotal = growable.reduce((a, b) => a + b, 0);
  return widths.map((w, i) => w + (growTotal > 0 ? (left * growable[i]!) / growTotal : left / widths.length));
}

/** A section as a table, its header repeated on each page it runs onto; headers align with their column's cells. */
function drawTable(doc: Doc, section: Section) {
  const texts = section.rows.map((row) => section.columns.map((column, i) => cellText(row[i] ?? null, column)));
  let size = TABLE_SIZES[0]!;
  let widths: number[] | null = null;
  for (const candidate of TABLE_SIZES) {
    size = candidate;
    widths = columnWidths(doc, section, texts, size);
    if (widths) break;
  }
  // Even at the smallest size some word is too long: share the page by the minimums (a long word then breaks).
  widths ??= section.columns.map(() => WIDTH / section.columns.length);
  const columnWidth = widths;
  const drawRow = (cells: string[], raw: Cell[] | null) => {
    const header = raw === null;
    const heights = cells.map((cell, i) => {
      if (!header && isTag(section.columns[i]!)) {
        doc.font(FONT_BOLD).fontSize(size);
        return doc.currentLineHeight() + 2 * TAG_PAD.y;
      }
      doc.font(header ? FONT_BOLD : FONT).fontSize(size);
      return doc.heightOfString(cell, { width: columnWidth[i]! - 2 * CELL_PAD });
    });
    const height = Math.max(...heights) + 2 * CELL_PAD;
    if (doc.y + height > BOTTOM) {
      doc.addPage();
      doc.y = MARGIN.top;
      if (!header) drawRow(section.columns.map((c) => c.header), null);
    }
    const top = doc.y;
    let x = MARGIN.side;
    cells.forEach((cell, i) => {
      const column = section.columns[i]!;
      if (!header && isTag(column)) {
        drawTag(doc, column.kind, raw![i] === null ? null : String(raw![i]), x + CELL_PAD, top + CELL_PAD - 1, size);
      } else {
        doc
          .font(header ? FONT_BOLD : FONT)
          .fontSize(size)
          .fillColor(TEXT)
          .text(cell, x + CELL_PAD, top + CELL_PAD, { width: columnWidth[i]! - 2 * CELL_PAD, align: isNumeric(column) ? 'right' : 'left' });
      }
      x += columnWidth[i]!;
    });
    doc
      .moveTo(MARGIN.side, top + height)
      .lineTo(MARGIN.side + WIDTH, top + height)
      .lineWidth(header ? 1 : 0.3)
      .strokeColor(header ? TEXT : BORDER)
      .stroke();
    doc.x = MARGIN.side;
    doc.y = top + height;
  };
  drawRow(section.columns.map((c) => c.header), null);
  section.rows.forEach((row, r) => drawRow(texts[r]!, row));
}

function sectionTitle(doc: Doc, title: string) {
  ensureSpace(doc, 60);
  doc.font(FONT_BOLD).fontSize(11).fillColor(TEXT).text(title, MARGIN.side, doc.y + 8, { width: WIDTH });
  doc.moveDown(0.3);
}

function paragraph(doc: Doc, words: string, options: { size?: number; colour?: string; bold?: boolean } = {}) {
  doc
    .font(options.bold ? FONT_BOLD : FONT)
    .fontSize(options.size ?? 9)
    .fillColor(options.colour ?? TEXT)
    .text(words, MARGIN.side, doc.y, { width: WIDTH });
  doc.fillColor(TEXT);
}

/** The headline cards, three to a row, then the RAG counts as tags with their words. */
function drawHeadline(doc: Doc, report: Report) {
  const figures = headlineFigures(report);
  const gap = 10;
  const cardWidth = (WIDTH - 2 * gap) / 3;
  const cardHeight = 60;
  ensureSpace(doc, 2 * (cardHeight + gap) + 40);
  const top = doc.y + 4;
  figures.forEach((figure, i) => {
    const x = MARGIN.side + (i % 3) * (cardWidth + gap);
    const y = top + Math.floor(i / 3) * (cardHeight + gap);
    doc.rect(x, y, cardWidth, cardHeight).lineWidth(0.75).strokeColor(BORDER).stroke();
    doc.rect(x, y, cardWidth, 3.5).fill(BRAND);
    const value = figure.kind === 'percent' ? formatPercent(figure.value) : n(figure.value);
    doc.font(FONT_BOLD).fontSize(20).fillColor(TEXT).text(value, x + 10, y + 8, { width: cardWidth - 20, lineBreak: false });
    doc.font(FONT).fontSize(8.5).text(figure.phrase, x + 10, y + 34, { width: cardWidth - 20 });
  });
  doc.y = top + 2 * (cardHeight + gap);
  // RAG: each rating's tag and its count.
  const { byRag } = report.totals;
  let x = MARGIN.side;
  const y = doc.y;
  doc.font(FONT_BOLD).fontSize(9).fillColor(TEXT).text('RAG ratings:', x, y + 2, { lineBreak: false });
  x += doc.widthOfString('RAG ratings:') + 8;
  for (const rating of ['RED', 'AMBER', 'GREEN', null] as const) {
    x += drawTag(doc, 'rag', rating, x, y, 9) + 4;
    const count = n(byRag[rating ?? 'NONE']);
    doc.font(FONT).fontSize(9).fillColor(TEXT).text(count, x, y + 2, { lineBreak: false });
    x += doc.widthOfString(count) + 14;
  }
  doc.x = MARGIN.side;
  doc.y = y + 20;
  paragraph(doc, PERCENT_NOTE, { size: 8, colour: SECONDARY_TEXT });
  doc.moveDown(0.5);
}

/** Fills a rectangle with a status's colour and, for some, a white pattern (colour is never the only cue, as on screen). */
function statusFill(doc: Doc, status: RecommendationStatus, x: number, y: number, w: number, h: number) {
  if (status === 'NOT_STARTED') {
    doc.rect(x + 0.75, y + 0.75, Math.max(0, w - 1.5), h - 1.5).lineWidth(1.5).fillAndStroke(CHART_FILLS.NOT_STARTED, NOT_STARTED_STROKE);
    return;
  }
  doc.rect(x, y, w, h).fill(CHART_FILLS[status]);
  if (status === 'VERIFIED') return;
  doc.save();
  doc.rect(x, y, w, h).clip();
  doc.lineWidth(1).strokeColor('#ffffff').fillColor('#ffffff');
  for (let px = x - h; px < x + w + 6; px += 6) {
    for (let py = y; py < y + h + 6; py += 6) {
      if (status === 'IMPLEMENTED') doc.circle(px + 3, py + 3, 1.1).fill();
    }
    if (status === 'IN_PROGRESS') doc.moveTo(px, y + h).lineTo(px + h, y).stroke();
    if (status === 'NOT_ACCEPTED') doc.moveTo(px, y).lineTo(px, y + h).stroke();
  }
  if (status === 'NOT_ACCEPTED' || status === 'SUPERSEDED') for (let py = y + 3; py < y + h; py += 6) doc.moveTo(x, py).lineTo(x + w, py).stroke();
  doc.restore();
  doc.fillColor(TEXT);
}

function legend(doc: Doc, items: { label: string; draw: (x: number, y: number) => void }[]) {
  let x = MARGIN.side;
  let y = doc.y;
  doc.font(FONT).fontSize(8);
  for (const item of items) {
    const width = 22 + doc.widthOfString(item.label) + 14;
    if (x + width > MARGIN.side + WIDTH) {
      x = MARGIN.side;
      y += 14;
    }
    item.draw(x, y);
    doc.font(FONT).fontSize(8).fillColor(TEXT).text(item.label, x + 22, y + 1, { lineBreak: false });
    x += width;
  }
  doc.x = MARGIN.side;
  doc.y = y + 16;
}

function chartCaption(doc: Doc, caption: string, summary: string) {
  ensureSpace(doc, 140);
  paragraph(doc, caption, { size: 10, bold: true });
  doc.moveDown(0.2);
  paragraph(doc, summary, { size: 8.5 });
  doc.moveDown(0.4);
}

/** The stacked bars of status by owner agency, as on screen (the same geometry). */
function drawStatusByAgency(doc: Doc, byAgency: Report['byAgency']) {
  const title = 'Actions by status and owner agency';
  if (byAgency.length === 0) {
    chartCaption(doc, title, 'None: there were no recommendations to chart on this date.');
    return;
  }
  chartCaption(doc, title, statusByAgencySummary(byAgency));
  const statuses = CHART_STATUS_ORDER.filter((s) => byAgency.some((a) => a.byStatus[s] > 0));
  const rowHeight = 36;
  const barHeight = 18;
  const chartHeight = byAgency.length * rowHeight + 40;
  ensureSpace(doc, chartHeight + 36);
  legend(
    doc,
    statuses.map((status) => ({ label: STATUS_LABELS[status], draw: (x, y) => statusFill(doc, status, x, y, 16, 10) })),
  );
  const plotLeft = MARGIN.side;
  const plotRight = MARGIN.side + WIDTH - 30;
  const top = doc.y + 2;
  const axisY = top + byAgency.length * rowHeight + 2;
  const ticks = niceTicks(Math.max(...byAgency.map((a) => a.total)), 6);
  const x = linearScale(ticks.at(-1)!, plotLeft, plotRight);
  for (const tick of ticks) doc.moveTo(x(tick), top).lineTo(x(tick), axisY).lineWidth(0.5).strokeColor(CHART_GRID).stroke();
  byAgency.forEach((agency, row) => {
    const y = top + row * rowHeight;
    const barY = y + 13;
    doc.font(FONT_BOLD).fontSize(8.5).fillColor(TEXT).text(agency.agency, plotLeft, y + 1, { lineBreak: false });
    const segments = stackSegments(
      statuses.map((status) => ({ key: status, value: agency.byStatus[status] })),
      x,
      plotLeft,
      2,
    );
    for (const segment of segments) {
      statusFill(doc, segment.key, segment.x, barY, segment.width, barHeight);
      const label = n(segment.value);
      doc.font(FONT_BOLD).fontSize(8);
      const labelWidth = doc.widthOfString(label) + 6;
      if (segment.width >= labelWidth + 4) {
        const dark = segment.key === 'NOT_STARTED';
        // A solid patch behind the number keeps it legible over the pattern.
        if (!dark) doc.rect(segment.x + (segment.width - labelWidth) / 2, barY + 3, labelWidth, barHeight - 6).fill(CHART_FILLS[segment.key]);
        doc
          .fillColor(dark ? TEXT : '#ffffff')
          .text(label, segment.x, barY + (barHeight - doc.currentLineHeight()) / 2, { width: segment.width, align: 'center', lineBreak: false });
      }
    }
    doc.font(FONT_BOLD).fontSize(8.5).fillColor(TEXT).text(n(agency.total), x(agency.total) + 5, barY + 4, { lineBreak: false });
  });
  doc.moveTo(plotLeft, axisY).lineTo(plotRight, axisY).lineWidth(1).strokeColor(TEXT).stroke();
  doc.font(FONT).fontSize(7.5).fillColor(TEXT);
  for (const tick of ticks) doc.text(n(tick), x(tick) - 15, axisY + 4, { width: 30, align: 'center', lineBreak: false });
  doc.text('Number of actions', plotLeft, axisY + 18, { width: plotRight - plotLeft, align: 'center', lineBreak: false });
  doc.x = MARGIN.side;
  doc.y = axisY + 36;
}

/** Implemented-or-verified and verified at each month's end: two lines, told apart by dash and marker as well as colour. */
function drawProgress(doc: Doc, months: Report['progressByMonth']) {
  const title = 'Progress over time: recommendations implemented or verified, and verified, month by month';
  if (months.length === 0) {
    chartCaption(doc, title, 'None: there is no history to chart before this date.');
    return;
  }
  chartCaption(doc, title, progressSummary(months));
  const height = 180;
  ensureSpace(doc, height + 30);
  legend(doc, [
    {
      label: 'Implemented or verified (solid line, circles)',
      draw: (x, y) => {
        doc.moveTo(x, y + 5).lineTo(x + 18, y + 5).lineWidth(2).strokeColor(CHART_FILLS.IMPLEMENTED).stroke();
        doc.circle(x + 9, y + 5, 3).fill(CHART_FILLS.IMPLEMENTED);
      },
    },
    {
      label: 'Verified (dashed line, squares)',
      draw: (x, y) => {
        doc.moveTo(x, y + 5).lineTo(x + 18, y + 5).lineWidth(2).dash(4, { space: 3 }).strokeColor(CHART_FILLS.VERIFIED).stroke().undash();
        doc.rect(x + 6, y + 2, 6, 6).fill(CHART_FILLS.VERIFIED);
      },
    },
  ]);
  const left = MARGIN.side + 36;
  const right = MARGIN.side + WIDTH - 10;
  const top = doc.y + 4;
  const bottom = top + height - 40;
  const ticks = niceTicks(Math.max(...months.map((m) => m.implemented)), 6);
  const y = linearScale(ticks.at(-1)!, bottom, top);
  const xs = spreadPoints(months.length, left + 18, right - 18);
  doc.font(FONT).fontSize(7.5);
  for (const tick of ticks) {
    doc.moveTo(left, y(tick)).lineTo(right, y(tick)).lineWidth(tick === 0 ? 1 : 0.5).strokeColor(tick === 0 ? TEXT : CHART_GRID).stroke();
    doc.fillColor(TEXT).text(n(tick), left - 34, y(tick) - 4, { width: 28, align: 'right', lineBreak: false });
  }
  for (const i of labelledIndices(months.length, 7)) {
    doc.moveTo(xs[i]!, bottom).lineTo(xs[i]!, bottom + 4).lineWidth(1).strokeColor(TEXT).stroke();
    doc.fillColor(TEXT).text(formatMonthShort(months[i]!.month), xs[i]! - 30, bottom + 7, { width: 60, align: 'center', lineBreak: false });
  }
  doc.text('Month (position at the end of each month)', left, bottom + 22, { width: right - left, align: 'center', lineBreak: false });
  const line = (values: number[], colour: string, dashed: boolean) => {
    values.forEach((value, i) => (i === 0 ? doc.moveTo(xs[i]!, y(value)) : doc.lineTo(xs[i]!, y(value))));
    if (dashed) doc.dash(6, { space: 4 });
    doc.lineWidth(2).lineJoin('round').strokeColor(colour).stroke();
    doc.undash();
  };
  line(
    months.map((m) => m.implemented),
    CHART_FILLS.IMPLEMENTED,
    false,
  );
  line(
    months.map((m) => m.verified),
    CHART_FILLS.VERIFIED,
    true,
  );
  if (months.length <= 18) {
    months.forEach((m, i) => {
      doc.circle(xs[i]!, y(m.implemented), 3.5).lineWidth(1).fillAndStroke(CHART_FILLS.IMPLEMENTED, '#ffffff');
      doc.rect(xs[i]! - 3, y(m.verified) - 3, 6, 6).lineWidth(1).fillAndStroke(CHART_FILLS.VERIFIED, '#ffffff');
    });
  }
  doc.fillColor(TEXT);
  doc.x = MARGIN.side;
  doc.y = bottom + 40;
}

/** Words cut to fit one line of `width`, with an ellipsis (pdfkit's own wraps instead, without a height). */
function oneLine(doc: Doc, words: string, width: number) {
  if (doc.widthOfString(words) <= width) return words;
  let cut = words;
  while (cut.length > 1 && doc.widthOfString(`${cut}…`) > width) cut = cut.slice(0, -1);
  return `${cut.trimEnd()}…`;
}

/** The subtitle on one line: smaller type when a long fingerprint would not fit. */
function fittedSize(doc: Doc, words: string, size: number, width: number, font = FONT) {
  doc.font(font).fontSize(size);
  const fits = doc.widthOfString(words);
  return fits <= width ? size : Math.max(6, (size * width) / fits);
}

/**
 * An A4 board-pack PDF in the order the board acts: the headline figures,
 * the exceptions, what changed since the last meeting, then the detail (with
 * the charts drawn as vector graphics beside their summaries in words). A
 * contents line on the first page (with each part's page), bookmarks, and the
 * title, dates and fingerprint at the top and "Page n of m" at the foot of
 * every page.
 */
export function reportPdf(input: PdfInput): Promise<Buffer> {
  const { title, subtitle, report, sections } = input;
  const doc = new PDFDocument({
    size: 'A4',
    margins: { top: MARGIN.top, bottom: MARGIN.bottom, left: MARGIN.side, right: MARGIN.side },
    bufferPages: true,
    // Never the standard Helvetica: every font in the file is embedded.
    font: REGULAR,
    lang: 'en-GB',
    displayTitle: true,
    info: { Title: title, Author: 'Followthrough' },
  });
  doc.registerFont(FONT, REGULAR);
  doc.registerFont(FONT_BOLD, BOLD);
  const chunks: Buffer[] = [];
  doc.on('data', (chunk: Buffer) => chunks.push(chunk));
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });

  const titles = partTitles(report);
  doc.font(FONT_BOLD).fontSize(17).fillColor(TEXT).text(title, MARGIN.side, MARGIN.top, { width: WIDTH });
  doc.moveDown(0.2);
  paragraph(doc, subtitle, { size: 9, colour: SECONDARY_TEXT });
  if (input.coverage) {
    doc.moveDown(0.2);
    paragraph(doc, input.coverage, { size: 8.5, colour: SECONDARY_TEXT });
  }
  doc.moveDown(0.5);
  // Room for the contents line, written once each part's page is known.
  const contentsWords = (pages: Partial<Record<ReportPart, number>>) =>
    `Contents: ${REPORT_PARTS.map((part, i) => `${i + 1}. ${titles[part]} (page ${pages[part] ?? 99})`).join(' · ')}`;
  const contentsTop = doc.y;
  doc.font(FONT).fontSize(9);
  doc.y += doc.heightOfString(contentsWords({}), { width: WIDTH }) + 6;
  doc.moveTo(MARGIN.side, doc.y).lineTo(MARGIN.side + WIDTH, doc.y).lineWidth(0.5).strokeColor(BORDER).stroke();
  doc.y += 6;

  const partPages: Partial<Record<ReportPart, number>> = {};
  REPORT_PARTS.forEach((part, i) => {
    ensureSpace(doc, 120);
    doc.moveDown(0.4);
    partPages[part] = doc.bufferedPageRange().count;
    doc.outline.addItem(titles[part]);
    doc.font(FONT_BOLD).fontSize(14).fillColor(BRAND).text(`${i + 1}. ${titles[part]}`, MARGIN.side, doc.y, { width: WIDTH });
    doc.fillColor(TEXT).moveDown(0.3);
    for (const section of sections.filter((s) => s.part === part)) {
      if (section.key === 'headline') {
        drawHeadline(doc, report);
        continue;
      }
      if (section.key === 'by-agency') drawStatusByAgency(doc, report.byAgency);
      if (section.key === 'progress') drawProgress(doc, report.progressByMonth);
      sectionTitle(doc, section.title);
      if (section.rows.length === 0) paragraph(doc, 'None.');
      else drawTable(doc, section.key === 'progress' ? condenseMonths(section) : section);
      doc.moveDown(0.8);
    }
  });

  doc.switchToPage(0);
  doc.font(FONT).fontSize(9).fillColor(TEXT).text(contentsWords(partPages), MARGIN.side, contentsTop, { width: WIDTH });

  // Header and footer on every page, now that the page count is known.
  const range = doc.bufferedPageRange();
  for (let i = range.start; i < range.start + range.count; i++) {
    doc.switchToPage(i);
    doc.page.margins.top = 0;
    doc.page.margins.bottom = 0;
    doc.font(FONT_BOLD).fontSize(Math.max(7.5, fittedSize(doc, title, 9.5, WIDTH, FONT_BOLD))).fillColor(TEXT);
    doc.text(oneLine(doc, title, WIDTH), MARGIN.side, 26, { lineBreak: false });
    doc.font(FONT).fontSize(fittedSize(doc, subtitle, 8, WIDTH)).fillColor(SECONDARY_TEXT).text(subtitle, MARGIN.side, 42, { width: WIDTH, lineBreak: false });
    doc.moveTo(MARGIN.side, 58).lineTo(MARGIN.side + WIDTH, 58).lineWidth(1).strokeColor(BRAND).stroke();
    doc
      .font(FONT)
      .fontSize(8.5)
      .fillColor(SECONDARY_TEXT)
      .text(`Page ${i - range.start + 1} of ${range.count}`, MARGIN.side, A4.height - 40, { width: WIDTH, align: 'center', lineBreak: false });
  }
  doc.end();
  return done;
}
