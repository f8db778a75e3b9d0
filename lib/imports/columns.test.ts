import { describe, expect, it } from 'vitest';
import {
  findHeaderRow,
  headerTexts,
  IMPORT_FIELD_LABELS,
  IMPORT_FIELDS,
  recogniseColumn,
  type CellValue,
  type ImportField,
  type SheetRow,
} from './columns';

const rowsOf = (...rows: CellValue[][]): SheetRow[] => rows.map((cells, i) => ({ number: i + 1, cells }));

describe('import fields', () => {
  it('has a label for each field, in the product’s words', () => {
    expect(IMPORT_FIELDS.map((field) => IMPORT_FIELD_LABELS[field])).toEqual([
      'Reference',
      'Finding',
      'Recommendation',
      'Action reference',
      'Action',
      'Agency',
      'Lead officer',
      'Due date',
      'Status',
      'RAG',
      'Progress update',
      'Evidence',
    ]);
  });
});

describe('recogniseColumn', () => {
  it.each<[string, ImportField | null]>([
    // reference
    ['No.', 'reference'],
    ['No', 'reference'],
    ['Ref', 'reference'],
    ['Ref.', 'reference'],
    ['Reference', 'reference'],
    ['REFERENCE', 'reference'],
    ['Rec no', 'reference'],
    ['Rec. No.', 'reference'],
    ['Rec #', 'reference'],
    ['Recommendation number', 'reference'],
    ['Recommendation No.', 'reference'],
    ['Rec', 'reference'],
    ['Review reference', 'reference'],
    // action reference
    ['Action ref', 'actionReference'],
    ['Action no.', 'actionReference'],
    ['Action Number', 'actionReference'],
    ['Sub-action ref', 'actionReference'],
    // finding
    ['Finding', 'finding'],
    ['Findings', 'finding'],
    ['Key finding', 'finding'],
    ['Key Findings', 'finding'],
    ['Finding from the review', 'finding'],
    // recommendation
    ['Recommendation', 'recommendation'],
    ['Recommendations', 'recommendation'],
    ['Objective', 'recommendation'],
    ['SCR recommendation', 'recommendation'],
    // action
    ['Action', 'action'],
    ['Actions', 'action'],
    ['Actions required', 'action'],
    ['Action required', 'action'],
    ['Actions to be taken', 'action'],
    ['SMART actions', 'action'],
    ['Action to achieve recommendation', 'action'],
    // progress: "action taken" says what was done
    ['Action taken', 'progress'],
    ['Actions taken to date', 'progress'],
    ['Progress', 'progress'],
    ['Update', 'progress'],
    ['Progress update', 'progress'],
    ['Progress presented to committee', 'progress'],
    ['Comments', 'progress'],
    ['Progress at 31/03/2013', 'progress'],
    ['Progress at date', 'progress'],
    ['Progress as at 31 March 2013', 'progress'],
    ['Update as of March 2014', 'progress'],
    ['Update on progress (March 2014)', 'progress'],
    // agency
    ['Responsibility', 'agency'],
    ['Owner', 'agency'],
    ['Agency', 'agency'],
    ['Lead agency', 'agency'],
    ['Responsible agency', 'agency'],
    ['Lead', 'agency'],
    ['Agency responsible', 'agency'],
    ['Responsible organisation(s)', 'agency'],
    // lead officer
    ['Lead officer', 'leadOfficer'],
    ['Lead Officer', 'leadOfficer'],
    ['Responsible officer', 'leadOfficer'],
    ['Officer', 'leadOfficer'],
    ['Named lead officer', 'leadOfficer'],
    ['Lead person', 'leadOfficer'],
    // due date
    ['Date', 'dueDate'],
    ['When', 'dueDate'],
    ['Timescale', 'dueDate'],
    ['Timescales', 'dueDate'],
    ['Target date', 'dueDate'],
    ['Due date', 'dueDate'],
    ['Completion date', 'dueDate'],
    ['Target date (dd/mm/yyyy)', 'dueDate'],
    ['Target\ndate', 'dueDate'],
    ['Date for completion', 'dueDate'],
    ['By when?', 'dueDate'],
    ['Agreed completion date', 'dueDate'],
    // status
    ['Status', 'status'],
    ['Status (Complete / Ongoing / Paused)', 'status'],
    ['Status [Complete/Ongoing]', 'status'],
    ['Assessment of progress', 'status'],
    ['Current status', 'status'],
    ['Status at 31/03/2013', 'status'],
    // rag
    ['RAG', 'rag'],
    ['RAG rating', 'rag'],
    ['RAG status', 'rag'],
    ['R.A.G.', 'rag'],
    ['BRAG', 'rag'],
    ['RAG rating (Red/Amber/Green)', 'rag'],
    ['Overall RAG', 'rag'],
    // evidence
    ['Evidence', 'evidence'],
    ['Evidence of implementation', 'evidence'],
    ['Evidence of impact', 'evidence'],
    ['Evidence of outcome', 'evidence'],
    ['Supporting evidence', 'evidence'],
    // not recognised
    ['Expected outcome', null],
    ['Outcome', null],
    ['Outcome of action', null],
    ['Success measures', null],
    ['Impact on children', null],
    ['', null],
    ['   ', null],
    ['Column1', null],
    ['Notes for the chair of the board meeting on progress', null], // long text is never a heading by its words
    ['31/03/2013', null],
  ])('%j → %s', (header, field) => {
    expect(recogniseColumn(header)).toBe(field);
  });
});

