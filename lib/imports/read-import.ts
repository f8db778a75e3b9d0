import 'server-only';
import { createHash } from 'node:crypto';
import { forRag, liveActionsForRag } from '@/lib/actions/actions-for-rag';
import { actionRag } from '@/lib/actions/roll-up';
import { dayOf } from '@/lib/days';
import type { Tx } from '@/lib/db';
import { RuleError } from '@/lib/errors';
import { unneutralisedText } from '@/lib/reports/to-csv';
import type { RecommendationStatus } from '@/lib/generated/prisma/enums';
import { type CellValue, headerTexts, type ImportField, type SheetRow } from './columns';
import { type ImportSettings, type Plan, type PlanData, planImport } from './plan-import';
import { readSpreadsheet, type Sheet } from './read-spreadsheet';

/** An upload as stored (the PlanImport row). */
export type StoredImport = {
  id: string;
  reviewId: string;
  fileName: string;
  sha256: string;
  content: Uint8Array;
  sheetName: string;
  headerRow: number;
  columns: unknown;
  statusWords: unknown;
  defaultDueDate: Date | null;
  defaultFindingId: string | null;
  version: number;
};

export function settingsOf(record: StoredImport): ImportSettings {
  return {
    columns: (Array.isArray(record.columns) ? record.columns : []) as (ImportField | null)[],
    statusWords: (record.statusWords ?? {}) as Record<string, RecommendationStatus | null>,
    defaultDueDate: record.defaultDueDate ? dayOf(record.defaultDueDate) : null,
    defaultFindingId: record.defaultFindingId,
  };
}

/**
 * A CSV exported by Followthrough (or any careful program) puts an apostrophe
 * before text a spreadsheet would run as a formula (lib/reports/to-csv.ts);
 * reading it back takes the apostrophe off, so export then import changes nothing.
 */
const unescapeFormula = (cell: CellValue): CellValue => (typeof cell === 'string' ? unneutralisedText(cell) : cell);

/** The stored file, read again: its sheets, and the one chosen with its header and data rows. */
export async function readStoredFile(record: Pick<StoredImport, 'fileName' | 'content' | 'sheetName' | 'headerRow'>) {
  const read = await readSpreadsheet({ name: record.fileName, bytes: record.content });
  if (!read.ok) throw new RuleError(read.problem, 'file');
  const sheets: Sheet[] =
    read.kind === 'csv' ? read.sheets.map((sheet) => ({ ...sheet, rows: sheet.rows.map((row) => ({ ...row, cells: row.cells.map(unescapeFormula) })) })) : read.sheets;
  const sheet = sheets.find((s) => s.name === record.sheetName) ?? sheets[0]!;
  const header = sheet.rows.find((row) => row.number === record.headerRow);
  const dataRows: SheetRow[] = sheet.rows.filter((row) => row.number > record.headerRow);
  return { kind: read.kind, sheets, sheet, headers: header ? headerTexts(header) : [], dataRows };
}

/** The review as the plan compares with it: its live recommendations and actions, with what matching needs. */
export async function loadPlanData(tx: Tx, reviewId: string, now: Date): Promise<PlanData> {
  const [agencies, people, findings, recommendations, archived, archivedActions] = await Promise.all([
    tx.agency.findMany({ select: { id: true, name: true, shortName: true }, orderBy: { shortName: 'asc' } }),
    tx.user.findMany({ where: { active: true }, select: { id: true, name: true, email: true, agencyId: true }, orderBy: { name: 'asc' } }),
    tx.finding.findMany({ where: { reviewId, archivedAt: null }, select: { id: true, reference: true, text: true } }),
    tx.recommendation.findMany({
      where: { reviewId, archivedAt: null },
      select: {
        id: true,
        reference: true,
        text: true,
        status: true,
        findings: { where: { archivedAt: null }, select: { id: true } },
        actions: {
          where: liveActionsForRag.where,
          orderBy: { createdAt: 'asc' },
          select: {
            ...liveActionsForRag.select,
            id: true,
            text: true,
            ownerAgencyId: true,
            leadOfficerId: true,
            progressNote: true,
            version: true,
            evidence: { where: { archivedAt: null }, select: { title: true }, orderBy: { submittedAt: 'asc' } },
          },
        },
      },
    }),
    tx.recommendation.findMany({ where: { reviewId, archivedAt: { not: null } }, select: { reference: true } }),
    tx.action.findMany({ where: { archivedAt: { not: null }, recommendation: { reviewId, archivedAt: null } }, select: { recommendationId: true, reference: true } }),
  ]);
  return {
    archivedRecommendationReferences: archived.map((r) => r.reference),
    agencies,
    people,
    findings,
    recommendations: recommendations.map((r) => ({
      id: r.id,
      reference: r.reference,
      text: r.text,
      status: r.status,
      findingIds: r.findings.map((f) => f.id),
      archivedActionReferences: archivedActions.filter((a) => a.recommendationId === r.id).map((a) => a.reference),
      actions: r.actions.map((a) => ({
        id: a.id,
        reference: a.reference,
        text: a.text,
        ownerAgencyId: a.ownerAgencyId,
        leadOfficerId: a.leadOfficerId,
        dueDate: dayOf(a.dueDate),
        status: a.status,
        rating: actionRag(forRag([a])[0]!, now).rating,
        progressNote: a.progressNote,
        evidenceTitles: a.evidence.map((e) => e.title),
        version: a.version,
      })),
    })),
  };
}

/**
 * What committing would write, as a SHA-256: the preview shows it and the
 * commit form sends it back; the commit computes the plan again and refuses
 * if it differs (someone changed the review, or the settings, in between).
 */
export function planFingerprint(plan: Plan, version: number): string {
  const what = plan.rows.map((row) => [row.row, row.recommendation, row.action, row.problems.length]);
  return createHash('sha256').update(JSON.stringify([version, what])).digest('hex');
}

/** The plan for a stored upload against the review as it is now (in the caller's transaction, for the commit). */
export async function planFor(tx: Tx, record: StoredImport, now: Date) {
  const file = await readStoredFile(record);
  const data = await loadPlanData(tx, record.reviewId, now);
  const plan = planImport(file.dataRows, settingsOf(record), data, now);
  return { file, data, plan, fingerprint: planFingerprint(plan, record.version) };
}
