import { describe, expect, it } from 'vitest';
import {
  cellText,
  DATE_RULE_TEXT,
  didYouMean,
  matchAgency,
  matchPerson,
  normaliseText,
  proposeStatus,
  readPlanDate,
  readRag,
  splitAgencies,
  type DateReading,
  type NamedAgency,
  type NamedPerson,
} from './cell-values';
import type { CellValue } from './columns';

describe('readPlanDate', () => {
  const day = (d: string): DateReading => ({ ok: true, day: d });

  it.each<[string, CellValue, DateReading]>([
    ['an empty cell', null, { ok: true, day: null }],
    ['blank text', '   ', { ok: true, day: null }],
    ['a date-typed cell', { day: '2012-12-31' }, day('2012-12-31')],
    ['a date-typed cell on 29 February of a leap year', { day: '2012-02-29' }, day('2012-02-29')],
    ['a date-typed cell that is not a real day', { day: '2013-02-31' }, { ok: false, message: '"31/02/2013" is not a real day' }],
    ['a date-typed cell with a year the product refuses', { day: '2500-01-01' }, { ok: false, message: '"01/01/2500" is too far in the past or the future to be a due date' }],
  ])('reads %s', (_, value, expected) => {
    expect(readPlanDate(value)).toEqual(expected);
  });

  it.each<[number, DateReading]>([
    [1, day('1900-01-01')],
    [59, day('1900-02-28')],
    [60, { ok: false, message: '"60" is 29 February 1900 in Excel, which is not a real day' }],
    [61, day('1900-03-01')],
    [41274, day('2012-12-31')],
    [41274.75, day('2012-12-31')], // the time of day is ignored
    [41275, day('2013-01-01')],
    [41333, day('2013-02-28')],
    [41334, day('2013-03-01')],
    [2200, { ok: true, day: '2200-12-31', note: '"2200" is a year: read as its last day, 31 December 2200' }],
    [2013, { ok: true, day: '2013-12-31', note: '"2013" is a year: read as its last day, 31 December 2013' }],
    [1899, day('1905-03-13')], // not a year the product accepts: a serial date
    [2013.5, day('1905-07-05')], // a fraction is a serial date, never a year
    [2958465, { ok: false, message: '"2958465" is too far in the past or the future to be a due date' }],
    [2958466, { ok: false, message: 'Cannot read "2958466" as a date. Use a day such as 31/12/2013' }],
    [0, { ok: false, message: 'Cannot read "0" as a date. Use a day such as 31/12/2013' }],
    [0.5, { ok: false, message: 'Cannot read "0.5" as a date. Use a day such as 31/12/2013' }],
    [-3, { ok: false, message: 'Cannot read "-3" as a date. Use a day such as 31/12/2013' }],
  ])('reads the number %s as an Excel serial date (or a year)', (value, expected) => {
    expect(readPlanDate(value)).toEqual(expected);
  });

  it.each<[string, string]>([
    ['31/12/2012', '2012-12-31'],
    ['31/12/12', '2012-12-31'],
    ['31.12.12', '2012-12-31'],
    ['31-12-2012', '2012-12-31'],
    ['2012-12-31', '2012-12-31'],
    ['2012-12-31 00:00:00', '2012-12-31'],
    ['2012-12-31T00:00:00.000Z', '2012-12-31'],
    ['31/12/2012 00:00', '2012-12-31'],
    ['1/4/13', '2013-04-01'],
    ['01/04/2013', '2013-04-01'], // day first: 1 April, never 4 January
    ['05/06/2013', '2013-06-05'],
    ['31/12/69', '2069-12-31'],
    ['01/01/70', '1970-01-01'],
    ['31/12/99', '1999-12-31'],
    ['01/01/00', '2000-01-01'],
    ['29/02/2012', '2012-02-29'],
    ['31 December 2012', '2012-12-31'],
    ['31 december 2012', '2012-12-31'],
    ['31st Dec 2012', '2012-12-31'],
    ['1st April 2013', '2013-04-01'],
    ['2nd Sept 2013', '2013-09-02'],
    ['3rd of March 2013', '2013-03-03'],
    ['22nd Feb. 13', '2013-02-22'],
    ['31-Dec-12', '2012-12-31'],
    ['31-Dec-2012', '2012-12-31'],
    ['Monday 31 December 2012', '2012-12-31'],
    ['Mon, 31 Dec 2012', '2012-12-31'],
    ['Dec 31, 2012', '2012-12-31'],
    ['December 31st 2012', '2012-12-31'],
    ['by 31/03/2013', '2013-03-31'],
    ['Due 31/03/2013', '2013-03-31'],
    ['  31/03/2013  ', '2013-03-31'],
  ])('reads the day %j', (text, expected) => {
    expect(readPlanDate(text)).toEqual({ ok: true, day: expected });
  });

  it.each<[string, string, string]>([
    ['December 2012', '2012-12-31', '"December 2012" is a month: read as its last day, 31 December 2012'],
    ['Dec 2012', '2012-12-31', '"Dec 2012" is a month: read as its last day, 31 December 2012'],
    ['Dec-12', '2012-12-31', '"Dec-12" is a month: read as its last day, 31 December 2012'],
    ['Dec/12', '2012-12-31', '"Dec/12" is a month: read as its last day, 31 December 2012'],
    ["Dec '12", '2012-12-31', '"Dec \'12" is a month: read as its last day, 31 December 2012'],
    ['12/2012', '2012-12-31', '"12/2012" is a month: read as its last day, 31 December 2012'],
    ['2/2012', '2012-02-29', '"2/2012" is a month: read as its last day, 29 February 2012'],
    ['Feb 2013', '2013-02-28', '"Feb 2013" is a month: read as its last day, 28 February 2013'],
    ['Sept 2013', '2013-09-30', '"Sept 2013" is a month: read as its last day, 30 September 2013'],
    ['end of March 2013', '2013-03-31', '"end of March 2013" is a month: read as its last day, 31 March 2013'],
    ['By end of June 2013', '2013-06-30', '"By end of June 2013" is a month: read as its last day, 30 June 2013'],
    ['Q1 2013', '2013-03-31', '"Q1 2013" is a calendar quarter: read as its last day, 31 March 2013'],
    ['Q3 2013', '2013-09-30', '"Q3 2013" is a calendar quarter: read as its last day, 30 September 2013'],
    ['q4 2013', '2013-12-31', '"q4 2013" is a calendar quarter: read as its last day, 31 December 2013'],
    ['Quarter 2 2013', '2013-06-30', '"Quarter 2 2013" is a calendar quarter: read as its last day, 30 June 2013'],
    ['2013 Q2', '2013-06-30', '"2013 Q2" is a calendar quarter: read as its last day, 30 June 2013'],
    ['Q1 2013/14', '2013-06-30', '"Q1 2013/14" is a quarter of the financial year 2013/14: read as its last day, 30 June 2013'],
    ['Q2 2013/14', '2013-09-30', '"Q2 2013/14" is a quarter of the financial year 2013/14: read as its last day, 30 September 2013'],
    ['Q3 2013/14', '2013-12-31', '"Q3 2013/14" is a quarter of the financial year 2013/14: read as its last day, 31 December 2013'],
    ['Q4 2013/14', '2014-03-31', '"Q4 2013/14" is a quarter of the financial year 2013/14: read as its last day, 31 March 2014'],
    ['Q4 2013-14', '2014-03-31', '"Q4 2013-14" is a quarter of the financial year 2013/14: read as its last day, 31 March 2014'],
    ['Q2 FY 2013/2014', '2013-09-30', '"Q2 FY 2013/2014" is a quarter of the financial year 2013/14: read as its last day, 30 September 2013'],
    ['Q1 13/14', '2013-06-30', '"Q1 13/14" is a quarter of the financial year 2013/14: read as its last day, 30 June 2013'],
    ['2013/14 Q4', '2014-03-31', '"2013/14 Q4" is a quarter of the financial year 2013/14: read as its last day, 31 March 2014'],
    ['Q4 1999/00', '2000-03-31', '"Q4 1999/00" is a quarter of the financial year 1999/00: read as its last day, 31 March 2000'],
    ['2013', '2013-12-31', '"2013" is a year: read as its last day, 31 December 2013'],
    ['2013/14', '2014-03-31', '"2013/14" is a financial year: read as its last day, 31 March 2014'],
    ['2013-14', '2014-03-31', '"2013-14" is a financial year: read as its last day, 31 March 2014'],
    ['2013/2014', '2014-03-31', '"2013/2014" is a financial year: read as its last day, 31 March 2014'],
    ['2011-12', '2012-03-31', '"2011-12" is a financial year: read as its last day, 31 March 2012'],
    ['FY 13/14', '2014-03-31', '"FY 13/14" is a financial year: read as its last day, 31 March 2014'],
    ['1999/00', '2000-03-31', '"1999/00" is a financial year: read as its last day, 31 March 2000'],
  ])('reads the period %j as its last day, with a note', (text, expected, note) => {
    expect(readPlanDate(text)).toEqual({ ok: true, day: expected, note });
  });

  it.each([
    'ongoing', 'Ongoing', 'On-going', 'complete', 'Completed', 'TBC', 'tbd', 'n/a', 'N/A', 'immediate', 'Immediately', 'ASAP',
    '-', '—', '–', 'To be confirmed',
  ])('reads %j as no date, flagged', (text) => {
    expect(readPlanDate(text)).toEqual({ ok: true, day: null, note: `No date: "${text}" is not a date` });
  });

  it.each<[string, string]>([
    ['31/02/2013', '"31/02/2013" is not a real day'],
    ['29/02/2013', '"29/02/2013" is not a real day'],
    ['31/04/2013', '"31/04/2013" is not a real day'],
    ['00/01/2013', '"00/01/2013" is not a real day'],
    ['32/01/2013', '"32/01/2013" is not a real day'],
    ['31 June 2013', '"31 June 2013" is not a real day'],
    ['2013-02-29', '"2013-02-29" is not a real day'],
    ['12/31/2012', '"12/31/2012" is not a real day. Dates are read day first, as in 31/12/2013'],
    ['Dec 2500', '"Dec 2500" is too far in the past or the future to be a due date'],
    ['31/12/1850', '"31/12/1850" is too far in the past or the future to be a due date'],
    ['0000', '"0000" is too far in the past or the future to be a due date'],
  ])('refuses the impossible day %j', (text, message) => {
    expect(readPlanDate(text)).toEqual({ ok: false, message });
  });

  it.each(['xyz', 'next year', 'Dec 31', 'Dec 12', 'December 12', '13/14', '2013/15', 'Q5 2013', '13/2013', '41274', 'March', '31/12', 'Complete / ongoing'])(
    'cannot read %j',
    (text) => {
      expect(readPlanDate(text)).toEqual({ ok: false, message: `Cannot read "${text}" as a date. Use a day such as 31/12/2013` });
    },
  );

  it('explains the rule in plain English, with the examples the rule reads', () => {
    expect(DATE_RULE_TEXT).toMatch(/day first/);
    expect(DATE_RULE_TEXT).not.toMatch(/\n/);
    for (const [example, expected] of [
      ['31/12/2013', '2013-12-31'],
      ['31st Dec 2013', '2013-12-31'],
      ['Dec-13', '2013-12-31'],
      ['12/2013', '2013-12-31'],
      ['Q3 2013', '2013-09-30'],
      ['Q1 2013/14', '2013-06-30'],
      ['2013/14', '2014-03-31'],
      ['2013-14', '2014-03-31'],
    ] as const) {
      expect(DATE_RULE_TEXT).toContain(example);
      expect(readPlanDate(example)).toMatchObject({ ok: true, day: expected });
    }
    expect(readPlanDate('31/02/2013').ok).toBe(false);
    expect(DATE_RULE_TEXT).toContain('31/02/2013');
  });
});

