import { beforeAll, describe, expect, it } from 'vitest';
import { contentSha256 } from '@/lib/audit/chain';
import { describeEvent } from '@/lib/audit/describe-event';
import { readEvent } from '@/lib/audit/event-catalogue';
import { verifyChain } from '@/lib/audit/verify-chain';
import { getWorkQueue } from '@/lib/dashboard/get-work-queue';
import { addDays, dayOf, type Day, startOfUkDay, ukDay } from '@/lib/days';
import { db } from '@/lib/db';
import { recommendationRag, rollUp } from '@/lib/actions/roll-up';
import { daysOverdue, isOpen, isOverdue } from '@/lib/recommendations/status';
import { replay } from '@/lib/reports/replay';
import { actorByEmail } from '@/tests/support/factories';
import { CURRENT_REVIEW_ID, currentPlan, DAYS_SINCE_PUBLICATION } from './current-plan';
import { payloadToStore, type EventKind } from '@/lib/audit/event-catalogue';
import type { SeedPlan } from './current-plan';
import { reviewHistory, seedDemoData } from './index';
import { actionIdOf, AGENCY, FINDINGS, REVIEW_ID, type SeedActivity } from './rochdale';

// The seed runs "now": a fixed moment makes the current plan's dates known.
// 23:30 UTC on 1 July 2026 is 00:30 on 2 July in London (summer time): the
// UK day is the 2nd, so anything dated by UTC days would be a day out.
const NOW = new Date('2026-07-01T23:30:00Z');
const TODAY: Day = '2026-07-02';
const day = (offset: number) => addDays(TODAY, offset);

async function countEverything() {
  const [agencies, users, reviews, findings, recommendations, actions, measures, evidence, comments, events] = await Promise.all([
    db.agency.count(),
    db.user.count(),
    db.review.count(),
    db.finding.count(),
    db.recommendation.count(),
    db.action.count(),
    db.measure.count(),
    db.evidence.count(),
    db.comment.count(),
    db.historyEvent.count(),
  ]);
  return { agencies, users, reviews, findings, recommendations, actions, measures, evidence, comments, events };
}

describe('the demo seed', () => {
  it('loads the Rochdale review once, and a second run changes nothing', async () => {
    expect(await seedDemoData(db, { now: NOW })).toEqual({ created: true });
    const first = await countEverything();
    const rochdale = await db.review.findUniqueOrThrow({ where: { id: 'review-rochdale-cse-2012' } });
    expect(rochdale.title).toMatch(/Rochdale/);
    expect(first.recommendations).toBeGreaterThanOrEqual(8);
    expect(first.reviews).toBe(4);
    expect(await db.user.groupBy({ by: ['role'], _count: { _all: true } })).toHaveLength(4);

    const latestEvent = await db.historyEvent.findFirst({ orderBy: { id: 'desc' } });
    expect(await seedDemoData(db)).toEqual({ created: false });
    expect(await seedDemoData(db, { now: new Date(NOW.getTime() + 86_400_000 * 40) })).toEqual({ created: false });
    expect(await countEverything()).toEqual(first);
    expect(await db.historyEvent.findFirst({ orderBy: { id: 'desc' } })).toEqual(latestEvent);
  });

  it('names people by role, never by a real name from the article', async () => {
    const names = (await db.user.findMany({ select: { name: true } })).map((u) => u.name).join(' ');
    for (const realName of ['Lynne Jones', 'Jim Taylor', 'Annette Anderson', 'Simon Danczuk', 'Richard Scorer']) {
      expect(names).not.toContain(realName);
    }
  });
});

