import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import type { Actor } from '@/lib/auth/session-user';
import { db } from '@/lib/db';
import type { RecommendationStatus } from '@/lib/generated/prisma/enums';
import { STATUS_ORDER } from '@/lib/recommendations/status';
import { createAgency, createUser } from '@/tests/support/factories';
import { createMeasure, createRecommendation, createReview, day } from '@/tests/support/list-factories';
import { listFilterOptions, listRecommendations, PAGE_SIZE, type RecommendationListRow } from './list-recommendations';
import {
  encodeCursor,
  type ListSort,
  listHref,
  parseListParams,
  type SearchParamsInput,
  type SortDir,
} from './list-recommendations.schema';

// A fixed "now": due dates below are relative to 15 June 2026.
const NOW = new Date('2026-06-15T10:00:00.000Z');
const at = (iso: string) => new Date(`${iso}Z`);

let reviewer: Actor;
let owner: Actor;
let viewer: Actor;
let agencyA: string;
let agencyB: string;
let leadA: Actor;
let leadB: Actor;
let rev1: string;
let rev2: string;

// Six live recommendations (A1-A3 in review 1, B1-B3 in review 2) and two archived ones.
beforeAll(async () => {
  agencyA = (await createAgency('Police A')).id;
  agencyB = (await createAgency('Health B')).id;
  const board = (await createAgency('Board', true)).id;
  reviewer = await createUser('REVIEWER', board);
  viewer = await createUser('VIEWER', board);
  owner = await createUser('OWNER', agencyA);
  leadA = await createUser('OWNER', agencyA);
  leadB = await createUser('OWNER', agencyB);
  rev1 = (await createReview({ title: 'Child sexual exploitation review' })).id;
  rev2 = (await createReview({ title: 'Neglect thematic review' })).id;
  const archivedReview = (await createReview({ title: 'Archived review', archivedAt: at('2026-06-01T00:00:00') })).id;
  const common = { createdAt: at('2026-01-01T00:00:00') };

  await createRecommendation({
    ...common, reviewId: rev1, reference: 'A1', ownerAgencyId: agencyA, leadOfficerId: leadA.id, priority: 'HIGH',
    status: 'NOT_STARTED', dueDate: '2026-06-01', updatedAt: at('2026-06-10T09:00:00'), text: 'Train all frontline staff face to face',
  });
  const a2 = await createRecommendation({
    ...common, reviewId: rev1, reference: 'A2', ownerAgencyId: agencyA, leadOfficerId: leadA.id, priority: 'MEDIUM',
    status: 'IN_PROGRESS', dueDate: '2026-06-15', updatedAt: at('2026-06-12T09:00:00'), lastProgressAt: at('2026-06-12T09:00:00'),
    text: 'Publish a multi-agency strategy',
  });
  await createMeasure(a2.id, 100, 95);
  await createMeasure(a2.id, 100, 0, at('2026-06-01T00:00:00')); // archived: must not drag the RAG down
  await createRecommendation({
    ...common, reviewId: rev1, reference: 'A3', ownerAgencyId: agencyB, leadOfficerId: leadB.id, priority: 'LOW',
    status: 'IMPLEMENTED', dueDate: '2026-05-01', updatedAt: at('2026-06-14T09:00:00'), text: 'Screen referrals of over-12s',
  });
  await createRecommendation({
    ...common, reviewId: rev2, reference: 'B1', ownerAgencyId: agencyB, leadOfficerId: null, priority: 'HIGH',
    status: 'IN_PROGRESS', dueDate: '2026-06-14', updatedAt: at('2026-06-01T09:00:00'), text: 'Hold regular meetings on HOTSPOTS',
  });
  await createRecommendation({
    ...common, reviewId: rev2, reference: 'B2', ownerAgencyId: agencyA, leadOfficerId: leadA.id, priority: 'MEDIUM',
    status: 'VERIFIED', dueDate: '2026-07-01', updatedAt: at('2026-05-20T09:00:00'), text: 'Cut caseloads to 100% of the_target',
  });
  await createRecommendation({
    ...common, reviewId: rev2, reference: 'B3', ownerAgencyId: agencyB, leadOfficerId: leadB.id, priority: 'LOW',
    status: 'NOT_STARTED', dueDate: '2026-09-01', originalDueDate: '2026-08-01', updatedAt: at('2026-06-13T09:00:00'),
    text: 'Raise awareness with young people', ragOverride: 'GREEN',
  });
  await createRecommendation({
    ...common, reviewId: rev1, reference: 'X1', ownerAgencyId: agencyA, dueDate: '2026-06-02', archivedAt: at('2026-06-03T00:00:00'),
    text: 'Archived recommendation',
  });
  await createRecommendation({
    ...common, reviewId: archivedReview, reference: 'X2', ownerAgencyId: agencyA, dueDate: '2026-06-02', text: 'Recommendation of an archived review',
  });
});

