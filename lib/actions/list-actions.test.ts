import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import type { Actor } from '@/lib/auth/session-user';
import { db } from '@/lib/db';
import type { RecommendationStatus } from '@/lib/generated/prisma/enums';
import { encodeCursor, type ListSort, parseListParams, type SearchParamsInput, type SortDir } from '@/lib/recommendations/list-recommendations.schema';
import { STATUS_ORDER } from '@/lib/recommendations/status';
import { createAgency, createUser } from '@/tests/support/factories';
import { createMeasure, createRecommendation, createReview, day } from '@/tests/support/list-factories';
import { ACTIONS_PAGE_SIZE, type ActionListPage, type ActionListRow, listActions } from './list-actions';

// A fixed "now": due dates and RAG ratings below are relative to 15 June 2026.
const NOW = new Date('2026-06-15T10:00:00.000Z');
const at = (iso: string) => new Date(`${iso}Z`);
// Every action below started on 1 January and had an update of substance recently (no stall).
const dated = { createdAt: at('2026-01-01T00:00:00'), lastProgressAt: at('2026-06-10T09:00:00') };

let reviewer: Actor;
let owner: Actor;
let viewer: Actor;
let agencyA: string;
let agencyB: string;
let leadA: Actor;
let leadB: Actor;

// Each test makes its own review (and, where it filters by agency or lead
// officer, its own agencies and people), so no test sees another's rows.
beforeAll(async () => {
  agencyA = (await createAgency('Police A')).id;
  agencyB = (await createAgency('Health B')).id;
  const board = (await createAgency('Board', true)).id;
  reviewer = await createUser('REVIEWER', board);
  viewer = await createUser('VIEWER', board);
  owner = await createUser('OWNER', agencyA);
  leadA = await createUser('OWNER', agencyA);
  leadB = await createUser('OWNER', agencyB);
});

afterEach(() => {
  vi.restoreAllMocks();
});

async function list(params: SearchParamsInput, options: { actor?: Actor; now?: Date } = {}): Promise<ActionListPage> {
  const { filters, ignored } = parseListParams(params);
  expect(ignored).toEqual([]);
  return listActions(options.actor ?? reviewer, filters, options.now ?? NOW);
}

/** The labels of a one-page result, checking that `total` counts exactly them. */
async function labels(params: SearchParamsInput, now = NOW): Promise<string[]> {
  const page = await list(params, { now });
  expect(page.total).toBe(page.rows.length);
  expect(page.nextCursor).toBeNull();
  expect(page.previousCursor).toBeNull();
  return page.rows.map((row) => row.label);
}