describe('the demo history', () => {
  beforeAll(async () => {
    await seedDemoData(db, { now: NOW });
  });

  it('has no event after the moment the seed ran, and its chain verifies', async () => {
    const latest = await db.historyEvent.findFirstOrThrow({ orderBy: { occurredAt: 'desc' } });
    expect(latest.occurredAt.getTime()).toBeLessThanOrEqual(NOW.getTime());
    // The current plan's last activity was yesterday (a UK day).
    expect(ukDay(latest.occurredAt)).toBe(day(-1));
    // Event ids follow time, as they do in the app.
    const events = await db.historyEvent.findMany({ orderBy: { id: 'asc' }, select: { occurredAt: true } });
    for (const [i, event] of events.entries()) if (i > 0) expect(event.occurredAt >= events[i - 1]!.occurredAt).toBe(true);

    const check = await verifyChain(db);
    expect(check).toMatchObject({ checked: events.length, firstBroken: null, unreadable: { count: 0 }, alteredContent: { count: 0 } });
  });

  it('reads through the event catalogue, every event of it', async () => {
    const events = await db.historyEvent.findMany({ orderBy: { id: 'asc' } });
    expect(events.length).toBeGreaterThan(80);
    for (const event of events) expect(() => readEvent(event)).not.toThrow();
  });

  it('names every assessed piece of evidence on the timeline', async () => {
    const assessed = await db.historyEvent.findMany({ where: { kind: 'evidence.assessed' }, include: { actor: true } });
    expect(assessed.length).toBeGreaterThanOrEqual(6);
    for (const event of assessed) {
      const evidence = await db.evidence.findUniqueOrThrow({ where: { id: event.subjectId } });
      expect(describeEvent({ ...event, actorName: event.actor!.name })).toBe(
        `${event.actor!.name} assessed evidence "${evidence.title}" as ${evidence.assessment === 'ACCEPTED' ? 'Accepted' : 'Insufficient'}`,
      );
    }
  });

  it('has rows that are exactly what replaying its history gives', async () => {
    const events = await db.historyEvent.findMany({ orderBy: { id: 'asc' } });
    const state = replay(events, NOW);
    for (const row of await db.review.findMany()) {
      const replayed = state.reviews.get(row.id)!;
      expect([row.title, row.status, row.version]).toEqual([replayed.title, replayed.status, replayed.version]);
    }
    const recommendations = await db.recommendation.findMany({ include: { findings: { select: { id: true } } } });
    expect(recommendations.length).toBe(state.recommendations.size);
    for (const row of recommendations) {
      const replayed = state.recommendations.get(row.id)!;
      expect({
        status: row.status,
        ownerAgencyId: row.ownerAgencyId,
        leadOfficerId: row.leadOfficerId,
        dueDate: row.dueDate,
        originalDueDate: row.originalDueDate,
        statusChangedAt: row.statusChangedAt,
        lastProgressAt: row.lastProgressAt,
        archived: row.archivedAt !== null,
        version: row.version,
        createdAt: row.createdAt,
        updatedAt: row.updatedAt,
        findingIds: row.findings.map((f) => f.id).sort(),
      }).toEqual({
        status: replayed.status,
        ownerAgencyId: replayed.ownerAgencyId,
        leadOfficerId: replayed.leadOfficerId,
        dueDate: replayed.dueDate,
        originalDueDate: replayed.originalDueDate,
        statusChangedAt: replayed.statusChangedAt,
        lastProgressAt: replayed.lastProgressAt,
        archived: replayed.archived,
        version: replayed.version,
        createdAt: replayed.createdAt,
        updatedAt: replayed.updatedAt,
        findingIds: [...replayed.findingIds].sort(),
      });
    }
    const actions = await db.action.findMany();
    expect(actions.length).toBe(state.actions.size);
    for (const row of actions) {
      const replayed = state.actions.get(row.id)!;
      expect({
        recommendationId: row.recommendationId,
        reference: row.reference,
        text: row.text,
        status: row.status,
        ownerAgencyId: row.ownerAgencyId,
        leadOfficerId: row.leadOfficerId,
        dueDate: row.dueDate,
        originalDueDate: row.originalDueDate,
        dueDateChangeReason: row.dueDateChangeReason,
        statusChangedAt: row.statusChangedAt,
        lastProgressAt: row.lastProgressAt,
        progressNote: row.progressNote,
        ragOverride: row.ragOverride,
        archived: row.archivedAt !== null,
        version: row.version,
        createdAt: row.createdAt,
        updatedAt: row.updatedAt,
      }).toEqual({
        recommendationId: replayed.recommendationId,
        reference: replayed.reference,
        text: replayed.text,
        status: replayed.status,
        ownerAgencyId: replayed.ownerAgencyId,
        leadOfficerId: replayed.leadOfficerId,
        dueDate: replayed.dueDate,
        originalDueDate: replayed.originalDueDate,
        dueDateChangeReason: replayed.dueDateChangeReason,
        statusChangedAt: replayed.statusChangedAt,
        lastProgressAt: replayed.lastProgressAt,
        progressNote: replayed.latestNote,
        ragOverride: replayed.ragOverride,
        archived: replayed.archived,
        version: replayed.version,
        createdAt: replayed.createdAt,
        updatedAt: replayed.updatedAt,
      });
      // An override's justification, author and time are its latest event's.
      if (row.ragOverride) {
        const event = await db.historyEvent.findFirstOrThrow({ where: { kind: 'action.rag_overridden', subjectId: row.id }, orderBy: { id: 'desc' } });
        expect([row.ragOverrideJustification, row.ragOverrideById, row.ragOverrideAt]).toEqual([event.note, event.actorId, event.occurredAt]);
      } else {
        expect([row.ragOverrideJustification, row.ragOverrideById, row.ragOverrideAt]).toEqual([null, null, null]);
      }
    }
    for (const row of await db.measure.findMany()) {
      const replayed = state.measures.get(row.id)!;
      expect({ value: row.currentValue.toNumber(), version: row.version, actionId: row.actionId, recommendationId: row.recommendationId }).toEqual({
        value: replayed.currentValue,
        version: replayed.version,
        actionId: replayed.actionId,
        recommendationId: replayed.recommendationId,
      });
    }
    for (const row of await db.evidence.findMany()) {
      const replayed = state.evidence.get(row.id)!;
      expect([row.actionId, row.assessment, row.assessedById, row.assessedAt, row.assessmentComment, row.version]).toEqual([
        replayed.actionId,
        replayed.assessment,
        replayed.assessedById,
        replayed.assessedAt,
        replayed.assessmentComment,
        replayed.version,
      ]);
    }
  });
});

