import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import type { Section } from './report-sections';
import { reportXlsx } from './to-xlsx';

describe('reportXlsx', () => {
  it('writes times as UK clocks showed them, and due dates as the day they hold', async () => {
    const section: Section = {
      key: 'status-changes',
      title: 'Status changes',
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
});
