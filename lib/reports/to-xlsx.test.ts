import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import type { Section } from './report-sections';
import { cellText, type Section as ReportSection } from './report-sections';
import { reportXlsx } from './to-xlsx';

describe('reportXlsx', () => {
  it('writes times as UK clocks showed them, and due dates as the day they hold', async () => {
    const section: Section = {
      key: 'status-changes',
      title: 'Status changes',
      part: 'changes',
      columns: [
        { header: 'Due date', kind: 'date' },
        { header: 'When', kind: 'datetime' },
      ],
      // 23:30 UTC on 1 July is 00:30 on 2 July in London.
      rows: [[new Date('2026-07-01T00:00:00Z'), new Date('2026-07-01T23:30:00Z')]],
    };
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load((await reportXlsx(['Report'], [section])) as unknown as ArrayBuffer);
    const row = workbook.worksheets[0]!.getRow(4);
    expect(row.getCell(1).value).toEqual(new Date('2026-07-01T00:00:00Z'));
    expect(row.getCell(2).value).toEqual(new Date('2026-07-02T00:30:00Z'));
  });

  it('shows percentages and months as the screen, CSV and PDF write them, keeping them numbers and dates', async () => {
    const section: ReportSection = {
      key: 'mixed',
      title: 'Mixed',
      part: 'detail',
      columns: [
        { header: 'Month', kind: 'month' },
        { header: 'Done', kind: 'percent' },
        { header: 'Status', kind: 'status' },
        { header: 'RAG', kind: 'rag' },
      ],
      rows: [
        ['2012-09', 30, 'IN_PROGRESS', 'RED'],
        ['2013-03', 33.3, 'VERIFIED', null],
      ],
    };
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load((await reportXlsx(['Report'], [section])) as unknown as ArrayBuffer);
    const sheet = workbook.worksheets[0]!;
    const [first, second] = [sheet.getRow(4), sheet.getRow(5)];
    // A month is its first day, formatted "September 2012"; a percentage a fraction, formatted "30%" or "33.3%".
    expect(first.getCell(1).value).toEqual(new Date('2012-09-01T00:00:00Z'));
    expect(first.getCell(1).numFmt).toBe('mmmm yyyy');
    expect(first.getCell(2).value).toBe(0.3);
    expect(first.getCell(2).numFmt).toBe('0%');
    expect(second.getCell(2).value).toBeCloseTo(0.333, 10);
    expect(second.getCell(2).numFmt).toBe('0.0%');
    expect([first.getCell(3).value, first.getCell(4).value, second.getCell(4).value]).toEqual(['In progress', 'Red', 'No rating']);
    // What those formats show is what the screen and PDF write.
    expect(cellText(30, section.columns[1]!)).toBe('30%');
    expect(cellText(33.3, section.columns[1]!)).toBe('33.3%');
    expect(cellText('2012-09', section.columns[0]!)).toBe('September 2012');
  });
});