describe('proposeStatus', () => {
  it.each<[string, string]>([
    ['Not started', 'NOT_STARTED'],
    ['in progress', 'IN_PROGRESS'],
    ['IN PROGRESS', 'IN_PROGRESS'],
    ['In progress.', 'IN_PROGRESS'],
    ['Implemented', 'IMPLEMENTED'],
    ['verified', 'VERIFIED'],
    ['Not accepted', 'NOT_ACCEPTED'],
    ['Superseded', 'SUPERSEDED'],
    ['IN_PROGRESS', 'IN_PROGRESS'],
    ['NOT_STARTED', 'NOT_STARTED'],
    ['SUPERSEDED', 'SUPERSEDED'],
    ['  not   started ', 'NOT_STARTED'],
  ])('reads the product’s own word %j exactly', (text, status) => {
    expect(proposeStatus(text)).toEqual({ status, exact: true });
  });

  it.each<[string, string]>([
    ['Complete', 'IMPLEMENTED'],
    ['completed', 'IMPLEMENTED'],
    ['Done', 'IMPLEMENTED'],
    ['Achieved', 'IMPLEMENTED'],
    ['Closed', 'IMPLEMENTED'],
    ['Fully implemented', 'IMPLEMENTED'],
    ['Ongoing', 'IN_PROGRESS'],
    ['On-going', 'IN_PROGRESS'],
    ['on going', 'IN_PROGRESS'],
    ['Started', 'IN_PROGRESS'],
    ['Underway', 'IN_PROGRESS'],
    ['Under way', 'IN_PROGRESS'],
    ['On track', 'IN_PROGRESS'],
    ['Partially complete', 'IN_PROGRESS'],
    ['Partially implemented', 'IN_PROGRESS'],
    ['Good progress', 'IN_PROGRESS'],
    ['Limited progress', 'IN_PROGRESS'],
    ['Some progress', 'IN_PROGRESS'],
    ['In hand', 'IN_PROGRESS'],
    ['Paused', 'IN_PROGRESS'],
    ['On hold', 'IN_PROGRESS'],
    ['Deferred', 'IN_PROGRESS'],
    ['Delayed', 'IN_PROGRESS'],
    ['Not yet started', 'NOT_STARTED'],
    ['Open', 'NOT_STARTED'],
    ['Planned', 'NOT_STARTED'],
    ['To do', 'NOT_STARTED'],
    ['Outstanding', 'NOT_STARTED'],
    ['Signed off', 'VERIFIED'],
    ['Signed-off', 'VERIFIED'],
    ['Complete and verified', 'VERIFIED'],
    ['Evidenced', 'VERIFIED'],
    ['Rejected', 'NOT_ACCEPTED'],
    ['Declined', 'NOT_ACCEPTED'],
    ['Replaced', 'SUPERSEDED'],
    ['COMPLETE!', 'IMPLEMENTED'],
    ['Complete - see minutes of 3 May', 'IMPLEMENTED'],
    ['Ongoing: training booked', 'IN_PROGRESS'],
    ['In progress (50%)', 'IN_PROGRESS'],
    ['Implemented – awaiting evidence', 'IMPLEMENTED'],
  ])('proposes a status for %j, not exactly', (text, status) => {
    expect(proposeStatus(text)).toEqual({ status, exact: false });
  });

  it.each(['', 'Blue', 'Amber', 'Complete / Ongoing', 'See attached', 'Training delivered to 80% of staff', '42'])(
    'proposes nothing for %j',
    (text) => {
      expect(proposeStatus(text)).toBeNull();
    },
  );
});

