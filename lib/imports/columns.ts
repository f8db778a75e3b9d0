// Which column of an existing action plan holds which Followthrough field.
// Plans come in many layouts, for example:
//   No. | Recommendation | Responsibility | Date | Progress presented to committee | Assessment of progress
//   Reference | Recommendation | Lead officer | Action taken | Status (Complete / Ongoing / Paused) | RAG
//   Objective | Actions required | Expected outcome | When | Lead | Progress at date
// This module finds the header row and proposes a field for each heading; the
// user confirms, changes or ignores each proposal. Pure (no server-only, no
// database, no I/O): the import preview, a client component, uses it too.
import { cellText, normaliseText } from './cell-values';

/** One cell as the spreadsheet reader gives it: trimmed text, a number, a date-typed cell's day, or empty. */
export type CellValue = string | number | { day: string } | null;
/** One row of a sheet: its 1-based row number in the sheet, and its cells from column A. */
export type SheetRow = { number: number; cells: CellValue[] };

export const IMPORT_FIELDS = [
  'reference',
  'finding',
  'recommendation',
  'actionReference',
  'action',
  'agency',
  'leadOfficer',
  'dueDate',
  'status',
  'rag',
  'progress',
  'evidence',
] as const;
export type ImportField = (typeof IMPORT_FIELDS)[number];

export const IMPORT_FIELD_LABELS: Record<ImportField, string> = {
  reference: 'Reference',
  finding: 'Finding',
  recommendation: 'Recommendation',
  actionReference: 'Action reference',
  action: 'Action',
  agency: 'Agency',
  leadOfficer: 'Lead officer',
  dueDate: 'Due date',
  status: 'Status',
  rag: 'RAG',
  progress: 'Progress update',
  evidence: 'Evidence',
};

/**
 * Headings recognised as they are (after normalisation). Decisions:
 * - "Action taken" is progress, not action: it says what was done, and in
 *   "Reference | Recommendation | Lead officer | Action taken | Status | RAG"
 *   it is the only column saying so.
 * - "Lead" alone is the agency: in "Objective | … | When | Lead | Progress"
 *   it is the only owner column, and an action must have an owner agency
 *   (the importer can still match a person's name through the lead officer
 *   if the user maps it so). "Lead officer", "Responsible officer",
 *   "Officer" are the lead officer.
 * - "Assessment of progress" is the status: it holds "Complete", "Good
 *   progress", "Limited progress", which `proposeStatus` reads.
 * - "Expected outcome", "Outcome", "Success measure", "Impact" are not
 *   recognised: the product has no such field; the user maps or ignores them.
 */
