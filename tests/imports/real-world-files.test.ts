// Plans as partnerships really keep them, and files that are not plans at
// all, through upload and preview on a real database (the fixture files are
// built at test time and read back: tests/support/spreadsheet-fixtures.ts).
import ExcelJS from 'exceljs';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Actor } from '@/lib/auth/session-user';
import { db } from '@/lib/db';
import { RuleError } from '@/lib/errors';
import { planTemplate } from '@/lib/imports/export-plan';
import { PLAN_COLUMNS } from '@/lib/imports/export-plan-columns';
import { getPlanImport } from '@/lib/imports/get-import';
import { startPlanImport } from '@/lib/imports/start-import';
import { updatePlanImport } from '@/lib/imports/update-import';
import { createAgency, createUser, refusal } from '../support/factories';
import { makeFinding, makeReview } from '../support/review-factories';
import {
  actionPlanXlsx,
  csvUtf8,
  csvUtf8WithBom,
  csvWindows1252,
  encryptedWorkbook,
  legacyXls,
  lyingZipBomb,
  macroEnabledXlsx,
  oversizedFile,
  pdfFile,
  raggedCsv,
  tooManyRowsCsv,
  zipBomb,
} from '../support/spreadsheet-fixtures';

let reviewer: Actor;
let reviewId: string;
let findingId: string;

beforeAll(async () => {
  const board = await createAgency('Partnership board', true);
  for (const name of ["Children's social care", 'Health', 'Education', 'Police']) await createAgency(name);
  reviewer = await createUser('REVIEWER', board.id);
  reviewId = (await makeReview(reviewer)).id;
  findingId = (await makeFinding(reviewer, reviewId)).id;
});

async function preview(bytes: Uint8Array, name: string) {
  const { id } = await startPlanImport(reviewer, { reviewId, file: new File([new Uint8Array(bytes)], name) });
  const loaded = await getPlanImport(reviewer, id);
  if (loaded.committed) throw new Error('a new upload is not committed');
  return loaded;
}

async function workbook(rows: (string | number | Date | null)[][]) {
  const book = new ExcelJS.Workbook();
  const sheet = book.addWorksheet('Plan');
  for (const row of rows) sheet.addRow(row);
  return new Uint8Array(await book.xlsx.writeBuffer());
}

