// What importing a spreadsheet into a review would do, row by row: the
// recommendations and actions it creates, the changes it makes to those
// already there (matched by reference), and every problem tied to its row and
// column. Pure: the preview shows it, and the commit computes it again in its
// transaction and writes exactly it (decision 0016).
//
// The rules a user meets:
// - A row is an action. Rows that share a recommendation reference (or, with
//   no reference column, the same recommendation text) are that
//   recommendation's actions; a blank reference continues the row above (a
//   merged cell). A reference such as "R3.1" names the recommendation (R3) and
//   the action (1); without action references the actions are numbered in the
//   order of their rows.
// - Only mapped columns are read, and a blank cell changes nothing.
// - Rows with no reference, recommendation or action are notes, left out.
import { actionLabel, actionRag } from '@/lib/actions/roll-up';
import { type Day, formatDay } from '@/lib/days';
import type { Rag, RecommendationStatus } from '@/lib/generated/prisma/enums';
import { RAG_LABELS, STATUS_LABELS } from '@/lib/labels';
import { isSetAside } from '@/lib/recommendations/status';
import { storedDate } from '@/lib/days';
import {
  cellText,
  didYouMean,
  matchAgency,
  matchPerson,
  type NamedAgency,
  type NamedPerson,
  proposeStatus,
  readPlanDate,
  readRag,
} from './cell-values';
import { type CellValue, IMPORT_FIELD_LABELS, type ImportField, type SheetRow } from './columns';

export type ImportSettings = {
  /** What each column holds, by position; null: ignored. */
  columns: readonly (ImportField | null)[];
  /** A status word of the file (as written, trimmed) and the status the user chose for it. */
  statusWords: Readonly<Record<string, RecommendationStatus | null>>;
  /** For new actions whose row has no due date. */
  defaultDueDate: Day | null;
  /** For new recommendations whose rows name no finding. */
  defaultFindingId: string | null;
};

export type ExistingAction = {
  id: string;
  reference: string;
  text: string | null;
  ownerAgencyId: string;
  leadOfficerId: string | null;
  dueDate: Day;
  status: RecommendationStatus;
  /** Its RAG as shown (a reviewer's override included); null when closed. */
  rating: Rag | null;
  progressNote: string | null;
  evidenceTitles: readonly string[];
  version: number;
};

export type ExistingRecommendation = {
  id: string;
  reference: string;
  text: string;
  status: RecommendationStatus;
  findingIds: readonly string[];
  actions: readonly ExistingAction[];
  /** References of its archived actions: kept for ever, so not free for a new one. */
  archivedActionReferences: readonly string[];
};

export type PlanData = {
  agencies: readonly NamedAgency[];
  /** Active users: lead officers are chosen from them. */
  people: readonly NamedPerson[];
  findings: readonly { id: string; reference: string; text: string }[];
  /** The review's live recommendations with their live actions. */
  recommendations: readonly ExistingRecommendation[];
  /** References of the review's archived recommendations: not free for a new one. */
  archivedRecommendationReferences: readonly string[];
};

export type Problem = { field: ImportField | null; message: string };
export type Change = { field: ImportField; from: string; to: string };

/** What the commit writes for one row. Fields left undefined are not changed. */
export type ActionWrite = {
  existingId: string | null;
  version: number | null;
  text?: string | null;
  ownerAgencyId?: string;
  leadOfficerId?: string | null;
  dueDate?: Day;
  status?: RecommendationStatus;
  /** The word in the file, for the history's note on an imported status. */
  statusWord?: string;
  rag?: Rag;
  progress?: string;
  newEvidence: string[];
};

export type RecommendationWrite = {
  existingId: string | null;
  reference: string;
  /** Set when new, or when the file changes it. */
  text?: string;
  findingIds?: string[];
};

export type PlannedRow = {
  row: number;
  label: string;
  recommendationReference: string;
  actionReference: string;
  outcome: 'create' | 'update' | 'unchanged';
  /** Only the first row of a recommendation carries what is written to the recommendation itself. */
  recommendation: RecommendationWrite;
  action: ActionWrite;
  changes: Change[];
  problems: Problem[];
  /** Not problems, but worth a look: a word where a date was, a default used. */
  flags: string[];
  /** For a new action, what it is given ("Police · due 31 March 2013 · In progress"); null for an existing one. */
  created: string | null;
};

