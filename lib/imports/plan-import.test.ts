import { describe, expect, it } from 'vitest';
import type { ImportField, SheetRow } from './columns';
import { type ExistingAction, type ImportSettings, type PlanData, planImport, referenceKey } from './plan-import';

const now = new Date('2013-03-01T12:00:00Z');

const data = (recommendations: PlanData['recommendations'] = []): PlanData => ({
  agencies: [
    { id: 'police', name: 'Greater Manchester Police', shortName: 'GMP' },
    { id: 'council', name: 'Rochdale Borough Council', shortName: 'RBC' },
  ],
  people: [
    { id: 'u1', name: 'Jane Smith', email: 'jane@gmp.test', agencyId: 'police' },
    { id: 'u2', name: 'Asif Khan', email: 'asif@rbc.test', agencyId: 'council' },
  ],
  findings: [
    { id: 'f1', reference: 'F1', text: 'Concerns were not escalated' },
    { id: 'f2', reference: 'F2', text: 'Training was patchy' },
  ],
  recommendations,
  archivedRecommendationReferences: ['R99'],
});

const action = (overrides: Partial<ExistingAction> = {}): ExistingAction => ({
  id: 'a1',
  reference: '1',
  text: null,
  ownerAgencyId: 'police',
  leadOfficerId: 'u1',
  dueDate: '2013-06-30',
  status: 'IN_PROGRESS',
  rating: 'GREEN',
  progressNote: 'Briefings under way',
  evidenceTitles: ['Briefing slides'],
  version: 3,
  ...overrides,
});

const existing = (actions: ExistingAction[] = [action()], status: 'IN_PROGRESS' | 'NOT_ACCEPTED' = 'IN_PROGRESS') => ({
  id: 'r1',
  reference: 'R1',
  text: 'Brief every officer on CSE',
  status,
  findingIds: ['f1'],
  actions,
  archivedActionReferences: ['9'],
});

const FULL: ImportField[] = ['reference', 'finding', 'recommendation', 'actionReference', 'action', 'agency', 'leadOfficer', 'dueDate', 'status', 'rag', 'progress', 'evidence'];
const settings = (columns: (ImportField | null)[] = FULL, extra: Partial<ImportSettings> = {}): ImportSettings => ({
  columns,
  statusWords: {},
  defaultDueDate: null,
  defaultFindingId: null,
  ...extra,
});
const rows = (...cells: SheetRow['cells'][]): SheetRow[] => cells.map((c, i) => ({ number: i + 2, cells: c }));

