import { describe, expect, it } from 'vitest';
import { csvSections } from '@/tests/support/read-report-files';
import { csvCell, reportCsv } from './to-csv';

describe('CSV cells', () => {
  it('quotes every text cell, so that no separator inside it splits it', () => {
    expect(csvCell('Reviewed', 'text')).toBe('"Reviewed"');
    expect(csvCell('a;b,c', 'text')).toBe('"a;b,c"');
    expect(csvCell('He said "no"', 'text')).toBe('"He said ""no"""');
    expect(csvCell(12.5, 'number')).toBe('12.5');
    expect(csvCell(null, 'text')).toBe('');
  });

  it('neutralises a formula at the start of a cell and after any separator a spreadsheet might split on', () => {
    expect(csvCell('=1+1', 'text')).toBe(`"'=1+1"`);
    expect(csvCell('Reviewed;=1+1;@SUM(2+2)', 'text')).toBe(`"Reviewed;'=1+1;'@SUM(2+2)"`);
    expect(csvCell('a,+cmd|x\n-2', 'text')).toBe(`"a,'+cmd|x\n'-2"`);
    expect(csvCell('a; b - c', 'text')).toBe('"a; b - c"');
  });

  it('reads back as the same text, bar the apostrophes', () => {
    const csv = reportCsv(['Title'], [{ key: 's', title: 'Notes', columns: [{ header: 'Note', kind: 'text' }], rows: [['Reviewed;=1+1;@SUM(2+2)'], ['plain, with a comma']] }]);
    expect(csvSections(csv).get('Notes')).toEqual([['Note'], ["Reviewed;'=1+1;'@SUM(2+2)"], ['plain, with a comma']]);
  });
});