describe('readRag', () => {
  it.each<[CellValue, string | null]>([
    [null, null],
    ['', null],
    ['Red', 'RED'],
    ['RED', 'RED'],
    ['r', 'RED'],
    ['Amber', 'AMBER'],
    ['A', 'AMBER'],
    ['Green', 'GREEN'],
    ['g', 'GREEN'],
    ['Blue', 'GREEN'],
    ['B', 'GREEN'],
    [' green ', 'GREEN'],
    ['Amber/Green', 'AMBER'],
    ['Green/Amber', 'AMBER'],
    ['Amber-Red', 'RED'],
    ['Red / Amber', 'RED'],
    ['A/G', 'AMBER'],
    ['Red to Amber', 'RED'],
    ['Green and Blue', 'GREEN'],
    ['Red (overdue)', 'RED'],
  ])('reads %j', (value, rag) => {
    expect(readRag(value)).toEqual({ ok: true, rag });
  });

  it.each<[CellValue, string]>([
    ['Purple', 'Purple'],
    ['Amber - some progress', 'Amber - some progress'],
    ['Complete', 'Complete'],
    ['-', '-'],
    [3, '3'],
    [{ day: '2013-03-31' }, '31/03/2013'],
  ])('refuses %j', (value, shown) => {
    expect(readRag(value)).toEqual({ ok: false, message: `Cannot read "${shown}" as a RAG rating. Use Red, Amber or Green` });
  });
});