describe('the demo history, written as the app writes it since actions (decision 0015)', () => {
  beforeAll(async () => {
    await seedDemoData(db, { now: NOW });
  });

  it('creates each recommendation with its first action, and does its work on actions', async () => {
    const events = await db.historyEvent.findMany({ orderBy: { id: 'asc' } });
    // Kinds kept for reading history written before actions: never written now.
    const kinds = new Set(events.map((event) => event.kind));
    for (const retired of ['recommendation.progress_updated', 'recommendation.due_date_changed', 'recommendation.rag_overridden', 'recommendation.rag_override_withdrawn']) {
      expect(kinds.has(retired), retired).toBe(false);
    }
    for (const [i, event] of events.entries()) {
      if (event.kind === 'recommendation.created') {
        // Version 3: no owner, dates or status; its first action follows at once, the recommendation as written unless it is joint work.
        expect(Object.keys(event.after as object).sort()).toEqual(['findingIds', 'findings', 'priority', 'reference', 'response', 'text']);
        const next = events[i + 1]!;
        expect([next.kind, next.recommendationId, next.subjectId, next.occurredAt]).toEqual(['action.created', event.subjectId, actionIdOf(event.subjectId, '1'), event.occurredAt]);
        expect(next.after).toMatchObject({ reference: '1', status: 'NOT_STARTED' });
      }
      // The recommendation's own status moves only by a reviewer's decision to set it aside or reopen it.
      if (event.kind === 'recommendation.status_changed') {
        const read = readEvent(event);
        if (read.kind !== 'recommendation.status_changed') throw new Error('unreachable');
        expect(['NOT_ACCEPTED', 'SUPERSEDED'].includes(read.after.status) || ['NOT_ACCEPTED', 'SUPERSEDED'].includes(read.before.status)).toBe(true);
      }
    }
    // Evidence and measures name their action, in the history and on the row.
    for (const event of events.filter((e) => e.kind === 'evidence.submitted' || e.kind === 'measure.created')) {
      const actionId = (event.after as { actionId?: string }).actionId;
      expect(actionId, event.subjectId).toBeTruthy();
      const row = event.kind === 'evidence.submitted'
        ? await db.evidence.findUniqueOrThrow({ where: { id: event.subjectId } })
        : await db.measure.findUniqueOrThrow({ where: { id: event.subjectId } });
      expect(row.actionId).toBe(actionId);
      expect((await db.action.findUniqueOrThrow({ where: { id: actionId! } })).recommendationId).toBe(event.recommendationId);
    }
  });

  it("stores each recommendation's status, due dates, lead and progress times rolled up from its live actions", async () => {
    const recommendations = await db.recommendation.findMany({ include: { actions: { where: { archivedAt: null } } } });
    for (const row of recommendations) {
      expect(row.actions.length, row.id).toBeGreaterThan(0);
      expect(
        {
          status: row.status,
          ownerAgencyId: row.ownerAgencyId,
          leadOfficerId: row.leadOfficerId,
          dueDate: row.dueDate,
          originalDueDate: row.originalDueDate,
          statusChangedAt: row.statusChangedAt,
          lastProgressAt: row.lastProgressAt,
        },
        row.id,
      ).toEqual(rollUp(row.actions));
    }
  });
});

