// Importing an action plan, end to end through the use cases on a real
// database: upload (a real XLSX or CSV file, read back), preview, settings,
// commit all or nothing, re-import, export then import, and what history and
// reports make of it.
import ExcelJS from 'exceljs';
import { beforeAll, describe, expect, it } from 'vitest';
import { updateProgress } from '@/lib/actions/update-progress';
import { ForbiddenError } from '@/lib/auth/permissions';
import type { Actor } from '@/lib/auth/session-user';
import { verifyChain } from '@/lib/audit/verify-chain';
import { db } from '@/lib/db';
import { RuleError } from '@/lib/errors';
import { commitPlanImport, CHANGED_SINCE_PREVIEW } from '@/lib/imports/commit-import';
import { exportActionPlan } from '@/lib/imports/export-plan';
import { getPlanImport } from '@/lib/imports/get-import';
import { commitImportSchema, importSettingsSchema, uploadPlanSchema } from '@/lib/imports/import.schema';
import { startPlanImport } from '@/lib/imports/start-import';
import { updatePlanImport } from '@/lib/imports/update-import';
import { getReport } from '@/lib/reports/get-report';
import { createAgency, createUser, refusal } from '../support/factories';
import { makeFinding, makeReview } from '../support/review-factories';

let reviewer: Actor;
let police: { id: string };
let council: { id: string };
let policeLead: Actor;

beforeAll(async () => {
  const board = await createAgency('Safeguarding Board', true);
  police = await createAgency('Greater Manchester Police');
  council = await createAgency('Rochdale Borough Council');
  reviewer = await createUser('REVIEWER', board.id);
  policeLead = await createUser('OWNER', police.id);
  await db.user.update({ where: { id: policeLead.id }, data: { name: 'Jane Smith' } });
});

async function xlsx(rows: (string | number | Date | null)[][], sheetName = "Action plan"): Promise<Uint8Array> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet(sheetName);
  for (const row of rows) sheet.addRow(row);
  return new Uint8Array(await workbook.xlsx.writeBuffer());
}

const file = (bytes: Uint8Array, name: string) => new File([new Uint8Array(bytes)], name);

async function upload(reviewId: string, bytes: Uint8Array, name = 'plan.xlsx') {
  return startPlanImport(reviewer, uploadPlanSchema.parse({ reviewId, file: file(bytes, name) }));
}

async function commit(importId: string, leaveOutProblemRows = false) {
  const preview = await getPlanImport(reviewer, importId);
  if (preview.committed) throw new Error('already committed');
  return commitPlanImport(reviewer, commitImportSchema.parse({ importId, version: preview.version, fingerprint: preview.fingerprint, leaveOutProblemRows }));
}

/** A plan as partnerships keep them: a title and notes above the headings, their own words for status. */
const TELFORD_LIKE = [
  ['Rochdale CSE action plan', null, null, null, null, null, null],
  ['Progress at 31 March 2013', null, null, null, null, null, null],
  [null, null, null, null, null, null, null],
  ['Ref', 'Recommendation', 'Responsibility', 'Lead officer', 'Target date', 'Status (Complete / Ongoing)', 'Progress update'],
  ['R1', 'Hold multi-agency CSE meetings monthly', 'Greater Manchester Police', 'Jane Smith', '31/12/2013', 'Ongoing', 'Three meetings held'],
  [null, null, 'Rochdale Borough Council', null, new Date(Date.UTC(2014, 0, 31)), 'Complete', 'Minutes published'],
  ['R2', 'Train every front-line worker', 'Rochdale Borough Council', null, 'Q3 2013', 'Not started', null],
  ['Notes: agreed at the board in March 2013', null, null, null, null, null, null],
];