describe('headerTexts', () => {
  it('gives each cell as heading text', () => {
    expect(headerTexts({ number: 3, cells: ['Target\n date', null, 12, { day: '2013-03-31' }, '  Status  '] })).toEqual([
      'Target date',
      '',
      '12',
      '31/03/2013',
      'Status',
    ]);
  });
});

describe('findHeaderRow', () => {
  it.each<[string, CellValue[], (ImportField | null)[]]>([
    [
      'No. | Recommendation | Responsibility | Date | Progress presented to committee | Assessment of progress',
      ['No.', 'Recommendation', 'Responsibility', 'Date', 'Progress presented to committee', 'Assessment of progress'],
      ['reference', 'recommendation', 'agency', 'dueDate', 'progress', 'status'],
    ],
    [
      'Reference | Recommendation | Lead officer | Action taken | Status (Complete / Ongoing / Paused) | RAG',
      ['Reference', 'Recommendation', 'Lead officer', 'Action taken', 'Status (Complete / Ongoing / Paused)', 'RAG'],
      ['reference', 'recommendation', 'leadOfficer', 'progress', 'status', 'rag'],
    ],
    [
      'Objective | Actions required | Expected outcome | When | Lead | Progress at date',
      ['Objective', 'Actions required', 'Expected outcome', 'When', 'Lead', 'Progress at date'],
      ['recommendation', 'action', null, 'dueDate', 'agency', 'progress'],
    ],
    [
      'Key finding | Rec no | Recommendation | Action ref | Action | Lead agency | Lead officer | Target date | Status | RAG rating | Update | Evidence',
      ['Key finding', 'Rec no', 'Recommendation', 'Action ref', 'Action', 'Lead agency', 'Lead officer', 'Target date', 'Status', 'RAG rating', 'Update', 'Evidence'],
      ['finding', 'reference', 'recommendation', 'actionReference', 'action', 'agency', 'leadOfficer', 'dueDate', 'status', 'rag', 'progress', 'evidence'],
    ],
  ])('maps the layout %s', (_, header, mapping) => {
    const rows = rowsOf(['Rochdale LSCB: Child A action plan'], [], header, ['1', 'Do something', 'Police', { day: '2013-03-31' }]);
    expect(findHeaderRow(rows)).toEqual({ index: 2, mapping });
  });

  it('keeps a field for the first column proposing it; a later one is ignored', () => {
    const rows = rowsOf(['Ref', 'Recommendation', 'Objective', 'Date', 'Timescale', 'Lead', 'Owner']);
    expect(findHeaderRow(rows)?.mapping).toEqual(['reference', 'recommendation', null, 'dueDate', null, 'agency', null]);
  });

  it('takes the row with most recognised headings over a banner row of merged headings above it', () => {
    const rows = rowsOf(
      ['Child A serious case review'],
      [null, 'Recommendations', null, 'Actions'],
      ['No.', 'Recommendation', 'Agency', 'Action', 'Date', 'RAG'],
      ['1', 'Text', 'Police', 'Text', '31/03/2013', 'Green'],
    );
    expect(findHeaderRow(rows)).toEqual({ index: 2, mapping: ['reference', 'recommendation', 'agency', 'action', 'dueDate', 'rag'] });
  });

  it('takes the earliest of rows recognising as many headings (a header repeated for each section)', () => {
    const header: CellValue[] = ['Ref', 'Action', 'Lead', 'When'];
    const rows = rowsOf(header, ['1', 'Text', 'Police', '31/03/2013'], header, ['2', 'Text', 'Health', '30/06/2013']);
    expect(findHeaderRow(rows)?.index).toBe(0);
  });

  it.each<[string, CellValue[][]]>([
    ['no rows', []],
    ['one recognised heading', [['Recommendation', 'Expected outcome']]],
    ['two recognised headings, neither a recommendation nor an action', [['Ref', 'Date', 'Status', 'RAG']]],
    ['a recommendation counted twice', [['Recommendation', 'Objective']]],
    ['headings that are numbers or dates', [[1, 2, { day: '2013-03-31' }]]],
    ['data only', [['1', 'Ensure all staff are trained', 'Police', '31/03/2013']]],
  ])('finds no header row with %s', (_, rows) => {
    expect(findHeaderRow(rowsOf(...rows))).toBeNull();
  });

  it('looks only within the first rows (30 unless told)', () => {
    const filler = Array.from({ length: 30 }, (): CellValue[] => ['note']);
    const rows = rowsOf(...filler, ['Ref', 'Recommendation']);
    expect(findHeaderRow(rows)).toBeNull();
    expect(findHeaderRow(rows, 31)).toEqual({ index: 30, mapping: ['reference', 'recommendation'] });
    expect(findHeaderRow(rowsOf(['x'], ['Ref', 'Action']), 1)).toBeNull();
  });
});