afterEach(() => {
  vi.restoreAllMocks();
});

async function list(params: SearchParamsInput, actor: Actor = reviewer) {
  const { filters, ignored } = parseListParams(params);
  expect(ignored).toEqual([]);
  return listRecommendations(actor, filters, NOW);
}

async function refs(params: SearchParamsInput) {
  const page = await list(params);
  expect(page.total).toBe(page.rows.length);
  return page.rows.map((row) => row.reference);
}

describe('listRecommendations: filters', () => {
  it('lists every live recommendation of a live review, soonest due first, to every role', async () => {
    expect(await refs({})).toEqual(['A3', 'A1', 'B1', 'A2', 'B2', 'B3']);
    for (const actor of [owner, viewer]) {
      expect((await list({}, actor)).rows.map((row) => row.reference)).toEqual(['A3', 'A1', 'B1', 'A2', 'B2', 'B3']);
    }
  });

  it('leaves out archived recommendations and the recommendations of archived reviews', async () => {
    expect(await refs({ q: 'archived' })).toEqual([]);
    const page = await list({ agency: agencyA });
    expect(page.rows.map((row) => row.reference)).not.toContain('X1');
    expect(page.rows.map((row) => row.reference)).not.toContain('X2');
  });

  it('filters by review', async () => {
    expect(await refs({ review: rev1 })).toEqual(['A3', 'A1', 'A2']);
    expect(await refs({ review: rev2 })).toEqual(['B1', 'B2', 'B3']);
    expect(await refs({ review: 'no-such-review' })).toEqual([]);
  });

  it('filters by one or more statuses', async () => {
    expect(await refs({ status: 'IN_PROGRESS' })).toEqual(['B1', 'A2']);
    expect(await refs({ status: ['NOT_STARTED', 'IMPLEMENTED'] })).toEqual(['A3', 'A1', 'B3']);
    expect(await refs(new URLSearchParams('status=VERIFIED&status=VERIFIED'))).toEqual(['B2']);
  });

  it('filters by owner agency', async () => {
    expect(await refs({ agency: agencyA })).toEqual(['A1', 'A2', 'B2']);
    expect(await refs({ agency: agencyB })).toEqual(['A3', 'B1', 'B3']);
  });

  it('filters by lead officer', async () => {
    expect(await refs({ lead: leadA.id })).toEqual(['A1', 'A2', 'B2']);
    expect(await refs({ lead: leadB.id })).toEqual(['A3', 'B3']);
  });

  it('filters by priority', async () => {
    expect(await refs({ priority: 'HIGH' })).toEqual(['A1', 'B1']);
    expect(await refs({ priority: 'LOW' })).toEqual(['A3', 'B3']);
  });

  it('filters overdue: past the due date (before today, UTC) and neither implemented nor closed', async () => {
    // A3 is past due but implemented; A2 is due today, so not yet overdue.
    expect(await refs({ overdue: '1' })).toEqual(['A1', 'B1']);
    const page = await list({ overdue: '1' });
    expect(page.rows.map((row) => [row.overdue, row.daysOverdue])).toEqual([
      [true, 14],
      [true, 1],
    ]);
  });

  it('searches reference, text and review title, ignoring case', async () => {
    expect(await refs({ q: 'a1' })).toEqual(['A1']);
    expect(await refs({ q: 'hotspots' })).toEqual(['B1']);
    expect(await refs({ q: 'FACE TO FACE' })).toEqual(['A1']);
    expect(await refs({ q: 'EXPLOITATION' })).toEqual(['A3', 'A1', 'A2']);
    expect(await refs({ q: '  neglect  ' })).toEqual(['B1', 'B2', 'B3']);
    expect(await refs({ q: 'nothing like this' })).toEqual([]);
  });

  it('matches % and _ literally in free text', async () => {
    expect(await refs({ q: '100%' })).toEqual(['B2']);
    expect(await refs({ q: '%' })).toEqual(['B2']);
    expect(await refs({ q: '_' })).toEqual(['B2']);
    expect(await refs({ q: '\\' })).toEqual([]);
  });

  it('combines filters with AND', async () => {
    expect(await refs({ agency: agencyA, status: ['NOT_STARTED', 'IN_PROGRESS'], overdue: '1' })).toEqual(['A1']);
    expect(await refs({ agency: agencyB, q: 'neglect' })).toEqual(['B1', 'B3']);
    expect(await refs({ review: rev2, lead: leadB.id })).toEqual(['B3']);
    expect(await refs({ priority: 'HIGH', agency: agencyA })).toEqual(['A1']);
    expect(await refs({ review: rev1, q: 'strategy', status: 'IN_PROGRESS', lead: leadA.id, priority: 'MEDIUM' })).toEqual(['A2']);
    expect(await refs({ review: rev1, q: 'hotspots' })).toEqual([]);
  });
});

