// Reading one spreadsheet cell of an existing action plan as the value a
// Followthrough field needs: a due date, a status, a RAG rating, an agency, a
// person, or plain text. Pure (no server-only, no database, no I/O): the
// import preview, a client component, runs the same rules the server applies.
//
// Nothing here decides for the user: a reading that is not exact (a month read
// as its last day, "Complete" proposed as Implemented, "Childrens Services"
// suggested for "Children's Social Care") says so, and the importer shows it
// for confirmation.
import { addDays, formatDay, nextMonth, parseDay, type Day } from '@/lib/days';
import { RAG_LABELS, STATUS_LABELS } from '@/lib/labels';
import { RecommendationStatus, type Rag } from '@/lib/generated/prisma/enums';
import type { CellValue } from './columns';

// ---------------------------------------------------------------------------
// Text normalisation, shared by every matcher here.

/**
 * Repairs the commonest Windows-1252 mojibake (UTF-8 punctuation read as
 * cp1252: "Childrenâ€™s") and turns typographic quotes and dashes into plain
 * ones, so "Children’s Services" and "Children's Services" are the same text.
 */
function plainPunctuation(text: string): string {
  return text
    .replace(/â€™|â€˜/g, "'")
    .replace(/â€œ|â€\u009d|â€\u201d/g, '"')
    .replace(/â€“|â€”/g, '-')
    .replace(/[\u2018\u2019\u201a\u201b\u2032\u00b4`]/g, "'")
    .replace(/[\u201c\u201d\u201e\u201f\u2033]/g, '"')
    .replace(/[\u2010-\u2015\u2212]/g, '-')
    .replace(/\u00a0/g, ' ');
}

/**
 * Text for comparison: lower case, accents and punctuation gone (an
 * apostrophe joins its word: "children's" → "childrens"), '&' read as "and",
 * runs of spaces as one.
 */
export function normaliseText(text: string): string {
  return plainPunctuation(text)
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/'/g, '')
    .replace(/&/g, ' and ')
    .replace(/[^a-z0-9]+/g, ' ')
    .trim();
}

/** A name for comparison: normalised, without a leading "The". */
function normaliseName(text: string): string {
  return normaliseText(text).replace(/^the /, '');
}

/** The text without parenthetical notes: "Police (GMP)" → "Police". */
function withoutNotes(text: string): string {
  return text.replace(/\([^)]*\)|\[[^\]]*\]/g, ' ').replace(/\s+/g, ' ').trim();
}

// ---------------------------------------------------------------------------
// Plain text.

/**
 * A cell as text, for text fields (references, recommendation and action
 * text, progress, evidence). The rule:
 * - empty → '';
 * - text → as written (trimmed; line breaks kept);
 * - a number → without floating-point noise: 12 → '12', 3.1 → '3.1',
 *   0.1 + 0.2 → '0.3' (a reference typed as 1.10 was stored by Excel as 1.1;
 *   that cannot be recovered);
 * - a date-typed cell → the UK day as a spreadsheet shows it, '31/12/2012'
 *   (short, and what the author typed: a reference or a progress note is
 *   better served by it than by "31 December 2012").
 */
export function cellText(value: CellValue): string {
  if (value === null) return '';
  if (typeof value === 'string') return value.trim();
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) return String(value);
    return Number.isInteger(value) ? String(value) : String(Number(value.toPrecision(15)));
  }
  const [y, m, d] = value.day.split('-');
  return `${d}/${m}/${y}`;
}

// ---------------------------------------------------------------------------
// Dates.

export type DateReading = { ok: true; day: string | null; note?: string } | { ok: false; message: string };

/**
 * The rule, as users see it (the import page shows it). Kept in step with
 * `readPlanDate` by its tests.
 */
export const DATE_RULE_TEXT =
  'Dates are read day first, as in the UK: 31/12/2013, 31/12/13, 31.12.13, 31-12-2013, 2013-12-31, ' +
  '31 December 2013, 31st Dec 2013 and Dec 31, 2013 are all 31 December 2013, and cells formatted as dates in ' +
  'Excel are read as the day they show. A two-digit year from 00 to 69 is 2000 to 2069, and from 70 to 99 is ' +
  '1970 to 1999. A due date that is longer than a day is read as its last day, and flagged for you to check: ' +
  'a month (December 2013, Dec-13 or 12/2013) becomes the last day of the month; a quarter becomes the last ' +
  'day of the quarter, a calendar quarter unless it is written with a financial year (Q3 2013 is 30 September ' +
  '2013, but Q1 2013/14 is April to June 2013, so 30 June 2013); a year (2013) becomes 31 December; and a ' +
  'financial year (2013/14 or 2013-14) becomes 31 March at its end (31 March 2014). Words such as ongoing, ' +
  'complete, TBC, n/a, immediately or ASAP, or a dash, are not dates: the action is imported without a due ' +
  'date and flagged. A day that does not exist, such as 31/02/2013, is refused, as is anything else that ' +
  'cannot be read as a date.';

/** Excel's largest serial date, 31 December 9999. */
const LAST_EXCEL_SERIAL = 2_958_465;
/** Excel's fictitious 29 February 1900 (Lotus 1-2-3's leap-year bug, kept for compatibility). */
const EXCEL_FICTITIOUS_LEAP_DAY = 60;

/** Words that stand where a due date would be but are not dates: imported with no due date, flagged. */
const NOT_A_DATE_WORDS = new Set([
  'ongoing',
  'on going',
  'continuous',
  'continuing',
  'complete',
  'completed',
  'done',
  'closed',
  'achieved',
  'in place',
  'tbc',
  'tbd',
  'tba',
  'to be confirmed',
  'to be agreed',
  'to be decided',
  'na',
  'n a',
  'not applicable',
  'none',
  'immediate',
  'immediately',
  'asap',
  'as soon as possible',
  'various',
  'quarterly',
  'monthly',
  'annually',
  'annual',
]);

const MONTH_NAMES: Record<string, number> = {
  jan: 1, january: 1, feb: 2, february: 2, mar: 3, march: 3, apr: 4, april: 4, may: 5, jun: 6, june: 6,
  jul: 7, july: 7, aug: 8, august: 8, sep: 9, sept: 9, september: 9, oct: 10, october: 10, nov: 11,
  november: 11, dec: 12, december: 12,
};
const MONTH = '(jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sept?(?:ember)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\\.?';
const ORDINAL = '(?:st|nd|rd|th)?';
const TIME = "(?:[ t]\\d{1,2}:\\d{2}(?::\\d{2}(?:\\.\\d+)?)?(?:z|[+-]\\d{2}:?\\d{2})?)?";

const pad = (n: number, width = 2) => String(n).padStart(width, '0');

/** A two-digit year's century: 00–69 → 2000s, 70–99 → 1900s. */
function fullYear(year: string): number {
  const n = Number(year);
  if (year.length !== 2) return n;
  return n < 70 ? 2000 + n : 1900 + n;
}

/** The last day of a month. */
function lastDayOfMonth(year: number, month: number): Day {
  return addDays(`${nextMonth(`${pad(year, 4)}-${pad(month)}`)}-01`, -1);
}

/**
 * The reading of a day given by its parts, checked by the product's one day
 * validator (`parseDay`): a day that does not exist is refused, and so is a
 * year the product's date fields would refuse.
 */
function dayReading(year: number, month: number, date: number, shown: string, note?: (day: Day) => string): DateReading {
  const day = `${pad(year, 4)}-${pad(month)}-${pad(date)}`;
  if (month >= 1 && month <= 12 && date >= 1 && date <= 31 && parseDay(day)) {
    return note ? { ok: true, day, note: note(day) } : { ok: true, day };
  }
  if (month >= 1 && month <= 12 && parseDay(`${pad(year, 4)}-01-01`) === null) {
    return { ok: false, message: `"${shown}" is too far in the past or the future to be a due date` };
  }
  if (month > 12 && date <= 12) {
    return { ok: false, message: `"${shown}" is not a real day. Dates are read day first, as in 31/12/2013` };
  }
  return { ok: false, message: `"${shown}" is not a real day` };
}

/** The reading of a period (month, quarter, year) as its last day, with a note saying so. */
function periodReading(year: number, month: number, shown: string, what: string): DateReading {
  if (parseDay(`${pad(year, 4)}-01-01`) === null) {
    return { ok: false, message: `"${shown}" is too far in the past or the future to be a due date` };
  }
  const last = lastDayOfMonth(year, month);
  const [y, m, d] = last.split('-').map(Number) as [number, number, number];
  return dayReading(y, m, d, shown, (day) => `"${shown}" is ${what}: read as its last day, ${formatDay(day)}`);
}

const cannotRead = (shown: string): DateReading => ({
  ok: false,
  message: `Cannot read "${shown}" as a date. Use a day such as 31/12/2013`,
});

/** The first year of a financial year written "2013/14", "2013-14" or "2013/2014", or null if the two years do not follow. */
function financialYearStart(first: string, second: string): number | null {
  const start = fullYear(first);
  const end = Number(second);
  if (second.length === 2 ? end === (start + 1) % 100 : end === start + 1) return start;
  return null;
}

/** The last month of a financial quarter (April–June is Q1) and its calendar year. */
function financialQuarterEnd(startYear: number, quarter: number): [number, number] {
  return quarter === 4 ? [startYear + 1, 3] : [startYear, quarter * 3 + 3];
}

/**
 * Reads a plan's date cell as a due date. The rule (the one `DATE_RULE_TEXT`
 * explains to users):
 * - empty → no date;
 * - a date-typed cell → its day;
 * - a number from 1 to 2958465 → an Excel serial date (1900 date system;
 *   a fraction, the time of day, is ignored): 1 is 1 January 1900, 59 is
 *   28 February 1900, 60 is Excel's fictitious 29 February 1900 (refused as
 *   not a real day), 61 is 1 March 1900, 41274 is 31 December 2012. Except a
 *   whole number that is a year the product accepts (2013): a year typed into
 *   a cell Excel stores as a number, and serial 2013 (5 July 1905) is no
 *   plan's due date, so it is read as the year, as the text "2013" is;
 * - a day, day first (UK order, never US): 31/12/2012, 31/12/12, 31.12.12,
 *   31-12-2012, 2012-12-31 (a time after it is ignored), 31 December 2012,
 *   31st Dec 2012, 31-Dec-12, Monday 31 December 2012, Dec 31, 2012. A
 *   two-digit year 00–69 is 20xx, 70–99 is 19xx;
 * - a month: December 2012, Dec 2012, Dec-12, 12/2012 → its last day (noted);
 *   a two-digit year after a month's name only after a dash, slash, dot or
 *   apostrophe, as Excel shows "mmm-yy" ("Dec 12" may be a day: refused);
 * - a quarter: Q3 2013 is a calendar quarter → 30 September 2013; written
 *   with a financial year, Q1 2013/14 (April–June 2013) → 30 June 2013 and
 *   Q4 2013/14 → 31 March 2014 (noted);
 * - a year: 2013 → 31 December 2013 (noted);
 * - a financial year: 2013/14, 2013-14, 2013/2014, FY 13/14 → 31 March 2014
 *   (noted);
 * - "by" or "end of" before any of these is ignored ("by end of March 2013");
 * - words that are not dates (ongoing, complete, TBC, n/a, immediately, ASAP,
 *   a dash…) → no date, with a note: 'No date: "ongoing" is not a date';
 * - a day that does not exist (31/02/2013) → '"31/02/2013" is not a real day';
 * - anything else → 'Cannot read "…" as a date. Use a day such as 31/12/2013'.
 */
export function readPlanDate(value: CellValue): DateReading {
  if (value === null) return { ok: true, day: null };
  if (typeof value === 'object') {
    const day = parseDay(value.day);
    if (day) return { ok: true, day };
    const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value.day);
    if (!match) return cannotRead(value.day);
    return dayReading(Number(match[1]), Number(match[2]), Number(match[3]), cellText(value));
  }
  if (typeof value === 'number') return readSerial(value);
  const shown = value.trim().replace(/\s+/g, ' ');
  if (shown === '') return { ok: true, day: null };
  return readDateText(shown);
}

function readSerial(serial: number): DateReading {
  const shown = cellText(serial);
  if (!Number.isFinite(serial) || serial < 1 || serial >= LAST_EXCEL_SERIAL + 1) return cannotRead(shown);
  const whole = Math.floor(serial);
  if (whole === serial && parseDay(`${pad(whole, 4)}-12-31`)) {
    return periodReading(whole, 12, shown, 'a year');
  }
  if (whole === EXCEL_FICTITIOUS_LEAP_DAY) {
    return { ok: false, message: `"${shown}" is 29 February 1900 in Excel, which is not a real day` };
  }
  // Serials before the fictitious day count from 31 December 1899; after it, one day less.
  const day = whole < EXCEL_FICTITIOUS_LEAP_DAY ? addDays('1899-12-31', whole) : addDays('1899-12-30', whole);
  if (parseDay(day)) return { ok: true, day };
  return { ok: false, message: `"${shown}" is too far in the past or the future to be a due date` };
}

function readDateText(shown: string): DateReading {
  const words = normaliseText(shown);
  if (words === '' || NOT_A_DATE_WORDS.has(words)) {
    return { ok: true, day: null, note: `No date: "${shown}" is not a date` };
  }

  const text = plainPunctuation(shown)
    .toLowerCase()
    .replace(/^(?:by|due|before end of|before the end of)\s+/, '')
    .replace(/^(?:the\s+)?end\s+(?:of\s+)?/, '')
    .replace(/^(?:mon|tue|tues|wed|thu|thur|thurs|fri|sat|sun)[a-z]*\.?,?\s+/, '')
    .trim();
  let m: RegExpExecArray | null;

  // Days in numbers.
  if ((m = new RegExp(`^(\\d{4})-(\\d{1,2})-(\\d{1,2})${TIME}$`).exec(text))) {
    return dayReading(Number(m[1]), Number(m[2]), Number(m[3]), shown);
  }
  if ((m = new RegExp(`^(\\d{1,2})([/.\\-])(\\d{1,2})\\2(\\d{4}|\\d{2})${TIME}$`).exec(text))) {
    return dayReading(fullYear(m[4]!), Number(m[3]), Number(m[1]), shown);
  }
  // Days in words.
  if ((m = new RegExp(`^(\\d{1,2})${ORDINAL}[\\s\\-/.]*(?:of\\s+)?${MONTH}[\\s\\-/.,]*(\\d{4}|\\d{2})$`).exec(text))) {
    const month = MONTH_NAMES[m[2]!];
    return month ? dayReading(fullYear(m[3]!), month, Number(m[1]), shown) : cannotRead(shown);
  }
  if ((m = new RegExp(`^${MONTH}\\s*(\\d{1,2})${ORDINAL},?\\s+(\\d{4})$`).exec(text))) {
    const month = MONTH_NAMES[m[1]!];
    return month ? dayReading(Number(m[3]), month, Number(m[2]), shown) : cannotRead(shown);
  }
  // Months.
  // A month and a two-digit year only as Excel writes it ("Dec-12"): "Dec 12" could be a day with no year.
  if ((m = new RegExp(`^${MONTH}(?:[\\s\\-/.,']*(\\d{4})|\\s*[\\-/.']\\s*(\\d{2}))$`).exec(text))) {
    const month = MONTH_NAMES[m[1]!];
    return month ? periodReading(fullYear(m[2] ?? m[3]!), month, shown, 'a month') : cannotRead(shown);
  }
  if ((m = /^(\d{1,2})[/.\-](\d{4})$/.exec(text))) {
    const month = Number(m[1]);
    if (month < 1 || month > 12) return cannotRead(shown);
    return periodReading(Number(m[2]), month, shown, 'a month');
  }
  // Quarters: of a financial year when written with one, otherwise of the calendar year.
  const quarterText = text.replace(/\bquarter\s*/g, 'q').replace(/\b(?:fy|financial year)\s*/g, '');
  if ((m = /^q([1-4])[\s,\-]*(\d{4}|\d{2})\s*[/\-]\s*(\d{4}|\d{2})$/.exec(quarterText))
    ?? (m = /^(\d{4}|\d{2})\s*[/\-]\s*(\d{4}|\d{2})[\s,\-]*q([1-4])$/.exec(quarterText))) {
    const [quarter, first, second] = m[0].startsWith('q') ? [m[1]!, m[2]!, m[3]!] : [m[3]!, m[1]!, m[2]!];
    const start = financialYearStart(first, second);
    if (start === null) return cannotRead(shown);
    const [year, month] = financialQuarterEnd(start, Number(quarter));
    return periodReading(year, month, shown, `a quarter of the financial year ${start}/${pad((start + 1) % 100)}`);
  }
  if ((m = /^q([1-4])[\s,\-]*(\d{4})$/.exec(quarterText)) ?? (m = /^(\d{4})[\s,\-]*q([1-4])$/.exec(quarterText))) {
    const [quarter, year] = m[0].startsWith('q') ? [m[1]!, m[2]!] : [m[2]!, m[1]!];
    return periodReading(Number(year), Number(quarter) * 3, shown, 'a calendar quarter');
  }
  // Financial years; a bare "13/14" only with "FY" before it (it could be anything).
  if ((m = /^(?:(?:fy|financial year)\s*)?(\d{4})\s*[/\-]\s*(\d{4}|\d{2})$/.exec(text))
    ?? (m = /^(?:fy|financial year)\s*(\d{2})\s*[/\-]\s*(\d{2})$/.exec(text))) {
    const start = financialYearStart(m[1]!, m[2]!);
    if (start === null) return cannotRead(shown);
    return periodReading(start + 1, 3, shown, 'a financial year');
  }
  // Years.
  if ((m = /^(\d{4})$/.exec(text))) return periodReading(Number(m[1]), 12, shown, 'a year');

  return cannotRead(shown);
}

// ---------------------------------------------------------------------------
// Statuses.

/** The product's own words for a status, and the enum's names: an exact reading. */
const EXACT_STATUSES = new Map<string, RecommendationStatus>(
  Object.values(RecommendationStatus).flatMap((status) => [
    [normaliseText(STATUS_LABELS[status]), status],
    [normaliseText(status), status],
  ]),
);

/**
 * Words plans use for where a recommendation stands, and the status each
 * proposes. "Paused", "on hold", "deferred" and "delayed" propose In progress:
 * the workflow has no paused status, and the work has begun but not finished;
 * the user confirms or chooses another.
 */
const STATUS_WORDS: [RecommendationStatus, string[]][] = [
  [
    'VERIFIED',
    ['verified', 'signed off', 'complete and verified', 'completed and verified', 'evidenced', 'complete and evidenced', 'completed and evidenced', 'implemented and verified', 'assured'],
  ],
  [
    'IMPLEMENTED',
    ['complete', 'completed', 'done', 'achieved', 'fully achieved', 'implemented', 'fully implemented', 'closed', 'met', 'fully met', 'finished', 'in place'],
  ],
  [
    'IN_PROGRESS',
    [
      'ongoing', 'on going', 'in progress', 'started', 'underway', 'under way', 'on track', 'on target',
      'partially complete', 'partially completed', 'partly complete', 'partly completed', 'partially implemented',
      'partly implemented', 'partially achieved', 'partially met', 'part complete', 'good progress', 'limited progress',
      'some progress', 'reasonable progress', 'significant progress', 'progressing', 'in hand', 'in train', 'wip',
      'paused', 'on hold', 'deferred', 'delayed', 'behind schedule', 'slipped',
    ],
  ],
  [
    'NOT_STARTED',
    ['not started', 'not yet started', 'yet to start', 'not commenced', 'not yet commenced', 'no progress', 'open', 'planned', 'to do', 'todo', 'outstanding', 'new'],
  ],
  ['NOT_ACCEPTED', ['not accepted', 'rejected', 'declined', 'not agreed']],
  ['SUPERSEDED', ['superseded', 'replaced', 'overtaken by events', 'no longer required', 'no longer relevant']],
];

const PROPOSED_STATUSES = new Map<string, RecommendationStatus>(
  STATUS_WORDS.flatMap(([status, words]) => words.map((word): [string, RecommendationStatus] => [normaliseText(word), status])),
);

function statusOf(text: string): { status: RecommendationStatus; exact: boolean } | null {
  const words = normaliseText(text);
  const exact = EXACT_STATUSES.get(words);
  if (exact) return { status: exact, exact: true };
  const proposed = PROPOSED_STATUSES.get(words);
  return proposed ? { status: proposed, exact: false } : null;
}

/**
 * The status a plan's status cell proposes. Exact when the cell holds the
 * product's own word for a status ("In progress", case, punctuation and
 * spacing aside) or the enum's name ("IN_PROGRESS"); otherwise a proposal from
 * the words plans use (see `STATUS_WORDS`), for the user to confirm. A cell
 * that starts with such words and goes on after a dash, colon, semicolon,
 * comma, full stop or bracket ("Complete - see minutes of 3 May",
 * "Ongoing: training booked") proposes the same, never exactly. Unknown → null.
 */
export function proposeStatus(text: string): { status: RecommendationStatus; exact: boolean } | null {
  const whole = statusOf(text);
  if (whole) return whole;
  const head = /^([^\-:;,.(\[]+)[\-:;,.(\[]/.exec(plainPunctuation(text).trim());
  const leading = head ? statusOf(head[1]!) : null;
  return leading ? { status: leading.status, exact: false } : null;
}

// ---------------------------------------------------------------------------
// RAG ratings.

const RAG_WORDS: Record<string, Rag> = {
  red: 'RED', r: 'RED',
  amber: 'AMBER', a: 'AMBER', yellow: 'AMBER', orange: 'AMBER',
  green: 'GREEN', g: 'GREEN',
  // BRAG plans use blue for "complete": the product rates an implemented recommendation green.
  blue: 'GREEN', b: 'GREEN',
};
const RAG_SEVERITY: Record<Rag, number> = { GREEN: 0, AMBER: 1, RED: 2 };

/**
 * A plan's RAG cell as the product's rating. The rule: Red/R, Amber/A and
 * Green/G, any case; Blue/B (BRAG plans' "complete") is Green, since the
 * product rates an implemented recommendation green; a note in brackets is
 * ignored ("Red (overdue)"); two ratings together ("Amber/Green", "Amber-Red",
 * "Red to Amber") give the worse of them, so nothing is imported looking
 * better than its plan said; empty → no rating; anything else is refused.
 */
export function readRag(value: CellValue): { ok: true; rag: Rag | null } | { ok: false; message: string } {
  const shown = cellText(value);
  if (shown === '') return { ok: true, rag: null };
  const refused = {
    ok: false as const,
    message: `Cannot read "${shown}" as a RAG rating. Use ${RAG_LABELS.RED}, ${RAG_LABELS.AMBER} or ${RAG_LABELS.GREEN}`,
  };
  if (typeof value !== 'string') return refused;
  const words = normaliseText(withoutNotes(value)).split(' ').filter((word) => word !== '' && word !== 'and' && word !== 'to');
  if (words.length === 0) return refused;
  let worst: Rag | null = null;
  for (const word of words) {
    const rag = RAG_WORDS[word];
    if (!rag) return refused;
    if (worst === null || RAG_SEVERITY[rag] > RAG_SEVERITY[worst]) worst = rag;
  }
  return { ok: true, rag: worst };
}

// ---------------------------------------------------------------------------
// Agencies and people.

export type NamedAgency = { id: string; name: string; shortName: string };
export type NamedPerson = { id: string; name: string; email: string; agencyId: string };

/** Words left out of an agency's initials and of word overlap. */
const MINOR_WORDS = new Set(['and', 'of', 'the', 'for', 'in', 'on', 'at', 'to']);

/** The edit distance between two strings (Levenshtein). */
function editDistance(a: string, b: string): number {
  if (a === b) return 0;
  let previous = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      current[j] = Math.min(previous[j]! + 1, current[j - 1]! + 1, previous[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
    }
    previous = current;
  }
  return previous[b.length]!;
}

/** How alike two normalised texts are, 0 to 1: the better of spelling (edit distance) and shared words. */
function similarity(a: string, b: string): number {
  if (a === '' || b === '') return 0;
  const spelling = 1 - editDistance(a, b) / Math.max(a.length, b.length);
  const wordsOf = (text: string) => new Set(text.split(' ').filter((word) => !MINOR_WORDS.has(word)));
  const wordsA = wordsOf(a);
  const wordsB = wordsOf(b);
  const shared = [...wordsA].filter((word) => wordsB.has(word)).length;
  const overlap = wordsA.size + wordsB.size === 0 ? 0 : (2 * shared) / (wordsA.size + wordsB.size);
  return Math.max(spelling, overlap);
}

/** How alike a text must be to a name to be suggested. */
const SUGGESTION_THRESHOLD = 0.5;
const MAX_SUGGESTIONS = 3;

function suggest<T>(text: string, candidates: readonly T[], namesOf: (candidate: T) => string[], label: (candidate: T) => string): T[] {
  return candidates
    .map((candidate) => ({ candidate, score: Math.max(...namesOf(candidate).map((name) => similarity(text, name))) }))
    .filter(({ score }) => score >= SUGGESTION_THRESHOLD)
    .sort((a, b) => b.score - a.score || label(a.candidate).localeCompare(label(b.candidate)))
    .slice(0, MAX_SUGGESTIONS)
    .map(({ candidate }) => candidate);
}

/** An agency's initials, with and without its minor words: "Rochdale Borough Council" → "rbc". */
function initialsOf(name: string): string[] {
  const words = normaliseName(name).split(' ').filter(Boolean);
  return [
    words.map((word) => word[0]).join(''),
    words.filter((word) => !MINOR_WORDS.has(word)).map((word) => word[0]).join(''),
  ];
}

/** The one candidate, or (several, as suggestions), or none. */
function onlyOne<T, K extends string>(found: T[], key: K): { [P in K]: T } | { suggestions: T[] } | null {
  if (found.length === 1) return { [key]: found[0]! } as { [P in K]: T };
  if (found.length > 1) return { suggestions: found.slice(0, MAX_SUGGESTIONS) };
  return null;
}

/**
 * The agency a plan's cell names. In order: the same name or short name
 * (ignoring case, punctuation, accents, '&' for "and", a leading "The" and
 * typographic apostrophes); then initials ("RBC" for Rochdale Borough
 * Council, with or without minor words such as "and", "of"); then the same
 * again without a note in brackets ("Police (GMP)"). Several agencies
 * matching equally come back as suggestions. Otherwise up to 3 suggestions,
 * best first, by the better of spelling (edit distance) and shared words, only
 * when at least half alike; none when nothing is close.
 */
export function matchAgency(text: string, agencies: readonly NamedAgency[]): { agency: NamedAgency } | { suggestions: NamedAgency[] } {
  const attempts = [text, withoutNotes(text)];
  for (const attempt of attempts) {
    const wanted = normaliseName(attempt);
    if (wanted === '') continue;
    const same = onlyOne(
      agencies.filter((agency) => normaliseName(agency.name) === wanted || normaliseName(agency.shortName) === wanted),
      'agency',
    );
    if (same) return same;
    const compact = wanted.replace(/ /g, '');
    if (!wanted.includes(' ') && compact.length >= 2) {
      const byInitials = onlyOne(
        agencies.filter((agency) => initialsOf(agency.name).includes(compact)),
        'agency',
      );
      if (byInitials) return byInitials;
    }
  }
  const wanted = normaliseName(text);
  return {
    suggestions: suggest(wanted, agencies, (agency) => [normaliseName(agency.name), normaliseName(agency.shortName)], (agency) => agency.name),
  };
}

/** A person's name for comparison, without a title ("Dr", "Mrs"). */
function normalisePersonName(text: string): string {
  return normaliseText(text).replace(/^(?:mr|mrs|ms|miss|mx|dr|prof|professor|cllr|councillor|dci|di|ds|supt) /, '');
}

const sortedWords = (text: string) => text.split(' ').sort().join(' ');

/**
 * The person a plan's cell names: by email (ignoring case) or by name, with
 * the agencies' normalisation, a title ("Dr", "Mrs") left out and the words in
 * any order ("Smith, Jane" is Jane Smith); then the same again without a note
 * in brackets ("Jane Smith (Head of Service)"). Several people of that name
 * come back as suggestions. Otherwise up to 3 suggestions, as for agencies.
 */
export function matchPerson(text: string, people: readonly NamedPerson[]): { person: NamedPerson } | { suggestions: NamedPerson[] } {
  const attempts = [text, withoutNotes(text)];
  for (const attempt of attempts) {
    const email = plainPunctuation(attempt).trim().toLowerCase();
    if (email.includes('@')) {
      const byEmail = onlyOne(people.filter((person) => person.email.trim().toLowerCase() === email), 'person');
      if (byEmail) return byEmail;
    }
    const wanted = normalisePersonName(attempt);
    if (wanted === '') continue;
    const byName = onlyOne(
      people.filter((person) => sortedWords(normalisePersonName(person.name)) === sortedWords(wanted)),
      'person',
    );
    if (byName) return byName;
  }
  const wanted = normalisePersonName(text);
  return {
    suggestions: suggest(wanted, people, (person) => [normalisePersonName(person.name), normaliseText(person.email)], (person) => person.name),
  };
}

/** 'Did you mean "A"?', 'Did you mean "A" or "B"?', 'Did you mean "A", "B" or "C"?'; '' for none. */
export function didYouMean(suggestions: readonly { name: string }[]): string {
  const names = suggestions.map(({ name }) => `"${name}"`);
  if (names.length === 0) return '';
  if (names.length === 1) return `Did you mean ${names[0]}?`;
  return `Did you mean ${names.slice(0, -1).join(', ')} or ${names.at(-1)}?`;
}

/**
 * The parts of a cell naming several agencies ("Children's Social Care,
 * Police"), split on commas, semicolons, slashes and line breaks; never on
 * "and" or "&", which agencies' own names contain. The importer turns an
 * action owned by several agencies into one action each (the product gives an
 * action one owner agency). Since a name may itself hold a comma ("Heywood,
 * Middleton and Rochdale CCG"), the importer matches the whole cell first and
 * splits it only when that finds no agency.
 */
export function splitAgencies(text: string): string[] {
  return text
    .split(/[,;/\n\r]+/)
    .map((part) => part.trim())
    .filter((part) => part !== '');
}