describe('matching agencies', () => {
  const agency = (id: string, name: string, shortName: string): NamedAgency => ({ id, name, shortName });
  const rochdale = agency('rbc', 'Rochdale Borough Council', 'RBC');
  const police = agency('gmp', 'Greater Manchester Police', 'GMP');
  const csc = agency('csc', "Children's Social Care", 'Social Care');
  const services = agency('cs', "Children's Services", 'CS');
  const ccg = agency('ccg', 'Heywood, Middleton & Rochdale Clinical Commissioning Group', 'HMR CCG');
  const pennine = agency('pcft', 'The Pennine Acute Hospitals NHS Trust', 'Pennine Acute');
  const probation = agency('prob', 'National Probation Service', 'NPS');
  const agencies = [rochdale, police, csc, services, ccg, pennine, probation];

  it.each<[string, NamedAgency]>([
    ['Rochdale Borough Council', rochdale],
    ['rochdale borough council', rochdale],
    ['  Rochdale   Borough Council. ', rochdale],
    ['RBC', rochdale],
    ['rbc', rochdale],
    ['GMP', police],
    ['Greater Manchester Police (GMP)', police],
    ["Children's Social Care", csc],
    ['Children’s Social Care', csc], // curly apostrophe
    ['Childrenâ€™s Social Care', csc], // UTF-8 read as Windows-1252
    ['Childrens Social Care', csc],
    ['Children’s Services', services],
    ["children's services", services],
    ['Heywood Middleton and Rochdale Clinical Commissioning Group', ccg],
    ['Heywood, Middleton & Rochdale Clinical Commissioning Group', ccg],
    ['HMR CCG', ccg],
    ['HMRCCG', ccg], // initials with "and" left out
    ['Pennine Acute Hospitals NHS Trust', pennine], // leading "The" ignored
    ['the pennine acute hospitals nhs trust', pennine],
    ['National Probation Service', probation],
    ['NPS', probation],
  ])('matches %j', (text, expected) => {
    expect(matchAgency(text, agencies)).toEqual({ agency: expected });
  });

  it.each<[string, NamedAgency[]]>([
    ['Rochdale Borugh Council', [rochdale]],
    ['Police', [police]],
    ['Manchester Police', [police]],
    ["Children's Social Services", [services, csc]],
    ['Probation', [probation]],
    ['Rochdale', [rochdale]],
    ['Zebra crossing patrol', []],
    ['', []],
    ['-', []],
  ])('suggests for %j', (text, expected) => {
    expect(matchAgency(text, agencies)).toEqual({ suggestions: expected });
  });

  it('suggests at most three, best first', () => {
    const many = ['North', 'South', 'East', 'West'].map((place, i) => agency(String(i), `${place} Council`, `${place[0]}C`));
    const result = matchAgency('Council', many);
    expect('suggestions' in result && result.suggestions).toHaveLength(3);
    expect(matchAgency('Nrth Council', many)).toEqual({ suggestions: [many[0], many[1], many[2]] });
  });

  it('gives several agencies of the same name or initials as suggestions, not a match', () => {
    const a = agency('a', 'Safeguarding Board', 'SB1');
    const b = agency('b', 'Safeguarding Board', 'SB2');
    expect(matchAgency('Safeguarding Board', [a, b])).toEqual({ suggestions: [a, b] });
    const c = agency('c', 'Social Board', 'Social');
    expect(matchAgency('SB', [a, c])).toEqual({ suggestions: [a, c] });
  });
});