describe('listRecommendations: rows', () => {
  it('shows what the list needs, with the RAG rating computed from live measures and overrides', async () => {
    const rows = new Map((await list({})).rows.map((row) => [row.reference, row]));
    expect(rows.get('A1')).toMatchObject({
      review: { id: rev1, title: 'Child sexual exploitation review' },
      ownerAgency: { id: agencyA, shortName: 'Police A' },
      leadOfficer: { id: leadA.id, name: leadA.name },
      priority: 'HIGH',
      status: 'NOT_STARTED',
      dueDate: day('2026-06-01'),
      updatedAt: at('2026-06-10T09:00:00'),
      rag: { rating: 'RED', overridden: false },
      overdue: true,
    });
    expect(rows.get('A2')?.rag).toMatchObject({ rating: 'GREEN', overridden: false });
    expect(rows.get('B1')?.leadOfficer).toBeNull();
    expect(rows.get('B2')?.rag.rating).toBeNull();
    expect(rows.get('B3')).toMatchObject({ originalDueDate: day('2026-08-01'), rag: { rating: 'GREEN', overridden: true } });
  });

  it('sends at most 300 characters of text', async () => {
    const review = await createReview({ title: 'Long text review' });
    await createRecommendation({ reviewId: review.id, ownerAgencyId: agencyA, dueDate: '2027-01-01', text: 'x'.repeat(5000) });
    const [row] = (await list({ review: review.id })).rows;
    expect(row?.text).toHaveLength(300);
    await db.review.update({ where: { id: review.id }, data: { archivedAt: new Date() } });
  });

  it('reads a page in one query, plus one to count', async () => {
    const spy = vi.spyOn(db, '$queryRaw');
    await list({ status: ['NOT_STARTED', 'IN_PROGRESS'], q: 'a', sort: 'status' });
    expect(spy).toHaveBeenCalledTimes(2);
  });

  it('refuses a user without read permission', async () => {
    const stranger = { ...viewer, role: 'NOBODY' } as unknown as Actor;
    await expect(listRecommendations(stranger, parseListParams({}).filters, NOW)).rejects.toThrow(/permission/);
  });
});

describe('listRecommendations: sorting', () => {
  it('sorts by due date either way', async () => {
    expect(await refs({ sort: 'due', dir: 'desc' })).toEqual(['B3', 'B2', 'A2', 'B1', 'A1', 'A3']);
  });

  it('sorts by status in workflow order, then due date', async () => {
    expect(await refs({ sort: 'status' })).toEqual(['A1', 'B3', 'B1', 'A2', 'A3', 'B2']);
    expect(await refs({ sort: 'status', dir: 'desc' })).toEqual(['B2', 'A3', 'A2', 'B1', 'B3', 'A1']);
  });

  it('sorts by last update, most recent first unless asked otherwise', async () => {
    expect(await refs({ sort: 'updated' })).toEqual(['A3', 'B3', 'A2', 'A1', 'B1', 'B2']);
    expect(await refs({ sort: 'updated', dir: 'asc' })).toEqual(['B2', 'B1', 'A1', 'A2', 'B3', 'A3']);
  });
});

