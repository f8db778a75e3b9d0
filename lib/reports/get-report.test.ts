import { beforeAll, describe, expect, it } from 'vitest';
import type { Actor } from '@/lib/auth/session-user';
import { db } from '@/lib/db';
import { RuleError } from '@/lib/errors';
import { addComment } from '@/lib/comments/add-comment';
import { updateProgress } from '@/lib/actions/update-progress';
import { decideRecommendation } from '@/lib/recommendations/decide-recommendation';
import { seedDemoData } from '@/prisma/seed/index';
import { actorByEmail } from '@/tests/support/factories';
import { csvSections, pdfPages, xlsxSheets } from '@/tests/support/read-report-files';
import { getReport, PARTNERSHIP } from './get-report';
import { formatPercent } from './report-sections';
import { reportFile } from './report-file';
import { updateReview } from '@/lib/reviews/update-review';
import { updateReviewSchema } from '@/lib/reviews/review.schema';
import { updateUser } from '@/lib/users/update-user';
import { type ReportResult } from './get-report';

const ROCHDALE = 'review-rochdale-cse-2012';
let chair: Actor;
let owner: Actor;


beforeAll(async () => {
  await seedDemoData(db);
  chair = await actorByEmail('reviewer@followthrough.test');
  owner = await actorByEmail('owner.csc@followthrough.test');
});

describe('getReport', () => {
  it('rebuilds the Rochdale review as it stood on an earlier date', async () => {
    const { report } = await getReport(chair, ROCHDALE, { asAt: '2012-09-27', since: '2012-09-01' });
    expect(report.totals.recommendations).toBe(10);
    expect(report.totals.byStatus.NOT_STARTED).toBe(10);
    expect(report.totals.implementedPercent).toBe(0);

    const later = await getReport(chair, ROCHDALE, { asAt: '2013-03-31', since: '2013-02-28' });
    const now = await db.recommendation.groupBy({ by: ['status'], where: { reviewId: ROCHDALE }, _count: { _all: true } });
    for (const row of now) expect(later.report.totals.byStatus[row.status]).toBe(row._count._all);
  });

  it('gives the same report for a past date after statuses change today', async () => {
    const query = { asAt: '2013-01-31', since: '2012-12-31' };
    const before = await getReport(chair, ROCHDALE, query);
    const open = await db.action.findFirstOrThrow({ where: { recommendation: { reviewId: ROCHDALE }, ownerAgencyId: owner.agencyId, status: 'IN_PROGRESS' } });
    await updateProgress(owner, { actionId: open.id, version: open.version, status: 'IN_PROGRESS', note: 'Still going' });
    const notStarted = await db.recommendation.findFirstOrThrow({ where: { reviewId: ROCHDALE, status: 'NOT_STARTED' } });
    await decideRecommendation(chair, { recommendationId: notStarted.id, version: notStarted.version, status: 'SUPERSEDED', note: 'Replaced' });

    expect(await getReport(chair, ROCHDALE, query)).toEqual(before);
    const today = await getReport(chair, ROCHDALE, {});
    expect(today.report.changes.statusChanges.map((c) => c.to)).toContain('SUPERSEDED');
    expect(today.report.recommendations.find((r) => r.id === notStarted.id)?.status).toBe('SUPERSEDED');
  });

  it('keeps a built report until the next event anywhere, then builds it again', async () => {
    const query = { asAt: '2013-01-31', since: '2012-12-31' };
    const first = await getReport(chair, ROCHDALE, query);
    expect(await getReport(owner, ROCHDALE, query)).toBe(first);
    // Any change writes an event, even one the report does not show (here a comment).
    const recommendation = await db.recommendation.findFirstOrThrow({ where: { reviewId: ROCHDALE } });
    await addComment(chair, { recommendationId: recommendation.id, body: 'Noted' });
    const again = await getReport(chair, ROCHDALE, query);
    expect(again).not.toBe(first);
    expect(again).toEqual(first);
  });

  it('refuses a future date and a comparison date after the report date', async () => {
    await expect(getReport(chair, ROCHDALE, { asAt: '2999-01-01' })).rejects.toThrow(RuleError);
    await expect(getReport(chair, ROCHDALE, { asAt: '2013-01-31', since: '2013-02-01' })).rejects.toThrow(RuleError);
  });

  it('covers every open review in the partnership report, and viewers may read it', async () => {
    const viewer = await actorByEmail('viewer@followthrough.test');
    const result = await getReport(viewer, PARTNERSHIP, { asAt: '2013-03-31' });
    expect(result.reviews.length).toBeGreaterThanOrEqual(2);
    expect(result.report.recommendations.every((r) => r.reviewTitle !== '')).toBe(true);
  });
});

/** The report on screen (what the page renders) and in every file. */
async function everything(result: ReportResult) {
  return {
    screen: structuredClone(result),
    csv: (await reportFile(result, 'csv')).body.toString('utf8'),
    xlsx: [...(await xlsxSheets((await reportFile(result, 'xlsx')).body))],
    pdf: await pdfPages((await reportFile(result, 'pdf')).body),
  };
}