describe('matching people', () => {
  const person = (id: string, name: string, email: string): NamedPerson => ({ id, name, email, agencyId: 'x' });
  const jane = person('jane', 'Jane Smith', 'jane.smith@rochdale.gov.uk');
  const sean = person('sean', 'Seán O’Brien', 'sean.obrien@gmp.police.uk');
  const john = person('john', 'John Smyth', 'john.smyth@nhs.net');
  const people = [jane, sean, john];

  it.each<[string, NamedPerson]>([
    ['Jane Smith', jane],
    ['jane smith', jane],
    ['Smith, Jane', jane],
    ['Mrs Jane Smith', jane],
    ['Jane Smith (Head of Service)', jane],
    ['Jane.Smith@Rochdale.gov.uk', jane],
    ["Sean O'Brien", sean],
    ['Seán O’Brien', sean],
    ['DI Sean OBrien', sean],
  ])('matches %j', (text, expected) => {
    expect(matchPerson(text, people)).toEqual({ person: expected });
  });

  it.each<[string, NamedPerson[]]>([
    ['Jane Smyth', [jane, john]],
    ['J Smith', [jane, john]],
    ['nobody@example.org', []],
    ['Head of Service', []],
  ])('suggests for %j', (text, expected) => {
    expect(matchPerson(text, people)).toEqual({ suggestions: expected });
  });

  it('gives two people of the same name as suggestions', () => {
    const other = person('jane2', 'Jane Smith', 'jane.smith@nhs.net');
    expect(matchPerson('Jane Smith', [jane, other])).toEqual({ suggestions: [jane, other] });
    expect(matchPerson('jane.smith@nhs.net', [jane, other])).toEqual({ person: other });
  });
});