describe('joint work in the Rochdale review (issue 11)', () => {
  beforeAll(async () => {
    await seedDemoData(db, { now: NOW });
  });

  const rochdale = () =>
    db.recommendation.findMany({
      where: { reviewId: REVIEW_ID },
      include: { actions: { where: { archivedAt: null }, include: { leadOfficer: true, evidence: true }, orderBy: { reference: 'asc' } } },
      orderBy: { createdAt: 'asc' },
    });

  it('has recommendations carried out by two or three agencies, each action with its own text, lead officer and due date', async () => {
    const joint = (await rochdale()).filter((r) => new Set(r.actions.map((a) => a.ownerAgencyId)).size >= 2);
    expect(joint.map((r) => r.reference)).toEqual(['R2', 'R7']);
    for (const r of joint) {
      expect(r.actions.length).toBeGreaterThanOrEqual(2);
      expect(r.actions.length).toBeLessThanOrEqual(3);
      expect(r.actions.map((a) => a.reference)).toEqual(['1', '2', '3'].slice(0, r.actions.length));
      expect(new Set(r.actions.map((a) => a.ownerAgencyId)).size).toBe(r.actions.length);
      expect(new Set(r.actions.map((a) => a.leadOfficerId)).size).toBe(r.actions.length);
      for (const a of r.actions) {
        expect(a.text).toBeTruthy();
        expect(a.leadOfficer?.agencyId).toBe(a.ownerAgencyId);
      }
      // The recommendation is led by its first action's agency, and due when its last action is.
      expect([r.ownerAgencyId, r.leadOfficerId]).toEqual([r.actions[0]!.ownerAgencyId, r.actions[0]!.leadOfficerId]);
      expect(r.dueDate).toEqual(new Date(Math.max(...r.actions.map((a) => a.dueDate.getTime()))));
    }
    // Every other Rochdale recommendation is carried out as written by one agency.
    for (const r of (await rochdale()).filter((r) => !joint.some((j) => j.id === r.id))) {
      expect(r.actions.map((a) => [a.reference, a.text])).toEqual([['1', null]]);
    }
  });

  it('has one partly done: verified by a reviewer who submitted none of its evidence, while another agency is overdue', async () => {
    const r7 = (await rochdale()).find((r) => r.reference === 'R7')!;
    const [police, nhs, education] = r7.actions;
    expect([r7.status, police!.status, nhs!.status, education!.status]).toEqual(['IN_PROGRESS', 'VERIFIED', 'IN_PROGRESS', 'IMPLEMENTED']);

    expect(police!.evidence.map((e) => e.assessment)).toContain('ACCEPTED');
    const verified = await db.historyEvent.findFirstOrThrow({ where: { kind: 'action.status_changed', subjectId: police!.id, after: { path: ['status'], equals: 'VERIFIED' } }, include: { actor: true } });
    expect(verified.actor!.role).toBe('REVIEWER');
    expect(police!.evidence.map((e) => e.submittedById)).not.toContain(verified.actorId);
    for (const e of police!.evidence) expect(e.assessedById).not.toBe(e.submittedById);

    // At the Board's meeting of March 2013: health's part is overdue, and so the recommendation is.
    expect(daysOverdue(nhs!, '2013-03-14')).toBe(73);
    expect(isOverdue(r7, '2013-03-14')).toBe(true);
    expect(isOverdue(police!, '2013-03-14')).toBe(false);
  });
});