export type StatusWord = { word: string; proposed: RecommendationStatus | null; chosen: RecommendationStatus | null; rows: number };

export type Plan = {
  rows: PlannedRow[];
  /** Rows read as notes or headings. */
  skipped: { row: number; reason: string }[];
  /** Live actions of the review that no row names: listed, never archived. */
  missing: { label: string; text: string }[];
  /** Status words that are not the product's own, with what they become. */
  statusWords: StatusWord[];
  counts: {
    rows: number;
    newRecommendations: number;
    newActions: number;
    updated: number;
    unchanged: number;
    withProblems: number;
    problems: number;
    /** Rows a commit writes: new or changed, without problems. */
    toWrite: number;
  };
};

export const TEXT_LIMIT = 5000;
export const EVIDENCE_TITLE_LIMIT = 200;
const REFERENCE_PATTERN = /^[A-Za-z0-9][A-Za-z0-9.\-/]*$/;
const isReference = (text: string) => text.length <= 20 && REFERENCE_PATTERN.test(text.replace(/\s+/g, ''));

/** A reference as matched: case, spaces, a leading "R"/"Rec" and a trailing dot ignored ("r3." = "R3" = "3"). */
export function referenceKey(reference: string): string {
  return reference
    .toUpperCase()
    .replace(/\s+/g, '')
    .replace(/^(RECOMMENDATION|REC|R)(?=\d)/, '')
    .replace(/\.$/, '');
}

const sameText = (a: string | null | undefined, b: string | null | undefined) => normaliseText(a ?? '') === normaliseText(b ?? '');
const normaliseText = (text: string) => text.replace(/\r\n?/g, '\n').replace(/[ \t]+/g, ' ').trim();

/** Several values in one cell: one per line, or separated by semicolons. */
const splitList = (text: string) =>
  text
    .split(/\r?\n|;/)
    .map((part) => part.trim())
    .filter(Boolean);

/** The status a word of the file becomes: the product's own words directly, others as the user chose. */
export function statusOf(word: string, settings: Pick<ImportSettings, 'statusWords'>): RecommendationStatus | null | undefined {
  const proposal = proposeStatus(word);
  if (proposal?.exact) return proposal.status;
  return Object.hasOwn(settings.statusWords, word) ? settings.statusWords[word] : undefined;
}

type RowValues = Partial<Record<ImportField, CellValue>>;

function valuesOf(row: SheetRow, columns: ImportSettings['columns']): RowValues {
  const values: RowValues = {};
  columns.forEach((field, index) => {
    if (field && !(field in values)) values[field] = row.cells[index] ?? null;
  });
  return values;
}

const isBlank = (value: CellValue | undefined) => value === undefined || value === null || (typeof value === 'string' && value.trim() === '');
const textOf = (value: CellValue | undefined) => (isBlank(value) ? '' : normaliseText(cellText(value!)));

/**
 * The plan for a sheet's data rows (those below the header row), the user's
 * settings, and the review as it is now. `now` is the instant the RAG of a new
 * action is computed for.
 */