describe('parseListParams: malformed input', () => {
  it('drops every value it cannot use, says which, and never throws', async () => {
    const { filters, ignored } = parseListParams({
      review: "x'; DROP TABLE \"Recommendation\"; --",
      status: ['OPEN', 'IN_PROGRESS', 'in_progress'],
      agency: ['a', 'b'],
      lead: '',
      priority: 'URGENT',
      overdue: 'yes',
      q: 'x'.repeat(201),
      sort: 'name',
      dir: 'up',
      cursor: 'not a cursor!',
      unrelated: 'kept out of it',
    });
    expect(filters).toEqual({ status: ['IN_PROGRESS'], overdue: false, sort: 'due', dir: 'asc' });
    expect(ignored.map((entry) => entry.param).sort()).toEqual(
      ['agency', 'cursor', 'dir', 'overdue', 'priority', 'q', 'review', 'sort', 'status', 'status'].sort(),
    );
    for (const entry of ignored) expect(entry.value.length).toBeLessThanOrEqual(60);
    const page = await listRecommendations(reviewer, filters, NOW);
    expect(page.rows.map((row) => row.reference)).toEqual(['B1', 'A2']);
  });

  it('treats empty values, as an unfilled GET form sends them, as no filter', () => {
    const { filters, ignored } = parseListParams(
      new URLSearchParams('review=&agency=&lead=&priority=&q=++&overdue=&sort=&dir=&cursor='),
    );
    expect(ignored).toEqual([]);
    expect(filters).toEqual({ status: [], overdue: false, sort: 'due', dir: 'asc' });
  });

  it('ignores cursors that are not ours, are tampered with, or belong to another sort', () => {
    const encode = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');
    const cursors = [
      Buffer.from('not json').toString('base64url'),
      encode({ s: 'due', d: 'asc', k: ["2026-01-01'; DROP TABLE x; --"], i: 'abc' }),
      encode({ s: 'due', d: 'asc', k: ['2026-01-01'], i: 'a b' }),
      encode({ s: 'status', d: 'asc', k: ['OPEN', '2026-01-01'], i: 'abc' }),
      encode({ s: 'updated', d: 'desc', k: ['yesterday'], i: 'abc' }),
      encodeCursor({ sort: 'status', dir: 'asc', before: false, keys: ['IN_PROGRESS', '2026-01-01'], id: 'abc' }),
    ];
    for (const cursor of cursors) {
      const { filters, ignored } = parseListParams({ cursor });
      expect(filters.cursor).toBeUndefined();
      expect(ignored).toEqual([expect.objectContaining({ param: 'cursor' })]);
    }
    // The same cursor with its own sort is accepted.
    const { filters } = parseListParams({ sort: 'status', cursor: cursors[5] });
    expect(filters.cursor).toEqual({ sort: 'status', dir: 'asc', before: false, keys: ['IN_PROGRESS', '2026-01-01'], id: 'abc' });
  });

  it('round-trips filters through listHref', () => {
    const query = {
      review: 'r1',
      status: ['NOT_STARTED', 'IN_PROGRESS'] as RecommendationStatus[],
      agency: 'a1',
      lead: 'u1',
      priority: 'HIGH' as const,
      overdue: true,
      q: 'face to face & more',
      sort: 'updated' as const,
      dir: 'asc' as const,
    };
    const href = listHref(query);
    const { filters, ignored } = parseListParams(new URL(href, 'http://localhost').searchParams);
    expect(ignored).toEqual([]);
    expect(filters).toEqual(query);
    expect(listHref({})).toBe('/recommendations');
    expect(listHref({ sort: 'updated', dir: 'desc' })).toBe('/recommendations?sort=updated');
  });
});