describe('listActions: rows', () => {
  it('shows each action as "R3.1", with its own text or else its recommendation\'s, its recommendation and its review', async () => {
    const review = await createReview({ title: 'Rows review' });
    const agencyC = await createAgency('Education C');
    const leadC = await createUser('OWNER', agencyC.id);
    const r3 = await createRecommendation({
      ...dated, reviewId: review.id, reference: 'R3', ownerAgencyId: agencyC.id, leadOfficerId: leadC.id, priority: 'HIGH',
      dueDate: '2026-07-01', text: 'Recommendation three as written',
      actions: [
        { reference: '1', text: null, ownerAgencyId: agencyC.id, leadOfficerId: leadC.id, status: 'IN_PROGRESS', dueDate: '2026-07-01' },
        {
          reference: '2', text: 'Health B screens every referral', ownerAgencyId: agencyB, leadOfficerId: null, status: 'NOT_STARTED',
          dueDate: '2026-08-01', originalDueDate: '2026-07-15',
        },
      ],
    });
    const [first, second] = await Promise.all(r3.actionIds.map((id) => db.action.findUniqueOrThrow({ where: { id } })));

    const page = await list({ review: review.id });
    expect(page.total).toBe(2);
    expect(page.pageSize).toBe(ACTIONS_PAGE_SIZE);
    expect(page.rows).toEqual<ActionListRow[]>([
      {
        id: first!.id,
        version: first!.version,
        label: 'R3.1',
        text: 'Recommendation three as written',
        recommendation: { id: r3.id, reference: 'R3' },
        review: { id: review.id, title: 'Rows review' },
        status: 'IN_PROGRESS',
        ownerAgency: { id: agencyC.id, shortName: 'Education C' },
        leadOfficer: { id: leadC.id, name: leadC.name },
        priority: 'HIGH',
        dueDate: day('2026-07-01'),
        originalDueDate: day('2026-07-01'),
        updatedAt: first!.updatedAt,
        // In progress without measures, due date unchanged: on track.
        rag: { rating: 'GREEN', reasons: ['On track'], overridden: false },
        overdue: false,
        daysOverdue: 0,
      },
      {
        id: second!.id,
        version: second!.version,
        label: 'R3.2',
        text: 'Health B screens every referral',
        recommendation: { id: r3.id, reference: 'R3' },
        review: { id: review.id, title: 'Rows review' },
        status: 'NOT_STARTED',
        ownerAgency: { id: agencyB, shortName: 'Health B' },
        leadOfficer: null,
        priority: 'HIGH',
        dueDate: day('2026-08-01'),
        originalDueDate: day('2026-07-15'),
        updatedAt: second!.updatedAt,
        // Not started with 165 of 212 days gone, and moved.
        rag: { rating: 'AMBER', reasons: ['Due date has moved', 'Progress 0% with 78% of the time gone'], overridden: false },
        overdue: false,
        daysOverdue: 0,
      },
    ]);
  });

  it('sends at most 300 characters of text, its own or its recommendation\'s', async () => {
    const review = await createReview({ title: 'Long text review' });
    await createRecommendation({
      ...dated, reviewId: review.id, reference: 'L1', ownerAgencyId: agencyA, dueDate: '2027-01-01', text: 'x'.repeat(5000),
      actions: [
        { reference: '1', text: null, dueDate: '2027-01-01' },
        { reference: '2', text: 'y'.repeat(400), dueDate: '2027-02-01' },
      ],
    });
    const rows = (await list({ review: review.id })).rows;
    expect(rows.map((row) => row.text)).toEqual(['x'.repeat(300), 'y'.repeat(300)]);
  });

  it('shows a reviewer\'s RAG override as overridden, and rates each action on its own live measures', async () => {
    const review = await createReview({ title: 'RAG review' });
    // Due 1 July: 165 of 181 days (91%) gone by 15 June.
    const g1 = await createRecommendation({
      ...dated, reviewId: review.id, reference: 'G1', ownerAgencyId: agencyA, dueDate: '2026-07-01',
      actions: [
        { reference: '1', status: 'IN_PROGRESS', dueDate: '2026-07-01' },
        { reference: '2', status: 'IN_PROGRESS', dueDate: '2026-07-02' },
        { reference: '3', status: 'IN_PROGRESS', dueDate: '2026-07-03', ragOverride: 'RED' },
        { reference: '4', status: 'VERIFIED', dueDate: '2026-07-04', ragOverride: 'GREEN' },
        { reference: '5', status: 'NOT_STARTED', dueDate: '2026-07-05', ragOverride: 'AMBER' },
      ],
    });
    const [one, two] = g1.actionIds;
    await createMeasure(one!, 10, 10);
    // Archived: counted, it would halve action 1's progress and make it amber.
    await createMeasure(one!, 10, 0, at('2026-06-01T00:00:00'));
    await createMeasure(two!, 10, 5);

    const rows = new Map((await list({ review: review.id })).rows.map((row) => [row.label, row.rag]));
    expect(Object.fromEntries(rows)).toEqual({
      'G1.1': { rating: 'GREEN', reasons: ['On track'], overridden: false },
      'G1.2': { rating: 'AMBER', reasons: ['Progress 50% with 91% of the time gone'], overridden: false },
      'G1.3': { rating: 'RED', reasons: ['Set by a reviewer', 'On track'], overridden: true },
      // Verified: no rating, so nothing to override.
      'G1.4': { rating: null, reasons: [], overridden: false },
      'G1.5': { rating: 'AMBER', reasons: ['Set by a reviewer', 'Progress 0% with 89% of the time gone'], overridden: true },
    });
  });

  it('reads a page in one query, plus one to count', async () => {
    const review = await createReview({ title: 'Query count review' });
    await createRecommendation({ reviewId: review.id, ownerAgencyId: agencyA, dueDate: '2026-09-01' });
    const spy = vi.spyOn(db, '$queryRaw');
    const page = await list({ review: review.id, status: ['NOT_STARTED', 'IN_PROGRESS'], q: 'recommendation', sort: 'status' });
    expect(page.rows).toHaveLength(1);
    expect(spy).toHaveBeenCalledTimes(2);
  });
});