export function planImport(rows: readonly SheetRow[], settings: ImportSettings, data: PlanData, now: Date): Plan {
  const mapped = new Set(settings.columns.filter((field): field is ImportField => field !== null));
  const byKey = new Map(data.recommendations.map((r) => [referenceKey(r.reference), r]));
  const byText = new Map(data.recommendations.map((r) => [normaliseText(r.text), r]));
  const findingIds = new Set(data.findings.map((f) => f.id));
  const plan: Plan = {
    rows: [],
    skipped: [],
    missing: [],
    statusWords: [],
    counts: { rows: 0, newRecommendations: 0, newActions: 0, updated: 0, unchanged: 0, withProblems: 0, problems: 0, toWrite: 0 },
  };
  // A plan names the same few agencies and officers on every row: match each text once (thousands of rows, thousands of users).
  const agencyMatch = memo((text: string) => matchAgency(text, data.agencies));
  const personMatch = memo((text: string) => matchPerson(text, data.people));
  const words = new Map<string, StatusWord>();
  const seen = new Map<string, number>(); // "R3.1" key -> row
  const actionsSoFar = new Map<string, number>(); // recommendation key -> rows so far
  const firstRowOf = new Map<string, PlannedRow>(); // recommendation key -> its first row
  let nextNumber = 1 + Math.max(0, ...data.recommendations.map((r) => Number.parseInt(referenceKey(r.reference), 10)).filter(Number.isFinite));
  let previous = null as { key: string; reference: string; text: string } | null;

  for (const sheetRow of rows) {
    const values = valuesOf(sheetRow, settings.columns);
    if (Object.values(values).every(isBlank)) continue;
    const referenceText = textOf(values.reference);
    const recommendationText = textOf(values.recommendation);
    const actionReferenceText = textOf(values.actionReference);
    const actionText = textOf(values.action);
    // A notes or heading row: nothing but text where a reference would be ("Notes: agreed at the board"), or nothing at all.
    const onlyNote = !recommendationText && !actionReferenceText && !actionText && isBlank(values.agency) && (!referenceText || !isReference(referenceText));
    if (onlyNote) {
      plan.skipped.push({ row: sheetRow.number, reason: 'No reference, recommendation or action: read as a note or heading' });
      continue;
    }
    plan.counts.rows += 1;
    const problems: Problem[] = [];
    const flags: string[] = [];

    // --- Which recommendation ------------------------------------------------
    let recommendationReference = '';
    let actionReference = '';
    if (mapped.has('reference')) {
      if (referenceText) {
        // "R 3" and "Rec 3.1" are references with a space; "Actions in plan" is not one.
        const compact = /^[A-Za-z]*\s*\d[\w.\-/]*$/.test(referenceText) ? referenceText.replace(/\s+/g, '') : referenceText;
        const [recommendationPart, ...actionParts] = compact.split('.').filter(Boolean);
        recommendationReference = recommendationPart ?? referenceText;
        // "R3.1" in the reference column: recommendation R3, action 1 (unless the action has its own column).
        if (actionParts.length && !mapped.has('actionReference')) actionReference = actionParts.join('.');
        if (/^\d+$/.test(recommendationReference)) recommendationReference = `R${recommendationReference}`;
      } else if (previous && (!recommendationText || sameText(recommendationText, previous.text))) {
        recommendationReference = previous.reference;
      } else {
        problems.push({ field: 'reference', message: 'Enter the recommendation’s reference (or leave the row’s recommendation blank to continue the one above)' });
      }
    } else if (recommendationText) {
      const existing = byText.get(recommendationText);
      const continuing = previous && sameText(recommendationText, previous.text) ? previous.reference : null;
      recommendationReference = existing?.reference ?? continuing ?? `R${nextNumber++}`;
    } else if (previous) {
      recommendationReference = previous.reference;
    } else {
      problems.push({ field: 'recommendation', message: 'Enter the recommendation (the first row of a plan cannot continue one above)' });
    }
    if (recommendationReference && !REFERENCE_PATTERN.test(recommendationReference)) {
      problems.push({ field: 'reference', message: `"${recommendationReference}" is not a reference: use a short code without spaces, for example R1` });
    } else if (recommendationReference.length > 20) {
      problems.push({ field: 'reference', message: 'Reference must be 20 characters or fewer' });
    }
    const recommendationKey = referenceKey(recommendationReference);
    const existingRecommendation = recommendationKey ? byKey.get(recommendationKey) : undefined;

    // --- Which action ------------------------------------------------------------
    const count = (actionsSoFar.get(recommendationKey) ?? 0) + 1;
    actionsSoFar.set(recommendationKey, count);
    if (actionReferenceText) {
      const parts = actionReferenceText.replace(/\s+/g, '').split('.');
      const prefix = parts.slice(0, -1).join('.');
      // "R3.1" or "3.1" in the action column of R3: action 1; "1" alone: action 1.
      actionReference = prefix && referenceKey(prefix) === recommendationKey ? parts.at(-1)! : actionReferenceText.replace(/\s+/g, '');
    }
    if (!actionReference) actionReference = String(count);
    if (!REFERENCE_PATTERN.test(actionReference) || actionReference.length > 20) {
      problems.push({ field: 'actionReference', message: `"${actionReference}" is not an action reference: use a short code, for example 1` });
    }
    // A reference that is not one is shown as the file has it.
    const label = recommendationReference && !REFERENCE_PATTERN.test(recommendationReference) ? clip(referenceText) : actionLabel(recommendationReference || '?', actionReference);
    const key = `${recommendationKey}.${actionReference.toUpperCase()}`;
    const duplicateOf = seen.get(key);
    if (duplicateOf !== undefined && recommendationKey) {
      problems.push({ field: mapped.has('actionReference') ? 'actionReference' : 'reference', message: `${label} is also on row ${duplicateOf}` });
    } else seen.set(key, sheetRow.number);
    const existingAction = existingRecommendation?.actions.find((a) => a.reference.toUpperCase() === actionReference.toUpperCase());
    if (!existingRecommendation && recommendationKey && data.archivedRecommendationReferences.some((r) => referenceKey(r) === recommendationKey)) {
      problems.push({ field: 'reference', message: `${recommendationReference} is the reference of an archived recommendation: give this one another` });
    }
    if (!existingAction && existingRecommendation?.archivedActionReferences.some((r) => r.toUpperCase() === actionReference.toUpperCase())) {
      problems.push({ field: mapped.has('actionReference') ? 'actionReference' : 'reference', message: `${label} is the reference of an archived action: give this one another` });
    }

    const changes: Change[] = [];
    const change = (field: ImportField, from: string, to: string) => changes.push({ field, from, to });

    // --- The recommendation's own fields (first row of it only) ------------------
    const firstRow = firstRowOf.get(recommendationKey);
    const recommendation: RecommendationWrite = { existingId: existingRecommendation?.id ?? null, reference: existingRecommendation?.reference ?? recommendationReference };
    if (recommendationText.length > TEXT_LIMIT) problems.push({ field: 'recommendation', message: 'Recommendation must be 5,000 characters or fewer' });
    if (firstRow && recommendationText && !sameText(recommendationText, firstRow.recommendation.text ?? textOfExisting(existingRecommendation))) {
      problems.push({ field: 'recommendation', message: `Row ${firstRow.row} gives ${recommendationReference} a different text` });
    }
    let chosenFindings: string[] | null = null;
    const findingText = textOf(values.finding);
    if (findingText) {
      chosenFindings = [];
      for (const part of splitList(findingText.replace(/,(?=\s*[A-Za-z]?\d)/g, ';'))) {
        const finding =
          data.findings.find((f) => referenceKey(f.reference) === referenceKey(part)) ?? data.findings.find((f) => sameText(f.text, part));
        if (finding) chosenFindings.push(finding.id);
        else {
          const references = data.findings.map((f) => f.reference);
          problems.push({
            field: 'finding',
            message: `No finding "${clip(part)}" in this review${references.length ? ` (its findings: ${references.join(', ')})` : ': add its findings first'}`,
          });
        }
      }
    }
    if (!firstRow) {
      if (!existingRecommendation && recommendationKey) {
        if (!recommendationText) problems.push({ field: 'recommendation', message: `Enter the text of the new recommendation ${recommendationReference}` });
        recommendation.text = recommendationText;
        const findings = chosenFindings?.length ? chosenFindings : settings.defaultFindingId && findingIds.has(settings.defaultFindingId) ? [settings.defaultFindingId] : [];
        if (!findings.length && !problems.some((p) => p.field === 'finding')) {
          problems.push({
            field: 'finding',
            message: data.findings.length
              ? `Name the finding that ${recommendationReference} answers, or choose a finding for rows without one`
              : `This review has no findings yet: add them first (a recommendation answers at least one)`,
          });
        }
        if (!chosenFindings?.length && findings.length) flags.push('No finding in the file: answers the finding chosen for rows without one');
        recommendation.findingIds = findings;
      } else if (existingRecommendation) {
        if (recommendationText && !sameText(recommendationText, existingRecommendation.text)) {
          recommendation.text = recommendationText;
          change('recommendation', existingRecommendation.text, recommendationText);
        }
        if (chosenFindings?.length && !sameSet(chosenFindings, existingRecommendation.findingIds)) {
          recommendation.findingIds = chosenFindings;
          change('finding', findingNames(existingRecommendation.findingIds, data), findingNames(chosenFindings, data));
        }
      }
    }

    // --- The action's fields ---------------------------------------------------------
    const action: ActionWrite = { existingId: existingAction?.id ?? null, version: existingAction?.version ?? null, newEvidence: [] };
    if (existingRecommendation && isSetAside(existingRecommendation.status)) {
      problems.push({ field: null, message: `${existingRecommendation.reference} has been set aside (${STATUS_LABELS[existingRecommendation.status].toLowerCase()}): reopen it on its page first` });
    }

    if (actionText.length > TEXT_LIMIT) problems.push({ field: 'action', message: 'Action must be 5,000 characters or fewer' });
    if (existingAction) {
      if (actionText && !sameText(actionText, existingAction.text)) {
        action.text = actionText;
        change('action', existingAction.text ?? '', actionText);
      }
    } else action.text = actionText || null;

    // Owner agency: required for a new action.
    let ownerAgencyId = existingAction?.ownerAgencyId ?? null;
    const agencyText = textOf(values.agency);
    if (agencyText) {
      const match = agencyMatch(agencyText);
      if ('agency' in match) {
        ownerAgencyId = match.agency.id;
        if (!existingAction) action.ownerAgencyId = match.agency.id;
        else if (match.agency.id !== existingAction.ownerAgencyId) {
          action.ownerAgencyId = match.agency.id;
          change('agency', agencyName(existingAction.ownerAgencyId, data), match.agency.shortName);
        }
      } else {
        problems.push({ field: 'agency', message: `Unknown agency "${clip(agencyText)}". ${didYouMean(match.suggestions)}`.trim() });
      }
    } else if (!existingAction) {
      problems.push({ field: 'agency', message: 'Enter the agency that owns this action' });
    }

    const officerText = textOf(values.leadOfficer);
    if (officerText) {
      const match = personMatch(officerText);
      if (!('person' in match)) {
        problems.push({ field: 'leadOfficer', message: `Unknown lead officer "${clip(officerText)}". ${didYouMean(match.suggestions)}`.trim() });
      } else if (ownerAgencyId && match.person.agencyId !== ownerAgencyId) {
        problems.push({ field: 'leadOfficer', message: `${match.person.name} does not work for ${agencyName(ownerAgencyId, data)}: choose a lead officer from the owner agency` });
      } else if (!existingAction || match.person.id !== existingAction.leadOfficerId) {
        action.leadOfficerId = match.person.id;
        if (existingAction) change('leadOfficer', personName(existingAction.leadOfficerId, data), match.person.name);
      }
    } else if (existingAction && action.ownerAgencyId && existingAction.leadOfficerId) {
      // A new owner agency without a lead officer named: the old agency's officer cannot stay.
      action.leadOfficerId = null;
      change('leadOfficer', personName(existingAction.leadOfficerId, data), '');
    } else if (!existingAction) action.leadOfficerId = null;

    if (!isBlank(values.dueDate) || !existingAction) {
      const reading = readPlanDate(values.dueDate ?? null);
      if (!reading.ok) problems.push({ field: 'dueDate', message: reading.message });
      else if (reading.day) {
        if (!existingAction) action.dueDate = reading.day;
        else if (reading.day !== existingAction.dueDate) {
          action.dueDate = reading.day;
          change('dueDate', formatDay(existingAction.dueDate), formatDay(reading.day));
        }
        if (reading.note) flags.push(reading.note);
      } else if (!existingAction) {
        if (settings.defaultDueDate) {
          action.dueDate = settings.defaultDueDate;
          flags.push(`${reading.note ?? 'No due date in the file'}: due ${formatDay(settings.defaultDueDate)}, the date chosen for rows without one`);
        } else {
          problems.push({ field: 'dueDate', message: `${reading.note ?? 'No due date'}: a new action needs one. Add it to the file, or choose a due date for rows without one` });
        }
      } else if (reading.note) flags.push(`${reading.note}: the due date stays ${formatDay(existingAction.dueDate)}`);
    }

    const statusWord = textOf(values.status);
    let status: RecommendationStatus = existingAction?.status ?? 'NOT_STARTED';
    if (statusWord) {
      const chosen = statusOf(statusWord, settings);
      const proposal = proposeStatus(statusWord);
      if (!proposal?.exact) {
        const entry = words.get(statusWord) ?? { word: statusWord, proposed: proposal?.status ?? null, chosen: chosen ?? null, rows: 0 };
        entry.rows += 1;
        words.set(statusWord, entry);
      }
      if (chosen === undefined) {
        problems.push({
          field: 'status',
          message: proposal
            ? `"${clip(statusWord)}" is not a Followthrough status: it would become ${STATUS_LABELS[proposal.status].toLowerCase()}. Confirm under Status words`
            : `"${clip(statusWord)}" is not a Followthrough status: choose what it means under Status words`,
        });
      } else if (chosen === null) {
        problems.push({ field: 'status', message: `Choose what "${clip(statusWord)}" means under Status words` });
      } else if (isSetAside(chosen)) {
        problems.push({
          field: 'status',
          message: `${STATUS_LABELS[chosen]} is a reviewer’s decision on the whole recommendation, made on its page with a rationale: not imported`,
        });
      } else if (chosen !== status) {
        if (existingAction) change('status', STATUS_LABELS[existingAction.status], STATUS_LABELS[chosen]);
        action.status = chosen;
        action.statusWord = statusWord;
        status = chosen;
        if (chosen === 'IMPLEMENTED' || chosen === 'VERIFIED') {
          flags.push(`Imported as ${STATUS_LABELS[chosen].toLowerCase()}, as the file says: not ${chosen === 'VERIFIED' ? 'verified' : 'evidenced'} in Followthrough`);
        }
      }
    }

    const ragReading = readRag(values.rag ?? null);
    if (!ragReading.ok) problems.push({ field: 'rag', message: ragReading.message });
    else if (ragReading.rag) {
      const current = existingAction && action.status === undefined && action.dueDate === undefined
        ? existingAction.rating
        : newRating(status, action.dueDate ?? existingAction?.dueDate ?? null, existingAction?.dueDate ?? action.dueDate ?? null, now);
      if (current !== null && ragReading.rag !== current) {
        action.rag = ragReading.rag;
        if (existingAction) change('rag', current ? RAG_LABELS[current] : '', RAG_LABELS[ragReading.rag]);
      }
    }

    const progressText = textOf(values.progress);
    if (progressText.length > TEXT_LIMIT) problems.push({ field: 'progress', message: 'Progress update must be 5,000 characters or fewer' });
    else if (progressText && !sameText(progressText, existingAction?.progressNote)) {
      action.progress = progressText;
      if (existingAction) change('progress', existingAction.progressNote ?? '', progressText);
    }

    const evidenceText = textOf(values.evidence);
    if (evidenceText) {
      const have = new Set((existingAction?.evidenceTitles ?? []).map(normaliseText));
      for (const title of splitLines(evidenceText)) {
        if (title.length > EVIDENCE_TITLE_LIMIT) problems.push({ field: 'evidence', message: 'Each piece of evidence (one a line) must be 200 characters or fewer' });
        else if (!have.has(normaliseText(title))) {
          action.newEvidence.push(title);
          have.add(normaliseText(title));
          if (existingAction) change('evidence', '', title);
        }
      }
    }

    const planned: PlannedRow = {
      row: sheetRow.number,
      label,
      recommendationReference: recommendation.reference,
      actionReference: existingAction?.reference ?? actionReference,
      outcome: !existingAction ? 'create' : changes.length ? 'update' : 'unchanged',
      recommendation,
      action,
      changes,
      problems,
      flags,
      created: existingAction
        ? null
        : [
            action.ownerAgencyId ? agencyName(action.ownerAgencyId, data) : '',
            personName(action.leadOfficerId ?? null, data),
            action.dueDate ? `due ${formatDay(action.dueDate)}` : '',
            STATUS_LABELS[status],
            action.rag ? `RAG ${RAG_LABELS[action.rag].toLowerCase()}` : '',
            action.newEvidence.length ? `${action.newEvidence.length} evidence` : '',
          ]
            .filter(Boolean)
            .join(' · '),
    };
    if (!firstRow && recommendationKey) firstRowOf.set(recommendationKey, planned);
    if (recommendationKey) previous = { key: recommendationKey, reference: recommendationReference, text: recommendationText || previous?.text || '' };
    plan.rows.push(planned);
  }

  // A new recommendation is created by its first row: when that row cannot be imported, neither can the rest of it.
  for (const row of plan.rows) {
    const first = firstRowOf.get(referenceKey(row.recommendationReference));
    if (first && first !== row && !row.recommendation.existingId && first.problems.length) {
      row.problems.push({ field: null, message: `${row.recommendationReference} cannot be created: row ${first.row} has problems` });
    }
  }
  for (const row of plan.rows) {
    if (row.problems.length) {
      plan.counts.withProblems += 1;
      plan.counts.problems += row.problems.length;
    } else if (row.outcome !== 'unchanged') plan.counts.toWrite += 1;
    if (row.outcome === 'create') plan.counts.newActions += 1;
    else if (row.outcome === 'update') plan.counts.updated += 1;
    else plan.counts.unchanged += 1;
  }
  plan.counts.newRecommendations = [...firstRowOf.values()].filter((row) => row.recommendation.existingId === null).length;
  for (const recommendation of data.recommendations) {
    for (const action of recommendation.actions) {
      if (!seen.has(`${referenceKey(recommendation.reference)}.${action.reference.toUpperCase()}`)) {
        plan.missing.push({ label: actionLabel(recommendation.reference, action.reference), text: action.text ?? recommendation.text });
      }
    }
  }
  plan.statusWords = [...words.values()].sort((a, b) => a.word.localeCompare(b.word));
  return plan;
}