describe('the current plan: the serious case review, published weeks before the seed ran', () => {
  beforeAll(async () => {
    await seedDemoData(db, { now: NOW });
  });

  const plan = () =>
    db.recommendation.findMany({
      where: { reviewId: CURRENT_REVIEW_ID },
      include: {
        ownerAgency: true,
        leadOfficer: true,
        findings: true,
        measures: true,
        evidence: true,
        comments: true,
        actions: { where: { archivedAt: null }, include: { measures: { where: { archivedAt: null } } }, orderBy: { reference: 'asc' } },
      },
      orderBy: { createdAt: 'asc' },
    });
  const byReference = async () => new Map((await plan()).map((r) => [r.reference, r]));

  it('is published, with findings each answered by recommendations owned across the partnership', async () => {
    const review = await db.review.findUniqueOrThrow({ where: { id: CURRENT_REVIEW_ID } });
    expect(review).toMatchObject({ kind: 'SERIOUS_CASE_REVIEW', status: 'PUBLISHED', version: 2 });
    expect(dayOf(review.publishedOn!)).toBe(day(-DAYS_SINCE_PUBLICATION));
    // Tracked as planned since September 2012; published since, as the app's edit records it.
    const history = await db.historyEvent.findMany({ where: { subjectId: CURRENT_REVIEW_ID }, orderBy: { id: 'asc' } });
    expect(history.map((e) => [e.kind, e.subjectVersion])).toEqual([['review.created', 1], ['review.updated', 2]]);
    expect(readEvent(history[1]!)).toMatchObject({ before: { status: 'PLANNED', publishedOn: null }, after: { status: 'PUBLISHED' } });

    const recommendations = await plan();
    expect(recommendations.length).toBeGreaterThanOrEqual(5);
    expect(recommendations.length).toBeLessThanOrEqual(8);
    expect(new Set(recommendations.map((r) => r.ownerAgency.shortName))).toEqual(
      new Set(["Children's social care", 'Police', 'NHS', 'Education', 'CPS', 'Board']),
    );
    for (const r of recommendations) {
      expect(r.findings.length).toBeGreaterThan(0);
      expect(r.leadOfficer?.agencyId).toBe(r.ownerAgencyId);
    }
    const findings = await db.finding.findMany({ where: { reviewId: CURRENT_REVIEW_ID }, include: { recommendations: true } });
    expect(findings.length).toBeGreaterThanOrEqual(5);
    for (const finding of findings) expect(finding.recommendations.length).toBeGreaterThan(0);
  });

  it('has a spread of states and due dates around today', async () => {
    const recs = await byReference();
    const summary = Object.fromEntries(
      [...recs].map(([reference, r]) => [reference, { status: r.status, due: dayOf(r.dueDate), original: dayOf(r.originalDueDate) }]),
    );
    expect(summary).toEqual({
      R1: { status: 'IN_PROGRESS', due: day(28), original: day(-40) },
      R2: { status: 'IN_PROGRESS', due: day(-24), original: day(-24) },
      R3: { status: 'IMPLEMENTED', due: day(10), original: day(10) },
      R4: { status: 'VERIFIED', due: day(75), original: day(75) },
      R5: { status: 'NOT_STARTED', due: day(150), original: day(150) },
      R6: { status: 'IN_PROGRESS', due: day(-6), original: day(-6) },
      R7: { status: 'IN_PROGRESS', due: day(21), original: day(21) },
    });
    // The moved due date says why.
    // Each carried out as written by one agency; the moved due date says why, on its action.
    for (const r of recs.values()) expect(r.actions.map((a) => [a.reference, a.text, a.ownerAgencyId])).toEqual([['1', null, r.ownerAgencyId]]);
    expect(recs.get('R1')!.actions[0]!.dueDateChangeReason).toMatch(/Board meeting/);
    for (const r of recs.values()) if (r.reference !== 'R1') expect(r.actions[0]!.dueDateChangeReason).toBeNull();

    // Overdue by weeks and by days; due within 30 days; months ahead.
    const overdue = [...recs.values()].filter((r) => isOverdue(r, TODAY)).map((r) => [r.reference, daysOverdue(r, TODAY)]);
    expect(overdue).toEqual([['R2', 24], ['R6', 6]]);
    const dueSoon = [...recs.values()].filter((r) => isOpen(r.status) && dayOf(r.dueDate) >= TODAY && dayOf(r.dueDate) <= day(30));
    expect(dueSoon.map((r) => r.reference)).toEqual(['R1', 'R7']);
    expect(isOpen(recs.get('R5')!.status) && dayOf(recs.get('R5')!.dueDate) > day(90)).toBe(true);
  });

  it('rates each as designed, with one rating overridden by a reviewer', async () => {
    const chair = await db.user.findUniqueOrThrow({ where: { email: 'reviewer@followthrough.test' } });
    const ratings = Object.fromEntries(
      [...(await byReference())].map(([reference, r]) => {
        const rag = recommendationRag(
          r,
          r.actions.map((a) => ({ ...a, measures: a.measures.map((m) => ({ target: m.target.toNumber(), currentValue: m.currentValue.toNumber() })) })),
          NOW,
        );
        return [reference, [rag.rating, rag.overridden]];
      }),
    );
    expect(ratings).toEqual({
      R1: ['AMBER', false], // due date moved, and progress trails the time gone
      R2: ['RED', false], // overdue
      R3: ['GREEN', false], // implemented, awaiting verification
      R4: [null, false], // verified: closed
      R5: ['AMBER', true], // stalled (red), overridden with a justification
      R6: ['RED', false], // overdue
      R7: ['GREEN', false], // on track
    });
    const r5 = (await byReference()).get('R5')!.actions[0]!;
    expect(r5).toMatchObject({ ragOverride: 'AMBER', ragOverrideById: chair.id });
    expect(r5.ragOverrideJustification).toMatch(/CPS/);
    expect(ukDay(r5.ragOverrideAt!)).toBe(day(-47));
  });

  it('has evidence awaiting assessment and evidence accepted, never judged by who submitted it', async () => {
    const evidence = (await plan()).flatMap((r) => r.evidence.map((e) => ({ ...e, reference: r.reference })));
    expect(evidence.map((e) => [e.reference, e.assessment]).sort()).toEqual([['R3', 'PENDING'], ['R4', 'ACCEPTED']]);
    const owners = await db.user.findMany({ where: { role: 'OWNER' }, select: { id: true } });
    for (const e of evidence) {
      expect(owners.map((o) => o.id)).toContain(e.submittedById);
      expect(e.assessedById).not.toBe(e.submittedById);
    }
    // Verified by a reviewer who submitted none of its evidence.
    const verified = await db.historyEvent.findFirstOrThrow({ where: { subjectId: actionIdOf('rec-scr-r4'), kind: 'action.status_changed', after: { path: ['status'], equals: 'VERIFIED' } } });
    expect(evidence.map((e) => e.submittedById)).not.toContain(verified.actorId);
  });

  it('has comments whose text the history covers by its SHA-256', async () => {
    const comments = (await plan()).flatMap((r) => r.comments);
    expect(comments.length).toBeGreaterThanOrEqual(3);
    for (const comment of comments) {
      const event = await db.historyEvent.findFirstOrThrow({ where: { kind: 'comment.added', subjectId: comment.id } });
      expect(event.after).toEqual({ bodySha256: contentSha256(comment.body) });
      expect(event.occurredAt).toEqual(comment.createdAt);
    }
  });

  it('shows on the dashboards as real use would: overdue work, evidence to assess, work due soon', async () => {
    const chair = await actorByEmail('reviewer@followthrough.test');
    const reviewer = await getWorkQueue(chair, NOW);
    if (reviewer.kind !== 'reviewer') throw new Error('expected a reviewer queue');
    const overdue = new Map(reviewer.overdue.items.map((item) => [item.id, item.daysOverdue]));
    expect(overdue.get('rec-scr-r2')).toBe(24);
    expect(overdue.get('rec-scr-r6')).toBe(6);
    expect(reviewer.awaitingVerification.items.map((item) => item.id)).toContain('rec-scr-r3');
    expect(reviewer.pendingEvidence.items.map((item) => item.id)).toContain('evidence-scr-r3-screening-audit');
    // Only the current plan has work due in the next 30 days (the 2012 review's dates are long past).
    expect(reviewer.counts.dueSoon).toBe(2);

    const police = await getWorkQueue(await actorByEmail('owner.police@followthrough.test'), NOW);
    if (police.kind !== 'owner') throw new Error('expected an owner queue');
    expect(police.open.items.find((item) => item.id === 'rec-scr-r2')).toMatchObject({ overdue: true, daysOverdue: 24 });

    const csc = await getWorkQueue(await actorByEmail('owner.csc@followthrough.test'), NOW);
    if (csc.kind !== 'owner') throw new Error('expected an owner queue');
    expect(csc.counts.dueSoon).toBe(1);
    expect(csc.open.items.map((item) => item.id)).toEqual(expect.arrayContaining(['rec-scr-r1', 'rec-scr-r6']));
  });
});