describe('importing an action plan', () => {
  it('finds the header row, proposes statuses, previews, and commits recommendations and actions with their history', async () => {
    const review = await makeReview(reviewer);
    const finding = await makeFinding(reviewer, review.id);
    const { id } = await upload(review.id, await xlsx(TELFORD_LIKE));

    let preview = await getPlanImport(reviewer, id);
    if (preview.committed) throw new Error('not yet');
    expect(preview.headerRow).toBe(4);
    expect(preview.plan.counts).toMatchObject({ rows: 3, newRecommendations: 2, newActions: 3 });
    expect(preview.plan.skipped.map((s) => s.row)).toEqual([8]);
    // Nothing written yet; the status words and the missing finding are problems until the user says what they mean.
    expect(await db.recommendation.count({ where: { reviewId: review.id } })).toBe(0);
    expect(preview.plan.statusWords.map((w) => [w.word, w.proposed])).toEqual([
      ['Complete', 'IMPLEMENTED'],
      ['Ongoing', 'IN_PROGRESS'],
    ]);
    const refused = await refusal(commit(id));
    expect(refused).toBeInstanceOf(RuleError);
    expect((refused as RuleError).field).toBe('leaveOutProblemRows');
    expect(await db.recommendation.count({ where: { reviewId: review.id } })).toBe(0);

    await updatePlanImport(
      reviewer,
      importSettingsSchema.parse({
        importId: id,
        version: preview.version,
        sheetName: preview.sheetName,
        headerRow: 4,
        columns: preview.settings.columns.map((c) => c ?? ''),
        statusWords: [
          { word: 'Complete', status: 'IMPLEMENTED' },
          { word: 'Ongoing', status: 'IN_PROGRESS' },
        ],
        defaultFindingId: finding.id,
      }),
    );
    preview = await getPlanImport(reviewer, id);
    if (preview.committed) throw new Error('not yet');
    expect(preview.plan.counts.withProblems).toBe(0);

    const result = await commit(id);
    expect(result).toMatchObject({ recommendationsCreated: 2, actionsCreated: 3, actionsUpdated: 0, rowsLeftOut: [] });
    const r1 = await db.recommendation.findFirstOrThrow({ where: { reviewId: review.id, reference: 'R1' }, include: { actions: { orderBy: { reference: 'asc' } }, findings: true } });
    expect(r1.findings.map((f) => f.id)).toEqual([finding.id]);
    expect(r1.actions.map((a) => [a.reference, a.ownerAgencyId, a.status])).toEqual([
      ['1', police.id, 'IN_PROGRESS'],
      ['2', council.id, 'IMPLEMENTED'],
    ]);
    expect(r1.actions[0]!.leadOfficerId).toBe(policeLead.id);
    // The recommendation follows from its actions: the latest due date.
    expect(r1.dueDate.toISOString().slice(0, 10)).toBe('2014-01-31');

    const imported = await db.historyEvent.findMany({ where: { reviewId: review.id, kind: 'action.imported' }, orderBy: { id: 'asc' } });
    // R1.1 and R1.2 are given a status and progress; R2.1, not started with no progress, needs only its creation.
    expect(imported).toHaveLength(2);
    const sha256 = (await db.planImport.findUniqueOrThrow({ where: { id } })).sha256;
    expect(imported[1]!.after).toMatchObject({ status: 'IMPLEMENTED', statusWord: 'Complete', source: { fileName: 'plan.xlsx', sha256, sheet: 'Action plan', row: 6 } });
    expect(imported[1]!.note).toBe('Imported from “plan.xlsx” (Action plan, row 6)');
    const summary = await db.historyEvent.findFirstOrThrow({ where: { reviewId: review.id, kind: 'review.plan_imported' } });
    expect(summary.after).toMatchObject({ fileName: 'plan.xlsx', sha256, rows: 3, recommendationsCreated: 2, actionsCreated: 3 });
    expect((await verifyChain(db)).firstBroken).toBeNull();

    // Reports rebuild it from the history: the imported statuses count.
    const report = await getReport(reviewer, review.id, {});
    expect(report.report.actions.map((a) => a.status).sort()).toEqual(['IMPLEMENTED', 'IN_PROGRESS', 'NOT_STARTED']);

    // The upload is done with: it cannot be committed twice.
    expect(await refusal(commitPlanImport(reviewer, { importId: id, version: 99, fingerprint: 'a'.repeat(64), leaveOutProblemRows: false }))).toBeInstanceOf(RuleError);
  });

  it('imports the same file again as no change, and an edited one as the differences, listing rows missing from it', async () => {
    const review = await makeReview(reviewer);
    const finding = await makeFinding(reviewer, review.id);
    const rows = [
      ['Reference', 'Finding', 'Recommendation', 'Action', 'Agency', 'Due date', 'Status'],
      ['R1', 'F1', 'Brief officers', 'Brief them', 'Greater Manchester Police', '30/06/2013', 'In progress'],
      ['R1', null, null, 'Check they were', 'Rochdale Borough Council', '31/07/2013', 'Not started'],
    ];
    await commit((await upload(review.id, await xlsx(rows))).id);
    const again = await upload(review.id, await xlsx(rows));
    const preview = await getPlanImport(reviewer, again.id);
    if (preview.committed) throw new Error('not yet');
    expect(preview.plan.counts).toMatchObject({ newActions: 0, updated: 0, unchanged: 2 });
    const before = await db.historyEvent.count();
    expect(await commit(again.id)).toMatchObject({ actionsCreated: 0, actionsUpdated: 0, unchanged: 2 });
    expect(await db.historyEvent.count()).toBe(before);

    // Edited: R1.1's date moves, R1.2's row is gone (listed, not archived).
    const edited = await upload(review.id, await xlsx([rows[0]!, ['R1', 'F1', 'Brief officers', 'Brief them', 'Greater Manchester Police', '30/09/2013', 'In progress']]));
    const editedPreview = await getPlanImport(reviewer, edited.id);
    if (editedPreview.committed) throw new Error('not yet');
    expect(editedPreview.plan.rows[0]!.changes).toEqual([{ field: 'dueDate', from: '30 June 2013', to: '30 September 2013' }]);
    expect(editedPreview.plan.missing.map((m) => m.label)).toEqual(['R1.2']);
    await commit(edited.id);
    const actions = await db.action.findMany({ where: { recommendation: { reviewId: review.id } }, orderBy: { reference: 'asc' } });
    expect(actions.map((a) => [a.reference, a.dueDate.toISOString().slice(0, 10), a.archivedAt])).toEqual([
      ['1', '2013-09-30', null],
      ['2', '2013-07-31', null],
    ]);
    expect(actions[0]!.originalDueDate.toISOString().slice(0, 10)).toBe('2013-06-30');
    void finding;
  });

  it.each(['xlsx', 'csv'] as const)('exports a review’s plan as %s, which imports back with no change', async (format) => {
    const review = await makeReview(reviewer);
    const finding = await makeFinding(reviewer, review.id);
    const rows = [
      ['Reference', 'Finding', 'Recommendation', 'Action reference', 'Action', 'Agency', 'Lead officer', 'Due date', 'Status', 'RAG', 'Progress update', 'Evidence'],
      ['R1', 'F1', '=Brief "officers", then +check', 'R1.1', '-Brief them; @once', 'Greater Manchester Police', 'Jane Smith', '30/06/2013', 'In progress', null, 'Half done', 'Slides\nRegister'],
      ['R1', null, null, 'R1.2', 'Check, with Café ‘quotes’', 'Rochdale Borough Council', null, '31/07/2013', 'Implemented', 'Green', null, null],
    ];
    await commit((await upload(review.id, await xlsx(rows))).id);
    void finding;

    const exported = await exportActionPlan(reviewer, review.id, format);
    const back = await upload(review.id, new Uint8Array(exported.body), exported.fileName);
    const preview = await getPlanImport(reviewer, back.id);
    if (preview.committed) throw new Error('not yet');
    expect(preview.plan.counts.withProblems).toBe(0);
    expect(preview.plan.rows.map((r) => [r.label, r.outcome, r.changes])).toEqual([
      ['R1.1', 'unchanged', []],
      ['R1.2', 'unchanged', []],
    ]);
    expect(preview.plan.missing).toEqual([]);
    // The text came through as text, formula characters and all.
    const recommendation = await db.recommendation.findFirstOrThrow({ where: { reviewId: review.id } });
    expect(recommendation.text).toBe('=Brief "officers", then +check');
  });

  it('refuses to write what the preview did not show: an action changed in between', async () => {
    const review = await makeReview(reviewer);
    await makeFinding(reviewer, review.id);
    const rows = [
      ['Reference', 'Finding', 'Recommendation', 'Agency', 'Due date', 'Progress'],
      ['R1', 'F1', 'Brief officers', 'Greater Manchester Police', '30/06/2013', 'Started'],
    ];
    await commit((await upload(review.id, await xlsx(rows))).id);
    const next = await upload(review.id, await xlsx([rows[0]!, ['R1', 'F1', 'Brief officers', 'Greater Manchester Police', '30/06/2013', 'Finished the briefings']]));
    const preview = await getPlanImport(reviewer, next.id);
    if (preview.committed) throw new Error('not yet');
    const action = await db.action.findFirstOrThrow({ where: { recommendation: { reviewId: review.id } } });
    await updateProgress(policeLead, { actionId: action.id, version: action.version, status: action.status, note: 'Meanwhile, in the app' });

    const before = await db.historyEvent.count();
    const refused = await refusal(commitPlanImport(reviewer, { importId: next.id, version: preview.version, fingerprint: preview.fingerprint, leaveOutProblemRows: false }));
    expect((refused as Error).message).toBe(CHANGED_SINCE_PREVIEW);
    expect(await db.historyEvent.count()).toBe(before);
    expect((await db.action.findUniqueOrThrow({ where: { id: action.id } })).progressNote).toBe('Meanwhile, in the app');
  });

  it('leaves out rows with problems only when asked, and names them in the history', async () => {
    const review = await makeReview(reviewer);
    await makeFinding(reviewer, review.id);
    const { id } = await upload(review.id, await xlsx([
      ['Reference', 'Finding', 'Recommendation', 'Agency', 'Due date'],
      ['R1', 'F1', 'Brief officers', 'Greater Manchester Police', '30/06/2013'],
      ['R2', 'F1', 'Audit', 'Greater Manchster Polise', '31/02/2013'],
    ]));
    expect(await refusal(commit(id))).toBeInstanceOf(RuleError);
    expect(await db.recommendation.count({ where: { reviewId: review.id } })).toBe(0);
    expect(await commit(id, true)).toMatchObject({ recommendationsCreated: 1, actionsCreated: 1, rowsLeftOut: [3] });
    expect((await db.recommendation.findMany({ where: { reviewId: review.id } })).map((r) => r.reference)).toEqual(['R1']);
  });

  it('refuses a file that is not a spreadsheet, and anyone but a reviewer or admin, writing nothing', async () => {
    const review = await makeReview(reviewer);
    const count = await db.planImport.count();
    const notSpreadsheet = await refusal(upload(review.id, new TextEncoder().encode('%PDF-1.7 not a plan'), 'plan.xlsx'));
    expect(notSpreadsheet).toBeInstanceOf(RuleError);
    expect((notSpreadsheet as RuleError).field).toBe('file');
    for (const role of ['OWNER', 'VIEWER'] as const) {
      const user = await createUser(role, police.id);
      const input = uploadPlanSchema.parse({ reviewId: review.id, file: file(await xlsx(TELFORD_LIKE), 'plan.xlsx') });
      expect(await refusal(startPlanImport(user, input))).toBeInstanceOf(ForbiddenError);
    }
    expect(await db.planImport.count()).toBe(count);
  });
});