describe('listActions: filters', () => {
  it('filters by the action\'s owner agency, not its recommendation\'s', async () => {
    const review = await createReview({ title: 'Joint review' });
    const agencyC = (await createAgency('Police C')).id;
    const agencyD = (await createAgency('Housing D')).id;
    // J1 is led by C (its first action's agency); its second action is D's.
    const j1 = await createRecommendation({
      ...dated, reviewId: review.id, reference: 'J1', ownerAgencyId: agencyC, dueDate: '2026-09-01',
      actions: [
        { reference: '1', ownerAgencyId: agencyC, dueDate: '2026-08-01' },
        { reference: '2', ownerAgencyId: agencyD, dueDate: '2026-09-01' },
      ],
    });
    expect((await db.recommendation.findUniqueOrThrow({ where: { id: j1.id } })).ownerAgencyId).toBe(agencyC);
    await createRecommendation({
      ...dated, reviewId: review.id, reference: 'J2', ownerAgencyId: agencyD, dueDate: '2026-10-01',
      actions: [{ reference: '1', ownerAgencyId: agencyD, dueDate: '2026-10-01' }],
    });

    expect(await labels({ agency: agencyD })).toEqual(['J1.2', 'J2.1']);
    expect(await labels({ agency: agencyC })).toEqual(['J1.1']);
    expect(await labels({ review: review.id, agency: agencyD })).toEqual(['J1.2', 'J2.1']);
    expect(await labels({ review: review.id, agency: agencyA })).toEqual([]);
    const rows = (await list({ agency: agencyD })).rows;
    expect(rows.map((row) => row.ownerAgency)).toEqual([
      { id: agencyD, shortName: 'Housing D' },
      { id: agencyD, shortName: 'Housing D' },
    ]);
  });

  it('filters by the action\'s lead officer', async () => {
    const review = await createReview({ title: 'Lead officer review' });
    const agencyE = (await createAgency('Probation E')).id;
    const leadE = await createUser('OWNER', agencyE);
    const otherLeadE = await createUser('OWNER', agencyE);
    // The recommendation's lead (its first action's) is leadE; only action 2 is otherLeadE's.
    await createRecommendation({
      ...dated, reviewId: review.id, reference: 'E1', ownerAgencyId: agencyE, leadOfficerId: leadE.id, dueDate: '2026-09-01',
      actions: [
        { reference: '1', leadOfficerId: leadE.id, dueDate: '2026-08-01' },
        { reference: '2', leadOfficerId: otherLeadE.id, dueDate: '2026-08-15' },
        { reference: '3', leadOfficerId: null, dueDate: '2026-09-01' },
      ],
    });
    await createRecommendation({
      ...dated, reviewId: review.id, reference: 'E2', ownerAgencyId: agencyE, leadOfficerId: otherLeadE.id, dueDate: '2026-07-01',
    });

    expect(await labels({ lead: otherLeadE.id })).toEqual(['E2.1', 'E1.2']);
    expect(await labels({ lead: leadE.id })).toEqual(['E1.1']);
    expect(await labels({ review: review.id, lead: leadA.id })).toEqual([]);
    const rows = (await list({ lead: otherLeadE.id })).rows;
    expect(rows.map((row) => row.leadOfficer)).toEqual([
      { id: otherLeadE.id, name: otherLeadE.name },
      { id: otherLeadE.id, name: otherLeadE.name },
    ]);
  });

  it('filters by one or more of the action\'s statuses', async () => {
    const review = await createReview({ title: 'Status review' });
    // Its rolled-up status is NOT_ACCEPTED (action 5 set aside): the filter reads each action's.
    await createRecommendation({
      ...dated, reviewId: review.id, reference: 'S1', ownerAgencyId: agencyA, dueDate: '2026-12-01',
      actions: [
        { reference: '1', status: 'NOT_STARTED', dueDate: '2026-07-01' },
        { reference: '2', status: 'IN_PROGRESS', dueDate: '2026-08-01' },
        { reference: '3', status: 'IMPLEMENTED', dueDate: '2026-09-01' },
        { reference: '4', status: 'VERIFIED', dueDate: '2026-10-01' },
        { reference: '5', status: 'NOT_ACCEPTED', dueDate: '2026-11-01' },
        { reference: '6', status: 'SUPERSEDED', dueDate: '2026-12-01' },
      ],
    });
    const review2 = await createReview({ title: 'Another status review' });
    await createRecommendation({ ...dated, reviewId: review2.id, reference: 'S2', ownerAgencyId: agencyA, status: 'IN_PROGRESS', dueDate: '2026-07-15' });

    expect(await labels({ review: review.id })).toEqual(['S1.1', 'S1.2', 'S1.3', 'S1.4', 'S1.5', 'S1.6']);
    expect(await labels({ review: review.id, status: 'IN_PROGRESS' })).toEqual(['S1.2']);
    expect(await labels({ review: review.id, status: 'NOT_ACCEPTED' })).toEqual(['S1.5']);
    expect(await labels({ review: review.id, status: ['NOT_STARTED', 'IMPLEMENTED', 'SUPERSEDED'] })).toEqual(['S1.1', 'S1.3', 'S1.6']);
    expect(await labels(new URLSearchParams(`review=${review.id}&status=VERIFIED&status=VERIFIED`))).toEqual(['S1.4']);
    expect(await labels({ review: review2.id, status: ['IN_PROGRESS', 'VERIFIED'] })).toEqual(['S2.1']);
    expect(await labels({ review: review2.id, status: ['NOT_STARTED', 'VERIFIED'] })).toEqual([]);
  });

  it('filters by review and by the recommendation\'s priority', async () => {
    const review1 = await createReview({ title: 'First filtered review' });
    const review2 = await createReview({ title: 'Second filtered review' });
    await createRecommendation({
      ...dated, reviewId: review1.id, reference: 'V1', ownerAgencyId: agencyA, priority: 'HIGH', dueDate: '2026-08-01',
      actions: [{ reference: '1', dueDate: '2026-07-01' }, { reference: '2', dueDate: '2026-08-01' }],
    });
    await createRecommendation({ ...dated, reviewId: review1.id, reference: 'V2', ownerAgencyId: agencyB, priority: 'LOW', dueDate: '2026-07-15' });
    await createRecommendation({ ...dated, reviewId: review2.id, reference: 'W1', ownerAgencyId: agencyA, priority: 'HIGH', dueDate: '2026-07-10' });

    expect(await labels({ review: review1.id })).toEqual(['V1.1', 'V2.1', 'V1.2']);
    expect(await labels({ review: review2.id })).toEqual(['W1.1']);
    expect(await labels({ review: 'no-such-review' })).toEqual([]);
    expect(await labels({ review: review1.id, priority: 'HIGH' })).toEqual(['V1.1', 'V1.2']);
    expect(await labels({ review: review1.id, priority: 'LOW' })).toEqual(['V2.1']);
    expect(await labels({ review: review1.id, priority: 'MEDIUM' })).toEqual([]);
    expect(await labels({ review: review1.id, agency: agencyB })).toEqual(['V2.1']);
  });

  it('searches action text, recommendation text, reference and review title, ignoring case', async () => {
    const review = await createReview({ title: 'Quetzal thematic review' });
    await createRecommendation({
      ...dated, reviewId: review.id, reference: 'K1', ownerAgencyId: agencyA, dueDate: '2026-08-01', text: 'Train staff on Marmalade protocols',
      actions: [
        { reference: '1', text: null, dueDate: '2026-07-01' },
        { reference: '2', text: 'Publish the Tangerine leaflet', dueDate: '2026-08-01' },
      ],
    });
    await createRecommendation({ ...dated, reviewId: review.id, reference: 'K2', ownerAgencyId: agencyA, dueDate: '2026-09-01', text: 'Hold regular panels' });
    const other = await createReview({ title: 'Another search review' });
    await createRecommendation({ ...dated, reviewId: other.id, reference: 'K2', ownerAgencyId: agencyA, dueDate: '2026-10-01', text: 'Panels too' });

    // The review's title.
    expect(await labels({ q: 'QUETZAL' })).toEqual(['K1.1', 'K1.2', 'K2.1']);
    // An action's own text.
    expect(await labels({ q: 'tangerine' })).toEqual(['K1.2']);
    expect(await labels({ q: '  tangerine LEAFLET  ' })).toEqual(['K1.2']);
    // The recommendation's text: every action carrying it out, even one with text of its own.
    expect(await labels({ q: 'marmalade' })).toEqual(['K1.1', 'K1.2']);
    // The recommendation's reference.
    expect(await labels({ review: review.id, q: 'k2' })).toEqual(['K2.1']);
    expect(await labels({ q: 'k2' })).toEqual(['K2.1', 'K2.1']);
    expect(await labels({ q: 'nothing like this quetzal' })).toEqual([]);
    // Combined with other filters, by AND.
    expect(await labels({ q: 'panels', review: other.id })).toEqual(['K2.1']);
  });

  it('matches %, _ and \\ literally in free text', async () => {
    const review = await createReview({ title: 'Literal search review' });
    await createRecommendation({ ...dated, reviewId: review.id, reference: 'C1', ownerAgencyId: agencyA, dueDate: '2026-07-01', text: 'Cut caseloads to 100% of the_target' });
    await createRecommendation({
      ...dated, reviewId: review.id, reference: 'C2', ownerAgencyId: agencyA, dueDate: '2026-08-01', text: 'Reach every family',
      actions: [{ reference: '1', text: 'Reach 100 percent of families, thetarget' }],
    });

    expect(await labels({ review: review.id })).toEqual(['C1.1', 'C2.1']);
    expect(await labels({ review: review.id, q: '100%' })).toEqual(['C1.1']);
    expect(await labels({ review: review.id, q: '%' })).toEqual(['C1.1']);
    expect(await labels({ review: review.id, q: '_' })).toEqual(['C1.1']);
    expect(await labels({ review: review.id, q: 'the_target' })).toEqual(['C1.1']);
    expect(await labels({ review: review.id, q: '\\' })).toEqual([]);
  });

  it('filters overdue on UK calendar days: due 1 July is overdue from midnight in London, and done work never is', async () => {
    const review = await createReview({ title: 'Overdue review' });
    await createRecommendation({
      ...dated, reviewId: review.id, reference: 'D1', ownerAgencyId: agencyA, dueDate: '2026-07-02', lastProgressAt: at('2026-06-20T09:00:00'),
      actions: [
        { reference: '1', status: 'NOT_STARTED', dueDate: '2026-07-01' },
        { reference: '2', status: 'IN_PROGRESS', dueDate: '2026-06-30' },
        { reference: '3', status: 'IMPLEMENTED', dueDate: '2026-06-01' },
        { reference: '4', status: 'VERIFIED', dueDate: '2026-06-02' },
        { reference: '5', status: 'SUPERSEDED', dueDate: '2026-06-03' },
        { reference: '6', status: 'NOT_STARTED', dueDate: '2026-07-02' },
      ],
    });

    // 22:30 UTC on 1 July is 23:30 in London (summer time): still 1 July.
    const lateEvening = at('2026-07-01T22:30:00');
    expect(await labels({ review: review.id, overdue: '1' }, lateEvening)).toEqual(['D1.2']);
    const evening = (await list({ review: review.id }, { now: lateEvening })).rows;
    expect(evening.map((row) => [row.label, row.overdue, row.daysOverdue])).toEqual([
      ['D1.3', false, 0],
      ['D1.4', false, 0],
      ['D1.5', false, 0],
      ['D1.2', true, 1],
      ['D1.1', false, 0],
      ['D1.6', false, 0],
    ]);
    expect(evening.find((row) => row.label === 'D1.1')?.rag.rating).not.toBe('RED');

    // 23:30 UTC on 1 July is 00:30 on 2 July in London: action 1 is now a day overdue.
    const pastMidnight = at('2026-07-01T23:30:00');
    expect(await labels({ review: review.id, overdue: '1' }, pastMidnight)).toEqual(['D1.2', 'D1.1']);
    const night = (await list({ review: review.id }, { now: pastMidnight })).rows;
    expect(night.map((row) => [row.label, row.overdue, row.daysOverdue])).toEqual([
      ['D1.3', false, 0],
      ['D1.4', false, 0],
      ['D1.5', false, 0],
      ['D1.2', true, 2],
      ['D1.1', true, 1],
      ['D1.6', false, 0],
    ]);
    expect(night.find((row) => row.label === 'D1.1')?.rag).toEqual({ rating: 'RED', reasons: ['Overdue since 1 July 2026'], overridden: false });

    // Combined with a status filter, by AND.
    expect(await labels({ review: review.id, overdue: '1', status: 'NOT_STARTED' }, pastMidnight)).toEqual(['D1.1']);
    expect(await labels({ review: review.id, overdue: '1', status: ['IMPLEMENTED', 'VERIFIED'] }, pastMidnight)).toEqual([]);
  });

  it('leaves out archived actions, and the actions of archived recommendations and archived reviews', async () => {
    const review = await createReview({ title: 'Archive review' });
    const agencyF = (await createAgency('Fire F')).id;
    const archivedReview = await createReview({ title: 'Archived yodel review', archivedAt: at('2026-06-01T00:00:00') });
    await createRecommendation({
      ...dated, reviewId: review.id, reference: 'Z1', ownerAgencyId: agencyF, dueDate: '2026-08-01',
      actions: [
        { reference: '1', text: 'Yodel live action', dueDate: '2026-08-01' },
        { reference: '2', text: 'Yodel archived action', dueDate: '2026-07-01', archivedAt: at('2026-06-01T00:00:00') },
      ],
    });
    await createRecommendation({
      ...dated, reviewId: review.id, reference: 'Z2', ownerAgencyId: agencyF, dueDate: '2026-07-01', archivedAt: at('2026-06-01T00:00:00'),
      text: 'Yodel archived recommendation',
    });
    await createRecommendation({
      ...dated, reviewId: archivedReview.id, reference: 'Z3', ownerAgencyId: agencyF, dueDate: '2026-07-01', text: 'Yodel in an archived review',
    });

    expect(await labels({ q: 'yodel' })).toEqual(['Z1.1']);
    expect(await labels({ agency: agencyF })).toEqual(['Z1.1']);
    expect(await labels({ review: review.id })).toEqual(['Z1.1']);
    expect(await labels({ review: archivedReview.id })).toEqual([]);
    expect(await labels({ agency: agencyF, overdue: '1' }, at('2026-12-01T12:00:00'))).toEqual(['Z1.1']);
  });
});