describe('cellText', () => {
  it.each<[CellValue, string]>([
    [null, ''],
    ['  text  ', 'text'],
    ['line one\nline two', 'line one\nline two'],
    [12, '12'],
    [3.1, '3.1'],
    [0.1 + 0.2, '0.3'],
    [1.2, '1.2'],
    [-4, '-4'],
    [41274, '41274'],
    [{ day: '2012-12-31' }, '31/12/2012'],
  ])('writes %j as %j', (value, text) => {
    expect(cellText(value)).toBe(text);
  });
});

describe('didYouMean', () => {
  it.each<[string[], string]>([
    [[], ''],
    [['Rochdale Borough Council'], 'Did you mean "Rochdale Borough Council"?'],
    [['A', 'B'], 'Did you mean "A" or "B"?'],
    [['A', 'B', 'C'], 'Did you mean "A", "B" or "C"?'],
  ])('words %j', (names, text) => {
    expect(didYouMean(names.map((name) => ({ name })))).toBe(text);
  });
});

describe('splitAgencies', () => {
  it.each<[string, string[]]>([
    ["Children's Social Care, Police", ["Children's Social Care", 'Police']],
    ['CSC; GMP / Health', ['CSC', 'GMP', 'Health']],
    ['Police\nHealth\r\nEducation', ['Police', 'Health', 'Education']],
    ['Police, , Health,', ['Police', 'Health']],
    ['Police and Health', ['Police and Health']],
    ['Police & Health', ['Police & Health']],
    ['', []],
  ])('splits %j', (text, parts) => {
    expect(splitAgencies(text)).toEqual(parts);
  });
});

describe('normaliseText', () => {
  it.each<[string, string]>([
    ['Children’s Services', 'childrens services'],
    ["Children's  Services!", 'childrens services'],
    ['Health & Care', 'health and care'],
    ['Café', 'cafe'],
    ['  A\u00a0B ', 'a b'],
  ])('normalises %j', (text, expected) => {
    expect(normaliseText(text)).toBe(expected);
  });
});