describe('plans as partnerships keep them', () => {
  it('reads a workbook with a title, merged recommendation cells, date cells, a notes row, a formula and other sheets', async () => {
    const loaded = await preview(await actionPlanXlsx(), 'plan.xlsx');
    expect(loaded.sheets.map((s) => s.name)).toEqual(['Action plan', 'Lookups', 'Notes']);
    expect(loaded.headerRow).toBe(4);
    expect(loaded.headers).toEqual(['Ref', 'Recommendation', 'Action ref', 'Action', 'Agency', 'Due date', 'Status']);
    const rows = loaded.plan.rows;
    // The merged R1 reaches its three action rows.
    expect(rows.map((r) => [r.row, r.label])).toEqual([
      [5, 'R1.1'],
      [6, 'R1.2'],
      [7, 'R1.3'],
      [8, 'R2.1'],
      [12, 'Actions in plan'],
    ]);
    expect(rows.slice(0, 3).map((r) => r.action.dueDate)).toEqual(['2013-03-31', '2013-04-30', '2013-05-31']);
    expect(loaded.plan.skipped.map((s) => s.row)).toEqual([10]);
    // "Done" is not the product's word: proposed, to confirm. The formula's row (a total) is a problem to leave out.
    expect(loaded.plan.statusWords).toEqual([{ word: 'Done', proposed: 'IMPLEMENTED', chosen: null, rows: 1 }]);
    expect(rows[4]!.problems.map((p) => p.message).join(' ')).toMatch(/is not a reference/);
  });

  it.each([
    {
      layout: 'No. | Recommendation | Responsibility | Date | Progress presented to committee | Assessment of progress',
      rows: [
        ['No.', 'Recommendation', 'Responsibility', 'Date', 'Progress presented to committee', 'Assessment of progress'],
        [1, 'Audit every referral', 'Police', 'December 2012', 'Audit started in November', 'Good progress'],
        [2, 'Publish the strategy', "Children's social care", 'Q1 2013/14', 'Published', 'Complete'],
      ],
      mapping: ['reference', 'recommendation', 'agency', 'dueDate', 'progress', 'status'],
      labels: ['R1.1', 'R2.1'],
      dueDates: ['2012-12-31', '2013-06-30'],
      words: [
        ['Complete', 'IMPLEMENTED'],
        ['Good progress', 'IN_PROGRESS'],
      ],
    },
    {
      layout: 'Reference | Recommendation | Lead officer | Action taken | Status (Complete / Ongoing / Paused) | RAG',
      rows: [
        ['Reference', 'Recommendation', 'Lead officer', 'Action taken', 'Status (Complete / Ongoing / Paused)', 'RAG'],
        ['R1', 'Train every front-line worker', null, 'Two sessions held', 'Ongoing', 'Amber'],
        ['R2', 'Review the escalation policy', null, 'Waiting for the new guidance', 'Paused', 'Red'],
      ],
      mapping: ['reference', 'recommendation', 'leadOfficer', 'progress', 'status', 'rag'],
      labels: ['R1.1', 'R2.1'],
      dueDates: [undefined, undefined],
      words: [
        ['Ongoing', 'IN_PROGRESS'],
        ['Paused', 'IN_PROGRESS'],
      ],
    },
    {
      layout: 'Objective | Actions required | Expected outcome | When | Lead | Progress at date',
      rows: [
        ['Objective', 'Actions required', 'Expected outcome', 'When', 'Lead', 'Progress at 31/03/2013'],
        ['Children are listened to', 'Run a survey', 'Views heard', 'Sept 2013', 'Education', 'Survey drafted'],
        [null, 'Act on it', 'Changes made', 'ongoing', 'Health', null],
      ],
      mapping: ['recommendation', 'action', null, 'dueDate', 'agency', 'progress'],
      labels: ['R1.1', 'R1.2'],
      dueDates: ['2013-09-30', undefined],
      words: [],
    },
  ])('recognises the columns of "$layout"', async ({ rows, mapping, labels, dueDates, words }) => {
    const loaded = await preview(await workbook(rows), 'plan.xlsx');
    expect(loaded.headerRow).toBe(1);
    expect(loaded.settings.columns).toEqual(mapping);
    expect(loaded.plan.rows.map((r) => r.label)).toEqual(labels);
    expect(loaded.plan.rows.map((r) => r.action.dueDate)).toEqual(dueDates);
    expect(loaded.plan.statusWords.map((w) => [w.word, w.proposed])).toEqual(words);
  });

  it('reads the same CSV plan alike as UTF-8, UTF-8 with a byte-order mark, and Windows-1252', async () => {
    const plans = [];
    for (const [bytes, name] of [
      [csvUtf8(), 'plan.csv'],
      [csvUtf8WithBom(), 'plan-bom.csv'],
      [csvWindows1252(), 'plan-1252.csv'],
    ] as const) {
      const loaded = await preview(bytes, name);
      plans.push(loaded.plan.rows.map((r) => [r.row, r.label, r.action.text, r.action.ownerAgencyId, r.action.dueDate]));
    }
    expect(plans[1]).toEqual(plans[0]);
    expect(plans[2]).toEqual(plans[0]);
    expect(plans[0]!.map((r) => r[2])).toContain('Café – ‘quoted’');
  });

  it('offers a template whose columns are recognised as they are, and that has no rows', async () => {
    for (const format of ['xlsx', 'csv'] as const) {
      const template = await planTemplate(format);
      const loaded = await preview(new Uint8Array(template.body), template.fileName);
      expect(loaded.settings.columns).toEqual([...PLAN_COLUMNS]);
      expect(loaded.plan.counts.rows).toBe(0);
    }
  });

  it('a chosen sheet and header row are read afresh', async () => {
    const loaded = await preview(await actionPlanXlsx(), 'plan.xlsx');
    await updatePlanImport(reviewer, {
      importId: loaded.id,
      version: loaded.version,
      sheetName: 'Lookups',
      headerRow: 1,
      columns: [],
      statusWords: [],
      defaultDueDate: null,
      defaultFindingId: findingId,
    });
    const again = await getPlanImport(reviewer, loaded.id);
    if (again.committed) throw new Error('not committed');
    expect(again.sheetName).toBe('Lookups');
    expect(again.headers).toEqual(['Not started']);
    expect(again.plan.counts.rows).toBe(0);
  });
});

describe('files that are not plans: refused with what to do, nothing kept', () => {
  it.each([
    ['a PDF', () => pdfFile(), 'plan.xlsx', /not a spreadsheet/],
    ['a password-protected workbook', () => encryptedWorkbook(), 'plan.xlsx', /protected with a password/],
    ['an Excel 97–2003 workbook', () => legacyXls(), 'plan.xls', /save it as \.xlsx/],
    ['a macro-enabled workbook', () => macroEnabledXlsx(), 'plan.xlsm', /contains macros/],
    ['a zip bomb', () => zipBomb(), 'plan.xlsx', /more than 100 MB/],
    ['a zip bomb that lies about its size', () => lyingZipBomb(), 'plan.xlsx', /more than 100 MB/],
    ['a file over 10 MB', () => oversizedFile(), 'plan.csv', /larger than 10 MB/],
    ['a CSV of more than 20,000 rows', () => tooManyRowsCsv(), 'plan.csv', /more than 20,000 rows/],
    ['a CSV with a different number of fields on a line', () => raggedCsv(), 'plan.csv', /Line \d+ has \d+ fields/],
  ])('%s', async (_, build, name, message) => {
    const before = await db.planImport.count();
    const refused = await refusal(startPlanImport(reviewer, { reviewId, file: new File([new Uint8Array(await build())], name) }));
    expect(refused).toBeInstanceOf(RuleError);
    expect((refused as RuleError).field).toBe('file');
    expect((refused as RuleError).message).toMatch(message);
    expect(await db.planImport.count()).toBe(before);
  });
});