describe('listActions: sorting', () => {
  let reviewId: string;

  beforeAll(async () => {
    reviewId = (await createReview({ title: 'Sorting review' })).id;
    const t1 = await createRecommendation({
      ...dated, reviewId, reference: 'T1', ownerAgencyId: agencyA, dueDate: '2026-11-01',
      actions: [
        { reference: '1', status: 'IN_PROGRESS', dueDate: '2026-09-01' },
        { reference: '2', status: 'NOT_STARTED', dueDate: '2026-10-01' },
        { reference: '3', status: 'IMPLEMENTED', dueDate: '2026-08-01' },
        { reference: '4', status: 'NOT_STARTED', dueDate: '2026-07-01' },
        { reference: '5', status: 'VERIFIED', dueDate: '2026-11-01' },
      ],
    });
    const updated = ['2026-06-14', '2026-06-10', '2026-06-12', '2026-06-01', '2026-06-13'];
    for (const [index, id] of t1.actionIds.entries()) {
      await db.action.update({ where: { id }, data: { updatedAt: at(`${updated[index]}T09:00:00`) } });
    }
  });

  it('sorts by due date, soonest first unless asked otherwise', async () => {
    expect(await labels({ review: reviewId })).toEqual(['T1.4', 'T1.3', 'T1.1', 'T1.2', 'T1.5']);
    expect(await labels({ review: reviewId, sort: 'due', dir: 'desc' })).toEqual(['T1.5', 'T1.2', 'T1.1', 'T1.3', 'T1.4']);
  });

  it('sorts by the action\'s status in workflow order, then due date', async () => {
    expect(await labels({ review: reviewId, sort: 'status' })).toEqual(['T1.4', 'T1.2', 'T1.1', 'T1.3', 'T1.5']);
    expect(await labels({ review: reviewId, sort: 'status', dir: 'desc' })).toEqual(['T1.5', 'T1.3', 'T1.1', 'T1.2', 'T1.4']);
  });

  it('sorts by the action\'s last update, most recent first unless asked otherwise', async () => {
    expect(await labels({ review: reviewId, sort: 'updated' })).toEqual(['T1.1', 'T1.5', 'T1.3', 'T1.2', 'T1.4']);
    expect(await labels({ review: reviewId, sort: 'updated', dir: 'asc' })).toEqual(['T1.4', 'T1.2', 'T1.3', 'T1.5', 'T1.1']);
  });
});