describe('a past report', () => {
  it('never changes: built from history alone, it keeps the titles, names and open reviews of its day', async () => {
    const admin = await actorByEmail('admin@followthrough.test');
    const query = { asAt: '2013-01-31', since: '2012-12-31' };
    const before = {
      review: await everything(await getReport(chair, ROCHDALE, query)),
      partnership: await everything(await getReport(chair, PARTNERSHIP, query)),
    };
    expect(before.partnership.screen.reviews.map((r) => r.id)).toContain(ROCHDALE);

    // Rename the review and close another, through the app's own use case.
    const edit = async (id: string, change: Record<string, unknown>) => {
      const review = await db.review.findUniqueOrThrow({ where: { id } });
      await updateReview(chair, updateReviewSchema.parse({ ...review, ...change }));
    };
    await edit(ROCHDALE, { title: 'Renamed: the Rochdale review' });
    const other = before.partnership.screen.reviews.find((r) => r.id !== ROCHDALE)!;
    await edit(other.id, { status: 'CLOSED' });
    await edit(ROCHDALE, { status: 'CLOSED' });
    // Rename a person the report names (the lead officer who acted most).
    const lead = await db.user.findUniqueOrThrow({ where: { email: 'owner.csc@followthrough.test' } });
    await updateUser(admin, { id: lead.id, name: 'Renamed lead officer', role: lead.role, agencyId: lead.agencyId });

    const after = {
      review: await everything(await getReport(chair, ROCHDALE, query)),
      partnership: await everything(await getReport(chair, PARTNERSHIP, query)),
    };
    expect(after).toEqual(before);

    // Today's reports show the changes: the new title and name, and neither closed review in the partnership's.
    const today = await getReport(chair, ROCHDALE, {});
    expect(today.title).toBe('Progress report: Renamed: the Rochdale review');
    expect(today.report.recommendations.map((r) => r.leadOfficer)).toContain('Renamed lead officer');
    const partnershipToday = await getReport(chair, PARTNERSHIP, {});
    expect(partnershipToday.reviews.map((r) => r.id)).not.toContain(ROCHDALE);
    expect(partnershipToday.reviews.map((r) => r.id)).not.toContain(other.id);
  });
});

describe('report files', () => {
  it('carry the same numbers as the report in CSV, XLSX and PDF', async () => {
    const result = await getReport(chair, ROCHDALE, { asAt: '2013-01-31', since: '2012-12-31' });
    const { totals } = result.report;

    // The history fingerprint it was built from: the newest event up to the end of its day, on every file and page.
    const newest = await db.historyEvent.findFirstOrThrow({ where: { occurredAt: { lte: new Date('2013-01-31T23:59:59.999Z') } }, orderBy: { id: 'desc' } });
    expect(result.fingerprint).toBe(`${newest.id}:${newest.hash!.slice(0, 16)}`);
    const csv = await reportFile(result, 'csv');
    expect(csv.body.toString('utf8')).toContain(`History fingerprint ${result.fingerprint}.`);
    expect([...(await xlsxSheets((await reportFile(result, 'xlsx')).body)).values()][0]!.flat().join(' ')).toContain(`History fingerprint ${result.fingerprint}.`);
    expect(csv.fileName).toBe('followthrough-review-of-multi-agency-responses-to-child-sexual-as-at-2013-01-31.csv');
    // The headline figures, one row (no Measure/Value table), in the one percentage format; months in words.
    const csvText = csv.body.toString('utf8');
    const headline = csvSections(csvText).get('Headline figures')!;
    expect(headline[0]).toEqual(['Recommendations', 'Implemented or verified', 'Verified', 'Overdue', 'RAG red', 'Evidence awaiting assessment', 'RAG amber', 'RAG green', 'No RAG rating (closed)']);
    expect(headline[1]!.slice(0, 4)).toEqual([String(totals.recommendations), formatPercent(totals.implementedPercent), formatPercent(totals.verifiedPercent), String(totals.overdue)]);
    expect(csvSections(csvText).has('Summary')).toBe(false);
    const progress = csvSections(csvText).get('Progress by month')!;
    expect(progress[1]![0]).toBe('September 2012');
    expect(progress.at(-1)![0]).toBe('January 2013');
    expect(csvSections(csvText).get('Actions by owner agency')!.every((row, i) => i === 0 || /^\d+(\.\d)?%$/.test(row.at(-1)!))).toBe(true);
    const statuses = csvSections(csvText).get('Every recommendation')!.slice(1).map((row) => row[2]);
    expect(statuses.every((status) => ['Not started', 'In progress', 'Implemented', 'Verified', 'Not accepted', 'Superseded'].includes(status!))).toBe(true);

    const xlsx = await xlsxSheets((await reportFile(result, 'xlsx')).body);
    const sheet = xlsx.get('Headline figures')!;
    // Heading (2 lines), section title, column headers, then the figures as numbers (percentages as fractions, shown as "30%").
    expect(sheet[4]![0]).toBe(totals.recommendations);
    expect(sheet[4]![1]).toBeCloseTo(totals.implementedPercent / 100, 10);
    const recommendations = xlsx.get('Every recommendation')!;
    expect(recommendations.at(-1)?.[6]).toBeInstanceOf(Date);
    expect(xlsx.get('Progress by month')!.at(-1)?.[0]).toEqual(new Date('2013-01-01T00:00:00Z'));
    // The order a board reads: headline, exceptions, changes, detail.
    expect([...xlsx.keys()]).toEqual([
      'Headline figures',
      'Actions by status and RAG',
      'Red, overdue, slipped, stalled',
      'Overdue and slipped actions',
      'Evidence awaiting assessment',
      'Status changes',
      'New evidence',
      'Newly overdue',
      'Actions by owner agency',
      'Progress by month',
      'Measures against target',
      'Every recommendation',
      'Every action',
    ]);

    const pages = await pdfPages((await reportFile(result, 'pdf')).body);
    expect(pages.length).toBeGreaterThanOrEqual(2);
    pages.forEach((text, i) => {
      expect(text).toContain('Progress report: Review of multi-agency responses');
      expect(text).toContain('As at 31 January 2013');
      expect(text).toContain(`History fingerprint ${result.fingerprint}`);
      expect(text).toContain(`Page ${i + 1} of ${pages.length}`);
    });
  });
});