describe('the current plan, whenever the seed runs', () => {
  // Around midnight in London, on the days the clocks change, and in winter.
  const moments = [
    '2026-03-28T23:59:59.999Z',
    '2026-03-29T00:00:00.000Z',
    '2026-03-29T12:00:00.000Z',
    '2026-10-24T23:00:00.000Z',
    '2026-10-25T00:30:00.000Z',
    '2026-11-28T00:00:00.000Z',
    '2027-01-01T00:00:00.000Z',
    '2026-07-01T23:00:00.000Z',
  ].map((iso) => new Date(iso));

  it.each(moments)('dates everything before %s and its due dates from its UK day', (now) => {
    const today = ukDay(now);
    const plan = currentPlan(now);
    expect(plan.today).toBe(today);
    expect(plan.publication.at.getTime()).toBeGreaterThanOrEqual(startOfUkDay(addDays(today, -DAYS_SINCE_PUBLICATION)).getTime());
    expect(ukDay(plan.publication.at)).toBe(addDays(today, -DAYS_SINCE_PUBLICATION));
    const moments = [plan.publication.at, plan.findingsCreatedFrom, plan.recommendationsCreatedFrom, plan.measuresCreatedFrom, ...plan.activity.map((a) => a.at)];
    for (const moment of moments) {
      expect(moment.getTime()).toBeLessThan(startOfUkDay(today).getTime());
      expect(moment.getTime()).toBeLessThanOrEqual(now.getTime());
    }
    for (const [i, activity] of plan.activity.entries()) {
      expect(activity.at.getTime()).toBeGreaterThan(plan.measuresCreatedFrom.getTime());
      if (i > 0) expect(activity.at.getTime()).toBeGreaterThan(plan.activity[i - 1]!.at.getTime());
    }
    const due = Object.fromEntries(plan.recommendations.map((r) => [r.reference, dayOf(r.actions[0]!.originalDueDate)]));
    expect(due).toMatchObject({ R2: addDays(today, -24), R6: addDays(today, -6), R7: addDays(today, 21), R5: addDays(today, 150) });
  });
});