describe('listActions: keyset pagination', () => {
  const TOTAL = 60;
  let reviewId: string;
  let agencyG: string;
  let agencyH: string;

  // 60 actions of three recommendations in their own review: 4 due dates (15
  // actions each), 3 statuses, two agencies, and last-update times shared by 7
  // actions at a time, so every sort has ties that cross page boundaries.
  beforeAll(async () => {
    reviewId = (await createReview({ title: 'Pagination review' })).id;
    agencyG = (await createAgency('Paging G')).id;
    agencyH = (await createAgency('Paging H')).id;
    const recommendations: { id: string }[] = [];
    for (const reference of ['P1', 'P2', 'P3']) {
      recommendations.push(await createRecommendation({ ...dated, reviewId, reference, ownerAgencyId: agencyG, dueDate: '2027-01-04' }));
    }
    // Their one action each is replaced by twenty.
    await db.action.deleteMany({ where: { recommendationId: { in: recommendations.map((r) => r.id) } } });
    const statuses: RecommendationStatus[] = ['NOT_STARTED', 'IN_PROGRESS', 'IMPLEMENTED'];
    await db.action.createMany({
      data: Array.from({ length: TOTAL }, (_, i) => ({
        recommendationId: recommendations[i % 3]!.id,
        reference: String(Math.floor(i / 3) + 1),
        text: `Paged action ${i + 1}`,
        ownerAgencyId: i % 2 ? agencyG : agencyH,
        status: statuses[Math.floor(i / 2) % 3]!,
        dueDate: day(`2027-01-0${(i % 4) + 1}`),
        originalDueDate: day(`2027-01-0${(i % 4) + 1}`),
        createdAt: at('2026-01-01T00:00:00'),
        lastProgressAt: at('2026-06-10T09:00:00'),
        updatedAt: new Date(Date.UTC(2026, 5, 1, 0, Math.floor(i / 7), 0, 123)),
      })),
    });
  });

  async function open(sort: ListSort, dir: SortDir, cursor?: string | null, extra: Record<string, string | string[]> = {}) {
    return list({ review: reviewId, sort, dir, ...(cursor ? { cursor } : {}), ...extra });
  }

  function sortKey(sort: ListSort, row: ActionListRow): number[] {
    if (sort === 'due') return [row.dueDate.getTime()];
    if (sort === 'status') return [STATUS_ORDER.indexOf(row.status), row.dueDate.getTime()];
    return [row.updatedAt.getTime()];
  }

  function compare(a: number[], b: number[]) {
    for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return a[i]! - b[i]!;
    return 0;
  }

  const cases: [ListSort, SortDir][] = [
    ['due', 'asc'],
    ['due', 'desc'],
    ['status', 'asc'],
    ['status', 'desc'],
    ['updated', 'desc'],
    ['updated', 'asc'],
  ];

  it.each(cases)('sorted by %s %s, visits every action exactly once forwards and backwards', async (sort, dir) => {
    const forward: ActionListPage[] = [await open(sort, dir)];
    expect(forward[0]!.previousCursor).toBeNull();
    while (forward.at(-1)!.nextCursor && forward.length < 10) forward.push(await open(sort, dir, forward.at(-1)!.nextCursor));
    expect(forward.map((page) => page.rows.length)).toEqual([ACTIONS_PAGE_SIZE, ACTIONS_PAGE_SIZE, TOTAL - 2 * ACTIONS_PAGE_SIZE]);
    for (const page of forward) expect(page.total).toBe(TOTAL);
    const rows = forward.flatMap((page) => page.rows);
    const ids = rows.map((row) => row.id);
    expect(new Set(ids).size).toBe(TOTAL);
    expect(new Set(rows.map((row) => row.label)).size).toBe(TOTAL);
    const all = await db.action.findMany({ where: { recommendation: { reviewId } }, select: { id: true } });
    expect([...ids].sort()).toEqual(all.map((action) => action.id).sort());

    // In order, by the sort key (ties broken by id).
    for (let i = 1; i < rows.length; i++) {
      const order = compare(sortKey(sort, rows[i - 1]!), sortKey(sort, rows[i]!));
      expect(dir === 'asc' ? order <= 0 : order >= 0).toBe(true);
    }

    // Backwards from the last page: the same actions, in the same order.
    const backward: ActionListPage[] = [forward.at(-1)!];
    while (backward[0]!.previousCursor && backward.length < 10) backward.unshift(await open(sort, dir, backward[0]!.previousCursor));
    expect(backward.map((page) => page.rows.length)).toEqual([ACTIONS_PAGE_SIZE, ACTIONS_PAGE_SIZE, TOTAL - 2 * ACTIONS_PAGE_SIZE]);
    expect(backward.flatMap((page) => page.rows.map((row) => row.id))).toEqual(ids);
    for (const page of backward) expect(page.total).toBe(TOTAL);
    expect(backward[0]!.previousCursor).toBeNull();
    expect(backward[0]!.nextCursor).not.toBeNull();
    expect(backward[1]!.nextCursor).not.toBeNull();
  });

  it('combines pagination with filters, counting every match in total', async () => {
    const pages: ActionListPage[] = [];
    let cursor: string | null | undefined;
    do {
      pages.push(await open('due', 'asc', cursor, { agency: agencyG, status: ['NOT_STARTED', 'IN_PROGRESS'] }));
      cursor = pages.at(-1)!.nextCursor;
    } while (cursor && pages.length < 10);
    const rows = pages.flatMap((page) => page.rows);
    // Odd actions are agency G's; two statuses in three are open.
    const expected = Array.from({ length: TOTAL }, (_, i) => i).filter((i) => i % 2 === 1 && Math.floor(i / 2) % 3 !== 2);
    expect(expected).toHaveLength(20);
    expect(rows.map((row) => row.text).sort()).toEqual(expected.map((i) => `Paged action ${i + 1}`).sort());
    expect(new Set(rows.map((row) => row.id)).size).toBe(20);
    for (const page of pages) expect(page.total).toBe(20);
    expect(pages).toHaveLength(1);
    for (const row of rows) {
      expect(row.ownerAgency.id).toBe(agencyG);
      expect(['NOT_STARTED', 'IN_PROGRESS']).toContain(row.status);
    }

    // Over a page: the 30 agency H actions take two pages, 25 and 5.
    const first = await open('status', 'asc', undefined, { agency: agencyH });
    expect(first.total).toBe(30);
    expect(first.rows).toHaveLength(ACTIONS_PAGE_SIZE);
    const second = await open('status', 'asc', first.nextCursor, { agency: agencyH });
    expect(second.total).toBe(30);
    expect(second.rows).toHaveLength(5);
    expect(second.nextCursor).toBeNull();
    const both = [...first.rows, ...second.rows];
    expect(new Set(both.map((row) => row.id)).size).toBe(30);
    for (const row of both) expect(row.ownerAgency.id).toBe(agencyH);
  });

  it('falls back to the first page when a cursor leads nowhere', async () => {
    const first = await open('due', 'asc');
    const past = encodeCursor({ sort: 'due', dir: 'asc', before: false, keys: ['2099-01-01'], id: 'zzz' });
    const page = await open('due', 'asc', past);
    expect(page.rows.map((row) => row.id)).toEqual(first.rows.map((row) => row.id));
    expect(page.previousCursor).toBeNull();
    expect(page.nextCursor).not.toBeNull();
    expect(page.total).toBe(TOTAL);

    const beforeStart = encodeCursor({ sort: 'due', dir: 'asc', before: true, keys: ['2000-01-01'], id: 'a' });
    expect((await open('due', 'asc', beforeStart)).rows.map((row) => row.id)).toEqual(first.rows.map((row) => row.id));
  });
});

describe('listActions: permission', () => {
  it('lets every reading role list, and refuses a user without read permission', async () => {
    const review = await createReview({ title: 'Permission review' });
    await createRecommendation({ ...dated, reviewId: review.id, reference: 'N1', ownerAgencyId: agencyB, leadOfficerId: leadB.id, dueDate: '2026-09-01' });
    for (const actor of [reviewer, owner, viewer, leadA]) {
      expect((await list({ review: review.id }, { actor })).rows.map((row) => row.label)).toEqual(['N1.1']);
    }
    const stranger = { ...viewer, role: 'NOBODY' } as unknown as Actor;
    await expect(listActions(stranger, parseListParams({ review: review.id }).filters, NOW)).rejects.toThrow(/permission/);
  });
});