const HEADINGS: [ImportField, string[]][] = [
  [
    'reference',
    [
      'no', 'number', 'num', 'ref', 'ref no', 'reference', 'reference no', 'reference number', 'rec', 'rec no',
      'rec ref', 'rec number', 'recommendation no', 'recommendation number', 'recommendation ref',
      'recommendation reference', 'recommendation id', 'item', 'item no', 'id', 'para', 'paragraph', 'paragraph no',
    ],
  ],
  ['actionReference', ['action ref', 'action no', 'action number', 'action reference', 'action id']],
  [
    'finding',
    [
      'finding', 'findings', 'key finding', 'key findings', 'issue', 'issues', 'issue identified', 'issues identified',
      'learning point', 'learning points', 'key learning', 'lesson', 'lessons', 'lessons learned', 'lessons learnt',
    ],
  ],
  ['recommendation', ['recommendation', 'recommendations', 'objective', 'objectives', 'recommendation text', 'recommendation made']],
  [
    'action',
    [
      'action', 'actions', 'action required', 'actions required', 'action to be taken', 'actions to be taken',
      'action planned', 'actions planned', 'planned action', 'planned actions', 'proposed action', 'proposed actions',
      'agreed action', 'agreed actions', 'specific action', 'specific actions', 'smart action', 'smart actions', 'task',
      'tasks',
    ],
  ],
  [
    'agency',
    [
      'responsibility', 'responsible', 'owner', 'owners', 'agency', 'agencies', 'lead agency', 'responsible agency',
      'lead', 'organisation', 'organization', 'lead organisation', 'partner', 'partner agency', 'accountable agency',
      'owner agency', 'action owner', 'who', 'lead responsibility', 'responsible body', 'service', 'lead service',
    ],
  ],
  [
    'leadOfficer',
    [
      'lead officer', 'responsible officer', 'officer', 'lead person', 'named lead', 'named officer', 'responsible person',
      'person responsible', 'lead manager', 'contact', 'lead officer name', 'lead professional',
    ],
  ],
  [
    'dueDate',
    [
      'date', 'when', 'by when', 'timescale', 'timescales', 'time scale', 'time scales', 'timeframe', 'time frame',
      'target date', 'due date', 'date due', 'deadline', 'completion date', 'target completion date', 'target',
      'date for completion', 'expected completion date', 'target timescale',
    ],
  ],
  [
    'status',
    [
      'status', 'current status', 'overall status', 'completion status', 'status of action', 'action status',
      'assessment of progress', 'progress assessment', 'assessment', 'state',
    ],
  ],
  ['rag', ['rag', 'r a g', 'b r a g', 'rag rating', 'rag status', 'rag rated', 'red amber green', 'brag', 'brag rating', 'brag status', 'rating']],
  [
    'progress',
    [
      'progress', 'update', 'updates', 'progress update', 'progress updates', 'progress presented to committee',
      'comments', 'comment', 'progress to date', 'progress comments', 'latest update', 'current position', 'position',
      'progress made', 'update on progress', 'action taken', 'actions taken', 'notes', 'commentary',
    ],
  ],
  ['evidence', ['evidence', 'evidence of implementation', 'evidence of impact', 'evidence of completion', 'supporting evidence', 'evidence required']],
];

const EXACT_HEADINGS = new Map<string, ImportField>(
  HEADINGS.flatMap(([field, headings]) => headings.map((heading): [string, ImportField] => [heading, field])),
);

/** Words that make a heading about something the product does not hold, unless recognised as a whole first. */
const NOT_A_FIELD = ['outcome', 'outcomes', 'impact', 'measure', 'measures', 'success'];

/**
 * Headings recognised by their words, when not recognised as a whole; the
 * first rule that holds wins ("RAG status" is the RAG, not the status;
 * "Action ref" is an action reference, not an action).
 */
const HEADING_WORDS: [ImportField, (words: string[]) => boolean][] = [
  ['rag', (w) => w.includes('rag') || w.includes('brag')],
  ['evidence', (w) => w.includes('evidence')],
  ['leadOfficer', (w) => w.includes('officer') || w.includes('person')],
  ['agency', (w) => w.some((word) => /^(agenc|organi[sz]ation|responsib|owner)/.test(word))],
  ['status', (w) => w.includes('status') || w.includes('assessment')],
  ['dueDate', (w) => w.some((word) => /^(date|dates|timescales?|deadline|when)$/.test(word))],
  ['actionReference', (w) => w.some((word) => /^actions?$/.test(word)) && w.some((word) => /^(ref|reference|no|number|id)$/.test(word))],
  ['reference', (w) => w.some((word) => /^(rec|recs|recommendations?)$/.test(word)) && w.some((word) => /^(ref|reference|no|number|id)$/.test(word))],
  ['progress', (w) => w.some((word) => /^(progress|updates?|comments?)$/.test(word)) || w.join(' ').includes('action taken') || w.join(' ').includes('actions taken')],
  ['action', (w) => w.some((word) => /^actions?$/.test(word))],
  ['recommendation', (w) => w.some((word) => /^(recommendations?|objectives?)$/.test(word))],
  ['finding', (w) => w.some((word) => /^findings?$/.test(word))],
  ['reference', (w) => w.some((word) => /^(ref|reference)$/.test(word))],
];

