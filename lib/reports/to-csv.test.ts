import { describe, expect, it } from 'vitest';
import { csvSections } from '@/tests/support/read-report-files';
import type { Section } from './report-sections';
import { csvCell, reportCsv, unneutralisedText } from './to-csv';

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
    const csv = reportCsv(['Title'], [{ key: 's', title: 'Notes', part: 'detail', columns: [{ header: 'Note', kind: 'text' }], rows: [['Reviewed;=1+1;@SUM(2+2)'], ['plain, with a comma']] }]);
    expect(csvSections(csv).get('Notes')).toEqual([['Note'], ["Reviewed;'=1+1;'@SUM(2+2)"], ['plain, with a comma']]);
  });

  it('writes percentages, months, statuses and RAG ratings in the words the screen and the PDF use', () => {
    const section: Section = {
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
    expect(csvSections(reportCsv(['Title'], [section])).get('Mixed')).toEqual([
      ['Month', 'Done', 'Status', 'RAG'],
      ['September 2012', '30%', 'In progress', 'Red'],
      ['March 2013', '33.3%', 'Verified', 'No rating'],
    ]);
  });

  it('gives back the text it neutralised, so that a CSV it wrote imports back unchanged', () => {
    for (const text of ['=SUM(A1)', '+1', '-2; @x', 'a,=b', 'line\n=c', "plain 'quoted' text"]) {
      const quoted = csvCell(text, 'text');
      expect(unneutralisedText(quoted.slice(1, -1).replace(/""/g, '"'))).toBe(text);
    }
  });
});