/** The RAG a new or re-dated action would have: as computed, with no measures yet. */
function newRating(status: RecommendationStatus, dueDate: Day | null, originalDueDate: Day | null, now: Date): Rag | null {
  if (!dueDate) return null;
  return actionRag(
    {
      reference: '',
      status,
      dueDate: storedDate(dueDate),
      originalDueDate: storedDate(originalDueDate ?? dueDate),
      createdAt: now,
      lastProgressAt: now,
      ragOverride: null,
      measures: [],
    },
    now,
  ).rating;
}

function memo<T>(match: (text: string) => T): (text: string) => T {
  const results = new Map<string, T>();
  return (text) => {
    if (!results.has(text)) results.set(text, match(text));
    return results.get(text)!;
  };
}

const textOfExisting = (recommendation: ExistingRecommendation | undefined) => recommendation?.text ?? null;
const splitLines = (text: string) =>
  text
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter(Boolean);
const clip = (text: string) => (text.length > 60 ? `${text.slice(0, 57)}…` : text);
const sameSet = (a: readonly string[], b: readonly string[]) => a.length === b.length && a.every((x) => b.includes(x));
const agencyName = (id: string, data: PlanData) => data.agencies.find((a) => a.id === id)?.shortName ?? '';
const personName = (id: string | null, data: PlanData) => (id ? (data.people.find((p) => p.id === id)?.name ?? '') : '');
const findingNames = (ids: readonly string[], data: PlanData) =>
  data.findings
    .filter((f) => ids.includes(f.id))
    .map((f) => f.reference)
    .join(', ');

/** Labels for a problem's column, for messages and the preview. */
export const fieldLabel = (field: ImportField | null) => (field ? IMPORT_FIELD_LABELS[field] : 'Row');