/** The most words a heading recognised by its words may have. */
const MAX_HEADING_WORDS = 6;

const MONTH_WORDS = /^(jan|january|feb|february|mar|march|apr|april|may|jun|june|jul|july|aug|august|sep|sept|september|oct|october|nov|november|dec|december)$/;

/**
 * A heading as compared: normalised (case, punctuation, whitespace), without
 * notes in brackets ("Status (Complete / Ongoing / Paused)"), '#' read as
 * "no", and without a trailing "as at" date ("Progress at 31/03/2013",
 * "Progress at date", "Update as of March 2014") or "to date" ("Actions
 * taken to date").
 */
function headingWords(header: string): string {
  const words = normaliseText(header.replace(/\([^)]*\)|\[[^\]]*\]/g, ' ').replace(/#/g, ' no '))
    .split(' ')
    .filter((word) => word !== '' && !/^\d+(st|nd|rd|th)?$/.test(word) && !MONTH_WORDS.test(word))
    .join(' ');
  return words.replace(/ (as )?(at|of|on)( date)?$/, '').replace(/ (to date|so far)$/, '');
}

/**
 * The field a column heading proposes, or null. Case-, punctuation- and
 * whitespace-insensitive; notes in brackets and an "as at" date are ignored.
 * Known headings first (see `HEADINGS`), then the words a heading of at most
 * six words contains (see `HEADING_WORDS`); a heading about outcomes, impact
 * or measures is not recognised. "Rec" alone is the reference (a narrow
 * "Rec" column holds the recommendation's number).
 */
export function recogniseColumn(header: string): ImportField | null {
  const words = headingWords(header);
  if (words === '') return null;
  const exact = EXACT_HEADINGS.get(words);
  if (exact) return exact;
  const list = words.split(' ');
  // Headings are short: a longer text (a recommendation in a data row) is never recognised by its words.
  if (list.length > MAX_HEADING_WORDS) return null;
  if (list.some((word) => NOT_A_FIELD.includes(word)) && !list.includes('evidence')) return null;
  return HEADING_WORDS.find(([, holds]) => holds(list))?.[0] ?? null;
}

/** A row's cells as heading texts ('' for an empty cell; line breaks and runs of spaces as one space). */
export function headerTexts(row: SheetRow): string[] {
  return row.cells.map((cell) => cellText(cell).replace(/\s+/g, ' '));
}

/** A row's proposed fields, a field kept only by the first column proposing it. */
function mappingOf(row: SheetRow): (ImportField | null)[] {
  const taken = new Set<ImportField>();
  return row.cells.map((cell) => {
    if (typeof cell !== 'string') return null;
    const field = recogniseColumn(cell);
    if (!field || taken.has(field)) return null;
    taken.add(field);
    return field;
  });
}

/**
 * The header row among the first `scanRows` rows, and the field each of its
 * columns proposes (two columns proposing the same field: the first keeps it,
 * the later one is null). A row can be the header when at least two of its
 * cells are recognised and one of them is the recommendation or the action.
 *
 * Decision: of the rows that can be, the one with most recognised cells wins,
 * the earliest on a tie, rather than simply the first. A plan often has a
 * banner row of merged headings above the real header ("Recommendations |
 * Actions", spanning the columns below): taking the first would take the
 * banner. Only text cells are headings (a number or a date is data). Null
 * when no row can be.
 */
export function findHeaderRow(rows: readonly SheetRow[], scanRows = 30): { index: number; mapping: (ImportField | null)[] } | null {
  let best: { index: number; mapping: (ImportField | null)[]; count: number } | null = null;
  for (const [index, row] of rows.slice(0, scanRows).entries()) {
    const mapping = mappingOf(row);
    const recognised = mapping.filter((field) => field !== null);
    if (recognised.length < 2 || !recognised.some((field) => field === 'recommendation' || field === 'action')) continue;
    if (!best || recognised.length > best.count) best = { index, mapping, count: recognised.length };
  }
  return best && { index: best.index, mapping: best.mapping };
}