describe("a reviewer's decision on a whole recommendation, as the seed writes it", () => {
  const at = (minutes: number) => new Date(Date.UTC(2012, 9, 1, 9, minutes));
  const joint = 'rec-decision-r1';
  const plan = (decisions: SeedActivity[]): SeedPlan => ({
    reviewId: REVIEW_ID,
    enteredBy: 'chair',
    findings: FINDINGS.slice(0, 1),
    findingsCreatedFrom: at(0),
    recommendations: [
      {
        id: joint,
        reference: 'R1',
        text: 'A recommendation for two agencies',
        answers: ['F1'],
        response: 'ACCEPTED',
        priority: 'HIGH',
        actions: [
          { reference: '1', text: "The police's part", ownerAgencyId: AGENCY.police, leadOfficer: 'police', originalDueDate: new Date('2013-03-31') },
          { reference: '2', text: "Health's part", ownerAgencyId: AGENCY.nhs, leadOfficer: 'nhs', originalDueDate: new Date('2013-03-31') },
        ],
      },
    ],
    recommendationsCreatedFrom: at(1),
    measures: [],
    measuresCreatedFrom: at(2),
    activity: [
      { type: 'status', at: at(3), by: 'police', recommendationId: joint, to: 'IN_PROGRESS', note: 'Started' },
      { type: 'evidence', at: at(4), by: 'police', id: 'evidence-decision', recommendationId: joint, title: 'Done', description: '', kind: 'POLICY', url: 'https://example.test/e' },
      { type: 'status', at: at(5), by: 'police', recommendationId: joint, to: 'IMPLEMENTED', note: 'Done' },
      { type: 'assessment', at: at(6), by: 'qa', evidenceId: 'evidence-decision', assessment: 'ACCEPTED', comment: 'Accepted' },
      { type: 'status', at: at(7), by: 'qa', recommendationId: joint, to: 'VERIFIED', note: 'Verified' },
      { type: 'status', at: at(8), by: 'nhs', recommendationId: joint, action: '2', to: 'IN_PROGRESS', note: 'Started' },
      ...decisions,
    ],
  });
  const history = (decisions: SeedActivity[]) => {
    const events = reviewHistory((id) => id, (key) => `user-${key}`, [plan(decisions)], []);
    const stored = events.map((event, i) => ({
      ...event,
      ...payloadToStore<EventKind>(event.kind, event.before as never, event.after as never),
      id: i + 1,
      subjectVersion: event.subjectVersion ?? null,
      reviewId: event.reviewId ?? null,
      recommendationId: event.recommendationId ?? null,
      note: event.note ?? null,
    }));
    return { events, state: replay(stored, at(60)) };
  };

  it('closes the unfinished actions with it, and reopening reopens only those', () => {
    const { events, state } = history([
      { type: 'decision', at: at(10), by: 'chair', recommendationId: joint, to: 'SUPERSEDED', note: 'Replaced by the new strategy' },
      { type: 'decision', at: at(11), by: 'chair', recommendationId: joint, to: 'NOT_STARTED', note: 'Reopened' },
    ]);
    const decided = events.filter((e) => e.occurredAt >= at(10)).map((e) => [e.kind, e.subjectId, e.subjectVersion, e.before, e.after, e.note]);
    expect(decided).toEqual([
      ['recommendation.status_changed', joint, 2, { status: 'IN_PROGRESS' }, { status: 'SUPERSEDED' }, 'Replaced by the new strategy'],
      ['action.status_changed', actionIdOf(joint, '2'), 3, { status: 'IN_PROGRESS' }, { status: 'SUPERSEDED' }, 'Replaced by the new strategy'],
      ['recommendation.status_changed', joint, 3, { status: 'SUPERSEDED' }, { status: 'NOT_STARTED' }, 'Reopened'],
      ['action.status_changed', actionIdOf(joint, '2'), 4, { status: 'SUPERSEDED' }, { status: 'NOT_STARTED' }, 'Reopened'],
    ]);
    // The verified action stays verified; the recommendation is in progress again.
    expect([state.actions.get(actionIdOf(joint, '1'))!.status, state.actions.get(actionIdOf(joint, '2'))!.status]).toEqual(['VERIFIED', 'NOT_STARTED']);
    expect(state.recommendations.get(joint)!.status).toBe('IN_PROGRESS');
  });

  it('is set aside while it stands', () => {
    const { state } = history([{ type: 'decision', at: at(10), by: 'chair', recommendationId: joint, to: 'NOT_ACCEPTED', note: 'Not accepted' }]);
    expect(state.recommendations.get(joint)!.status).toBe('NOT_ACCEPTED');
  });

  it('is refused to an owner, and a work move is refused on the recommendation as a decision', () => {
    expect(() => history([{ type: 'decision', at: at(10), by: 'police', recommendationId: joint, to: 'SUPERSEDED', note: 'No' }])).toThrow(/Seed data: .*reviewer/);
    expect(() => history([{ type: 'decision', at: at(10), by: 'chair', recommendationId: joint, to: 'IMPLEMENTED', note: 'No' }])).toThrow(/Seed data: .*actions/);
    // And a decision is not a work move on an action.
    expect(() => history([{ type: 'status', at: at(10), by: 'chair', recommendationId: joint, action: '2', to: 'SUPERSEDED', note: 'No' }])).toThrow(/Seed data: .*on the recommendation/);
  });
});