describe('listRecommendations: keyset pagination', () => {
  const TOTAL = 60;
  let reviewId: string;

  // 60 rows in their own review: 4 due dates (15 rows each), 3 statuses, and
  // last-update times shared by 7 rows at a time, so every sort has ties that
  // cross page boundaries.
  beforeAll(async () => {
    reviewId = (await createReview({ title: 'Pagination review' })).id;
    const statuses: RecommendationStatus[] = ['NOT_STARTED', 'IN_PROGRESS', 'IMPLEMENTED'];
    await db.recommendation.createMany({
      data: Array.from({ length: TOTAL }, (_, i) => ({
        reviewId,
        reference: `P${i + 1}`,
        text: `Paged recommendation ${i + 1}`,
        ownerAgencyId: i % 2 ? agencyA : agencyB,
        status: statuses[i % 3]!,
        dueDate: day(`2027-01-0${(i % 4) + 1}`),
        originalDueDate: day(`2027-01-0${(i % 4) + 1}`),
        updatedAt: new Date(Date.UTC(2026, 5, 1, 0, Math.floor(i / 7), 0, 123)),
      })),
    });
    // Each with its one action, which the agency filter reads.
    const created = await db.recommendation.findMany({ where: { reviewId }, select: { id: true, ownerAgencyId: true, status: true, dueDate: true } });
    await db.action.createMany({
      data: created.map((row) => ({
        recommendationId: row.id,
        reference: '1',
        ownerAgencyId: row.ownerAgencyId,
        status: row.status,
        dueDate: row.dueDate,
        originalDueDate: row.dueDate,
      })),
    });
  });

  type Page = Awaited<ReturnType<typeof listRecommendations>>;

  async function open(sort: ListSort, dir: SortDir, cursor?: string | null): Promise<Page> {
    const href = listHref({ review: reviewId, sort, dir, cursor });
    return list(new URL(href, 'http://localhost').searchParams);
  }

  function sortKey(sort: ListSort, row: RecommendationListRow): number[] {
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

  it.each(cases)('sorted by %s %s, visits every row exactly once forwards and backwards', async (sort, dir) => {
    // Forwards from the first page.
    const forward: Page[] = [await open(sort, dir)];
    expect(forward[0]!.previousCursor).toBeNull();
    while (forward.at(-1)!.nextCursor && forward.length < 10) forward.push(await open(sort, dir, forward.at(-1)!.nextCursor));
    expect(forward.map((page) => page.rows.length)).toEqual([PAGE_SIZE, PAGE_SIZE, TOTAL - 2 * PAGE_SIZE]);
    for (const page of forward) expect(page.total).toBe(TOTAL);
    const rows = forward.flatMap((page) => page.rows);
    const ids = rows.map((row) => row.id);
    expect(new Set(ids).size).toBe(TOTAL);

    // In order, by the sort key (ties broken by id, in the database's collation).
    for (let i = 1; i < rows.length; i++) {
      const order = compare(sortKey(sort, rows[i - 1]!), sortKey(sort, rows[i]!));
      expect(dir === 'asc' ? order <= 0 : order >= 0).toBe(true);
    }

    // Backwards from the last page: the same rows, in the same order.
    const backward: Page[] = [forward.at(-1)!];
    while (backward[0]!.previousCursor && backward.length < 10) backward.unshift(await open(sort, dir, backward[0]!.previousCursor));
    expect(backward.map((page) => page.rows.length)).toEqual([PAGE_SIZE, PAGE_SIZE, TOTAL - 2 * PAGE_SIZE]);
    expect(backward.flatMap((page) => page.rows.map((row) => row.id))).toEqual(ids);
    // Each page reached backwards links forwards again.
    expect(backward[0]!.previousCursor).toBeNull();
    expect(backward[0]!.nextCursor).not.toBeNull();
    expect(backward[1]!.nextCursor).not.toBeNull();
  });

  it('combines pagination with filters', async () => {
    const pages: Page[] = [];
    let cursor: string | null | undefined;
    do {
      const href = listHref({ review: reviewId, agency: agencyA, status: ['NOT_STARTED', 'IN_PROGRESS'], cursor });
      pages.push(await list(new URL(href, 'http://localhost').searchParams));
      cursor = pages.at(-1)!.nextCursor;
    } while (cursor && pages.length < 10);
    const rows = pages.flatMap((page) => page.rows);
    // Odd rows are agency A; two in three are open.
    const expected = Array.from({ length: TOTAL }, (_, i) => i).filter((i) => i % 2 === 1 && i % 3 !== 2).length;
    expect(rows).toHaveLength(expected);
    expect(pages[0]!.total).toBe(expected);
    expect(new Set(rows.map((row) => row.id)).size).toBe(expected);
    for (const row of rows) {
      expect(row.ownerAgency.id).toBe(agencyA);
      expect(['NOT_STARTED', 'IN_PROGRESS']).toContain(row.status);
    }
  });

  it('falls back to the first page when a cursor leads nowhere', async () => {
    const past = encodeCursor({ sort: 'due', dir: 'asc', before: false, keys: ['2099-01-01'], id: 'zzz' });
    const page = await open('due', 'asc', past);
    expect(page.rows).toHaveLength(PAGE_SIZE);
    expect(page.previousCursor).toBeNull();
    expect(page.nextCursor).not.toBeNull();

    const first = await open('due', 'asc');
    const beforeStart = encodeCursor({ sort: 'due', dir: 'asc', before: true, keys: ['2000-01-01'], id: 'a' });
    expect((await open('due', 'asc', beforeStart)).rows.map((row) => row.id)).toEqual(first.rows.map((row) => row.id));
  });
});

describe('listFilterOptions', () => {
  it('offers every agency, and names nothing else when no review or lead officer is chosen', async () => {
    const options = await listFilterOptions(viewer);
    expect(options.agencies.map((agency) => agency.shortName)).toEqual(expect.arrayContaining(['Police A', 'Health B', 'Board']));
    expect(options.review).toBeNull();
    expect(options.leadOfficer).toBeNull();
  });

  it('names the chosen review and lead officer (with their agency), but not an archived review or an unknown id', async () => {
    const chosen = await listFilterOptions(viewer, { review: rev1, lead: leadB.id });
    expect(chosen.review).toEqual({ id: rev1, title: expect.any(String) });
    expect(chosen.leadOfficer).toEqual({ id: leadB.id, name: leadB.name, agencyShortName: 'Health B' });

    const archived = await db.review.findFirstOrThrow({ where: { title: 'Archived review' } });
    const gone = await listFilterOptions(viewer, { review: archived.id, lead: 'no-such-user' });
    expect(gone.review).toBeNull();
    expect(gone.leadOfficer).toBeNull();
  });
});

describe('listRecommendations: agencies and lead officers through actions', () => {
  it("finds a recommendation by any of its live actions' agencies and lead officers, showing its lead (its first action's)", async () => {
    const review = (await createReview({ title: 'Multi-agency review' })).id;
    const agencyC = (await createAgency('Education C')).id;
    const agencyD = (await createAgency('Probation D')).id;
    const leadC = await createUser('OWNER', agencyC);
    const leadD = await createUser('OWNER', agencyD);
    await createRecommendation({
      reviewId: review, reference: 'M1', ownerAgencyId: agencyA, leadOfficerId: leadA.id, dueDate: '2026-08-01',
      actions: [
        { reference: '1', ownerAgencyId: agencyA, leadOfficerId: leadA.id, dueDate: '2026-07-01' },
        { reference: '2', ownerAgencyId: agencyC, leadOfficerId: leadC.id, dueDate: '2026-08-01', status: 'IN_PROGRESS' },
        // Archived: no longer the probation service's.
        { reference: '3', ownerAgencyId: agencyD, leadOfficerId: leadD.id, archivedAt: at('2026-06-01T00:00:00') },
      ],
    });
    expect(await refs({ review, agency: agencyC })).toEqual(['M1']);
    expect(await refs({ review, lead: leadC.id })).toEqual(['M1']);
    expect(await refs({ review, agency: agencyA })).toEqual(['M1']);
    expect(await refs({ review, agency: agencyD })).toEqual([]);
    expect(await refs({ review, lead: leadD.id })).toEqual([]);
    const [row] = (await list({ review, agency: agencyC })).rows;
    // The row shows the recommendation rolled up: led by action 1's agency and officer, due with its last action, in progress.
    expect(row).toMatchObject({ reference: 'M1', status: 'IN_PROGRESS', leadOfficer: { id: leadA.id }, dueDate: day('2026-08-01') });
  });
});