describe('planImport', () => {
  it('creates a recommendation with one action per row; a blank reference continues the row above (a merged cell)', () => {
    const plan = planImport(
      rows(
        ['R2', 'F1', 'Hold joint meetings', null, 'Set up the meetings', 'GMP', 'Jane Smith', '31/12/2013', 'Not started', null, null, null],
        [null, null, null, null, 'Minute them', 'Rochdale Borough Council', 'asif@rbc.test', { day: '2014-01-31' }, 'In progress', null, 'First one held', null],
      ),
      settings(),
      data(),
      now,
    );
    expect(plan.counts).toMatchObject({ rows: 2, newRecommendations: 1, newActions: 2, updated: 0, withProblems: 0, toWrite: 2 });
    expect(plan.rows.map((r) => r.label)).toEqual(['R2.1', 'R2.2']);
    expect(plan.rows[0]!.recommendation).toMatchObject({ existingId: null, reference: 'R2', text: 'Hold joint meetings', findingIds: ['f1'] });
    expect(plan.rows[1]!.action).toMatchObject({ ownerAgencyId: 'council', leadOfficerId: 'u2', dueDate: '2014-01-31', status: 'IN_PROGRESS', progress: 'First one held' });
    expect(plan.rows[1]!.created).toContain('RBC');
  });

  it('reads "R3.1" in the reference column as recommendation R3, action 1, and a number alone as R-number', () => {
    const columns: (ImportField | null)[] = ['reference', 'recommendation', 'agency', 'dueDate'];
    const plan = planImport(rows(['3.1', 'Train staff', 'GMP', '31.12.13'], ['3.2', 'Train staff', 'RBC', 'December 2013'], ['4', 'Audit', 'GMP', 'Q3 2013']), settings(columns, { defaultFindingId: 'f2' }), data(), now);
    expect(plan.rows.map((r) => r.label)).toEqual(['R3.1', 'R3.2', 'R4.1']);
    expect(plan.rows.map((r) => r.action.dueDate)).toEqual(['2013-12-31', '2013-12-31', '2013-09-30']);
    expect(plan.counts.newRecommendations).toBe(2);
    expect(plan.rows[0]!.flags.join(' ')).toMatch(/finding chosen for rows without one/);
  });

  it('matches existing actions by reference: the same values change nothing; different ones are listed as changes', () => {
    const same = planImport(
      rows(['R1', 'F1', 'Brief every officer on CSE', 'R1.1', null, 'GMP', 'Jane Smith', '30/06/2013', 'In progress', 'Green', 'Briefings under way', 'Briefing slides']),
      settings(),
      data([existing()]),
      now,
    );
    expect(same.rows[0]!.outcome).toBe('unchanged');
    expect(same.counts).toMatchObject({ unchanged: 1, updated: 0, newActions: 0, toWrite: 0 });

    const changed = planImport(
      rows(['r1', null, null, '1', null, null, null, '31/07/2013', null, null, 'Half the force briefed', 'Briefing slides\nAttendance register']),
      settings(),
      data([existing()]),
      now,
    );
    const row = changed.rows[0]!;
    expect(row.outcome).toBe('update');
    expect(row.changes.map((c) => c.field)).toEqual(['dueDate', 'progress', 'evidence']);
    expect(row.action).toMatchObject({ existingId: 'a1', version: 3, dueDate: '2013-07-31', progress: 'Half the force briefed', newEvidence: ['Attendance register'] });
  });

  it('ties every problem to its row and column, with "did you mean"', () => {
    const plan = planImport(
      rows(
        ['R5', 'F9', 'New thing', null, null, 'Rochdale Borugh Council', 'Asif Khan', '31/02/2013', 'Complete', 'Purple', null, null],
        ['R6', 'F1', 'Other thing', null, null, 'GMP', 'Asif Khan', 'ongoing', null, null, null, null],
      ),
      settings(),
      data(),
      now,
    );
    const first = plan.rows[0]!.problems;
    expect(first.find((p) => p.field === 'finding')?.message).toMatch(/No finding "F9".*F1, F2/);
    expect(first.find((p) => p.field === 'agency')?.message).toMatch(/Unknown agency "Rochdale Borugh Council"\. Did you mean "Rochdale Borough Council"/);
    expect(first.find((p) => p.field === 'dueDate')?.message).toMatch(/not a real day/);
    expect(first.find((p) => p.field === 'status')?.message).toMatch(/"Complete" is not a Followthrough status: it would become implemented/);
    expect(first.find((p) => p.field === 'rag')).toBeDefined();
    const second = plan.rows[1]!.problems;
    expect(second.find((p) => p.field === 'leadOfficer')?.message).toMatch(/Asif Khan does not work for GMP/);
    expect(second.find((p) => p.field === 'dueDate')?.message).toMatch(/a new action needs one/);
    expect(plan.counts.withProblems).toBe(2);
    expect(plan.counts.toWrite).toBe(0);
    expect(plan.statusWords).toEqual([{ word: 'Complete', proposed: 'IMPLEMENTED', chosen: null, rows: 1 }]);
  });

  it('imports a status word once the user has chosen its status, marked as imported; "ongoing" takes the default due date', () => {
    const plan = planImport(
      rows(['R7', 'F1', 'Publish the strategy', null, null, 'RBC', null, 'ongoing', 'Complete', null, null, null]),
      settings(FULL, { statusWords: { Complete: 'IMPLEMENTED' }, defaultDueDate: '2013-12-31' }),
      data(),
      now,
    );
    const row = plan.rows[0]!;
    expect(row.problems).toEqual([]);
    expect(row.action).toMatchObject({ status: 'IMPLEMENTED', statusWord: 'Complete', dueDate: '2013-12-31' });
    expect(row.flags.join(' ')).toMatch(/Imported as implemented, as the file says/);
    expect(row.flags.join(' ')).toMatch(/the date chosen for rows without one/);
  });

  it('refuses a duplicate reference, a set-aside status, and changes to a set-aside recommendation', () => {
    const plan = planImport(
      rows(
        ['R1', null, null, 'R1.1', null, null, null, null, 'Not accepted', null, null, null],
        ['R1', null, null, 'R1.1', null, null, null, null, null, null, 'Again', null],
      ),
      settings(),
      data([existing([action()], 'NOT_ACCEPTED')]),
      now,
    );
    expect(plan.rows[0]!.problems.map((p) => p.message).join(' ')).toMatch(/set aside.*reopen it/);
    expect(plan.rows[0]!.problems.map((p) => p.message).join(' ')).toMatch(/reviewer’s decision on the whole recommendation/);
    expect(plan.rows[1]!.problems.map((p) => p.message).join(' ')).toMatch(/R1\.1 is also on row 2/);
  });

  it('refuses the reference of an archived recommendation or action: references are kept for ever', () => {
    const plan = planImport(
      rows(['R99', 'F1', 'New', null, null, 'GMP', null, '31/12/2013', null, null, null, null], ['R1', null, null, 'R1.9', 'Again', 'GMP', null, '31/12/2013', null, null, null, null]),
      settings(),
      data([existing()]),
      now,
    );
    expect(plan.rows[0]!.problems.map((p) => p.message)).toEqual(['R99 is the reference of an archived recommendation: give this one another']);
    expect(plan.rows[1]!.problems.map((p) => p.message)).toEqual(['R1.9 is the reference of an archived action: give this one another']);
  });

  it('leaves out the rest of a new recommendation whose first row has problems', () => {
    const plan = planImport(
      rows(['R8', 'F1', 'Thing', null, null, 'Nobody', null, '31/12/2013', null, null, null, null], [null, null, null, null, 'Part two', 'GMP', null, '31/12/2013', null, null, null, null]),
      settings(),
      data(),
      now,
    );
    expect(plan.rows[1]!.problems.map((p) => p.message)).toEqual(['R8 cannot be created: row 2 has problems']);
  });

  it('without a reference column, matches recommendations by their text and numbers new ones after the highest', () => {
    const columns: (ImportField | null)[] = ['recommendation', 'action', 'agency', 'dueDate', null];
    const plan = planImport(
      rows(['Brief every officer on CSE', null, null, null, 'ignored'], ['A new objective', 'Do it', 'GMP', '2013', null], [null, 'Do more', 'RBC', 'Q1 2013/14', null]),
      settings(columns, { defaultFindingId: 'f1' }),
      data([existing()]),
      now,
    );
    expect(plan.rows.map((r) => r.label)).toEqual(['R1.1', 'R2.1', 'R2.2']);
    expect(plan.rows[0]!.outcome).toBe('unchanged');
    expect(plan.rows[2]!.action.dueDate).toBe('2013-06-30');
  });

  it('lists the actions of the review that the file does not mention, and reads notes rows as notes', () => {
    const plan = planImport(
      rows(['Notes: agreed at the board, March 2013', null, null], ['R1', 'R1.1', null]),
      settings(['reference', 'actionReference', 'agency']),
      data([existing([action(), action({ id: 'a2', reference: '2' })])]),
      now,
    );
    // Text where the reference would be, and nothing else: a note.
    expect(plan.skipped).toEqual([{ row: 2, reason: expect.stringMatching(/note or heading/) }]);
    expect(plan.counts.rows).toBe(1);
    expect(plan.missing).toEqual([{ label: 'R1.2', text: 'Brief every officer on CSE' }]);

    const notes = planImport(rows([null, null, null, 'A note in a later column'], ['R1', '1', null, null]), settings(['reference', 'actionReference', 'agency', null]), data([existing()]), now);
    expect(notes.counts.rows).toBe(1);
  });

  it('matches references whatever their case, spaces, "R" or trailing dot', () => {
    expect(['R3', 'r3', 'R 3', '3', '3.', 'Rec3'].map(referenceKey)).toEqual(['3', '3', '3', '3', '3', '3']);
    expect(referenceKey('F1')).toBe('F1');
  });
});
