import PDFDocument from 'pdfkit';
import { formatDateTime, formatDay } from '@/lib/days';
import type { Cell, Column, Section } from './report-sections';

const A4 = { width: 595.28, height: 841.89 };
const MARGIN = { top: 72, bottom: 60, side: 40 };
const FONT = 'Helvetica';
const BOLD = 'Helvetica-Bold';

function text(cell: Cell, column: Column): string {
  if (cell === null || cell === '') return '';
  if (cell instanceof Date) return column.kind === 'date' ? formatDay(cell) : formatDateTime(cell);
  if (typeof cell === 'number') return column.kind === 'percent' ? `${cell.toFixed(1)}%` : cell.toLocaleString('en-GB');
  return cell;
}

/**
 * Column widths: each at least its longest word (so that no word breaks in
 * the middle), then the rest of the page shared out by how much longer each
 * column's longest text is.
 */
function columnWidths(doc: PDFKit.PDFDocument, section: Section, available: number) {
  const PADDING = 8;
  const sample = section.rows.slice(0, 200);
  const texts = section.columns.map((column, i) => [column.header, ...sample.map((row) => text(row[i] ?? null, column))]);
  const minimum = texts.map((cells, i) => {
    doc.font(BOLD).fontSize(8);
    const headerWord = Math.max(...section.columns[i]!.header.split(/\s+/).map((word) => doc.widthOfString(word)));
    doc.font(FONT).fontSize(8);
    const cellWord = Math.max(0, ...cells.slice(1).flatMap((cell) => cell.split(/\s+/).map((word) => doc.widthOfString(word))));
    return Math.min(Math.max(headerWord, cellWord) + PADDING, 160);
  });
  doc.font(FONT).fontSize(8);
  const desired = texts.map((cells, i) => Math.max(minimum[i]!, Math.min(Math.max(...cells.map((cell) => doc.widthOfString(cell))) + PADDING, 260)));
  const minTotal = minimum.reduce((a, b) => a + b, 0);
  if (minTotal >= available) return minimum.map((w) => (w / minTotal) * available);
  const extra = desired.map((w, i) => w - minimum[i]!);
  const extraTotal = extra.reduce((a, b) => a + b, 0);
  const share = extraTotal === 0 ? 0 : Math.min(1, (available - minTotal) / extraTotal);
  const widths = minimum.map((w, i) => w + extra[i]! * share);
  const used = widths.reduce((a, b) => a + b, 0);
  return widths.map((w) => (w / used) * available);
}

/**
 * An A4 board-pack PDF: the report's title and as-at date at the top of every
 * page, page numbers at the foot, and each section as a table.
 */
export function reportPdf(title: string, subtitle: string, sections: Section[]): Promise<Buffer> {
  const doc = new PDFDocument({ size: 'A4', margins: { top: MARGIN.top, bottom: MARGIN.bottom, left: MARGIN.side, right: MARGIN.side }, bufferPages: true, info: { Title: title, Author: 'Followthrough' } });
  const chunks: Buffer[] = [];
  doc.on('data', (chunk: Buffer) => chunks.push(chunk));
  const done = new Promise<Buffer>((resolve) => doc.on('end', () => resolve(Buffer.concat(chunks))));

  const width = A4.width - 2 * MARGIN.side;
  const bottom = A4.height - MARGIN.bottom;

  for (const section of sections) {
    if (doc.y > bottom - 80) doc.addPage();
    doc.font(BOLD).fontSize(12).fillColor('#0b0c0c').text(section.title, MARGIN.side, doc.y + 10, { width });
    doc.moveDown(0.3);
    if (section.rows.length === 0) {
      doc.font(FONT).fontSize(9).text('None.', { width });
      continue;
    }
    const widths = columnWidths(doc, section, width);
    const drawRow = (cells: string[], bold: boolean) => {
      doc.font(bold ? BOLD : FONT).fontSize(8);
      const height = Math.max(...cells.map((cell, i) => doc.heightOfString(cell, { width: widths[i]! - 6 }))) + 6;
      if (doc.y + height > bottom) {
        doc.addPage();
        if (!bold) drawRow(section.columns.map((c) => c.header), true);
        doc.font(bold ? BOLD : FONT).fontSize(8);
      }
      const top = doc.y;
      let x = MARGIN.side;
      cells.forEach((cell, i) => {
        const numeric = section.columns[i]!.kind !== 'text';
        doc.text(cell, x + 3, top + 3, { width: widths[i]! - 6, align: numeric && !bold ? 'right' : 'left' });
        x += widths[i]!;
      });
      doc.moveTo(MARGIN.side, top + height).lineTo(MARGIN.side + width, top + height).lineWidth(bold ? 1 : 0.3).strokeColor('#b1b4b6').stroke();
      doc.x = MARGIN.side;
      doc.y = top + height;
    };
    drawRow(section.columns.map((c) => c.header), true);
    for (const row of section.rows) drawRow(row.map((cell, i) => text(cell, section.columns[i]!)), false);
    doc.moveDown(0.8);
  }

  // Header and footer on every page, now that the page count is known.
  const range = doc.bufferedPageRange();
  for (let i = range.start; i < range.start + range.count; i++) {
    doc.switchToPage(i);
    doc.page.margins.top = 0;
    doc.page.margins.bottom = 0;
    doc.font(BOLD).fontSize(10).fillColor('#0b0c0c').text(title, MARGIN.side, 28, { width, lineBreak: false, ellipsis: true });
    doc.font(FONT).fontSize(9).fillColor('#484949').text(subtitle, MARGIN.side, 44, { width, lineBreak: false });
    doc.moveTo(MARGIN.side, 60).lineTo(MARGIN.side + width, 60).lineWidth(1).strokeColor('#103c4a').stroke();
    doc
      .font(FONT)
      .fontSize(9)
      .fillColor('#484949')
      .text(`Page ${i - range.start + 1} of ${range.count}`, MARGIN.side, A4.height - 40, { width, align: 'center', lineBreak: false });
  }
  doc.end();
  return done;
}
