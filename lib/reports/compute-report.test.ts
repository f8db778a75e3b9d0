import { describe, expect, it } from 'vitest';
import { computeReport, type Names, percent, progressByMonth } from './compute-report';
import { type EventKind, payloadToStore } from '@/lib/audit/event-catalogue';
import { actionLabel } from '@/lib/actions/roll-up';
import type { ReportEvent } from './replay';

let nextId = 1;
/**
 * An event as the version before actions stored it (JSON, read back): the
 * history every database made before then holds, and still reports from.
 */
function event(at: string, kind: EventKind, subjectId: string, fields: Partial<ReportEvent> = {}): ReportEvent {
  const payload = { before: JSON.parse(JSON.stringify(fields.before ?? null)) as unknown, after: JSON.parse(JSON.stringify(fields.after ?? null)) as unknown };
  return {
    id: nextId++,
    occurredAt: new Date(at),
    kind,
    subjectId,
    reviewId: 'review',
    recommendationId: kind.startsWith('recommendation.') ? subjectId : null,
    actorId: 'chair',
    note: null,
    ...fields,
    ...payload,
  };
}
const day = (iso: string) => new Date(`${iso}T00:00:00Z`);

const created = (at: string, id: string, reference: string, ownerAgencyId: string, dueDate: string) =>
  event(at, 'recommendation.created', id, {
    after: {
      reference,
      text: `Recommendation ${reference}`,
      response: 'ACCEPTED',
      status: 'NOT_STARTED',
      ownerAgencyId,
      ownerAgency: ownerAgencyId,
      leadOfficerId: null,
      leadOfficer: null,
      findingIds: [],
      findings: [],
      priority: 'HIGH',
      dueDate: day(dueDate),
      originalDueDate: day(dueDate),
    },
  });
const status = (at: string, id: string, from: string, to: string, actorId = 'owner', note = `${from} to ${to}`) =>
  event(at, 'recommendation.status_changed', id, { before: { status: from }, after: { status: to }, actorId, note });

const EVENTS: ReportEvent[] = [
  created('2012-09-27T10:00:00Z', 'r1', 'R1', 'csc', '2012-12-31'),
  created('2012-09-27T10:01:00Z', 'r2', 'R2', 'csc', '2013-03-31'),
  created('2012-09-27T10:02:00Z', 'r3', 'R3', 'police', '2012-11-30'),
  created('2012-09-27T10:03:00Z', 'r4', 'R4', 'police', '2013-06-30'),
  event('2012-09-28T09:00:00Z', 'measure.created', 'm1', { recommendationId: 'r1', after: { name: 'Staff trained', unit: 'staff', target: 4000, currentValue: 0 } }),
  status('2012-10-05T09:00:00Z', 'r1', 'NOT_STARTED', 'IN_PROGRESS'),
  event('2012-10-20T09:00:00Z', 'measure.updated', 'm1', { recommendationId: 'r1', before: { currentValue: 0, name: 'Staff trained' }, after: { currentValue: 1500, name: 'Staff trained' }, actorId: 'owner' }),
  event('2012-11-01T09:00:00Z', 'evidence.submitted', 'e1', { recommendationId: 'r1', after: { title: 'Register', kind: 'TRAINING_RECORD' }, actorId: 'owner' }),
  status('2012-11-02T09:00:00Z', 'r1', 'IN_PROGRESS', 'IMPLEMENTED'),
  event('2012-11-10T09:00:00Z', 'evidence.assessed', 'e1', { recommendationId: 'r1', before: { assessment: 'PENDING', title: 'Register' }, after: { assessment: 'ACCEPTED', title: 'Register' }, actorId: 'qa' }),
  status('2012-11-12T09:00:00Z', 'r1', 'IMPLEMENTED', 'VERIFIED', 'qa'),
  status('2012-12-01T09:00:00Z', 'r4', 'NOT_STARTED', 'NOT_ACCEPTED', 'chair', 'Out of the partnership’s remit'),
  event('2013-01-15T09:00:00Z', 'recommendation.due_date_changed', 'r2', { before: { dueDate: day('2013-03-31') }, after: { dueDate: day('2013-06-30') } }),
];

const NAMES: Names = {
  agencies: new Map([
    ['csc', "Children's social care"],
    ['police', 'Police'],
  ]),
  users: new Map([
    ['owner', 'CSC lead officer'],
    ['qa', 'Quality assurance lead'],
    ['chair', 'Independent chair'],
  ]),
  reviews: new Map([['review', 'Rochdale review']]),
};

describe('percent', () => {
  it('rounds to one decimal place and is 0 of nothing', () => {
    expect(percent(1, 3)).toBe(33.3);
    expect(percent(2, 3)).toBe(66.7);
    expect(percent(0, 0)).toBe(0);
  });
});

describe('computeReport', () => {
  it('counts by status and RAG as things stood at the date asked for', () => {
    const report = computeReport(EVENTS, NAMES, new Date('2012-10-31T23:59:59Z'), new Date('2012-09-30T23:59:59Z'));
    expect(report.totals.recommendations).toBe(4);
    expect(report.totals.byStatus).toMatchObject({ NOT_STARTED: 3, IN_PROGRESS: 1, IMPLEMENTED: 0, VERIFIED: 0 });
    expect(report.totals.implementedPercent).toBe(0);
    expect(report.measures).toEqual([{ reference: 'R1', action: 'R1.1', name: 'Staff trained', unit: 'staff', target: 4000, currentValue: 1500, percent: 37.5 }]);
    expect(report.changes.statusChanges).toEqual([
      { reference: 'R1', from: 'NOT_STARTED', to: 'IN_PROGRESS', by: 'CSC lead officer', at: new Date('2012-10-05T09:00:00Z'), note: 'NOT_STARTED to IN_PROGRESS' },
    ]);
    expect(report.overdue).toEqual([]);
  });

  it('leaves out not accepted recommendations from the percentages, and lists overdue items with days', () => {
    const report = computeReport(EVENTS, NAMES, new Date('2012-12-10T23:59:59Z'), new Date('2012-11-05T23:59:59Z'));
    expect(report.totals.byStatus).toMatchObject({ NOT_STARTED: 2, VERIFIED: 1, NOT_ACCEPTED: 1 });
    // 1 of the 3 committed recommendations is done (R1 verified).
    expect(report.totals.implementedPercent).toBe(33.3);
    expect(report.totals.verifiedPercent).toBe(33.3);
    expect(report.overdue.map((r) => [r.reference, r.daysOverdue, r.ownerAgency])).toEqual([['R3', 10, 'Police']]);
    expect(report.changes.newlyOverdue.map((r) => r.reference)).toEqual(['R3']);
    expect(report.changes.statusChanges.map((c) => `${c.reference} ${c.to} by ${c.by}`)).toEqual([
      'R1 VERIFIED by Quality assurance lead',
      'R4 NOT_ACCEPTED by Independent chair',
    ]);
    expect(report.evidence).toEqual({ submitted: 1, accepted: 1, insufficient: 0, awaitingAssessment: [] });
    expect(report.byAgency).toEqual([
      { agency: "Children's social care", total: 2, byStatus: expect.objectContaining({ VERIFIED: 1, NOT_STARTED: 1 }), overdue: 0, implementedPercent: 50 },
      { agency: 'Police', total: 2, byStatus: expect.objectContaining({ NOT_STARTED: 1, NOT_ACCEPTED: 1 }), overdue: 1, implementedPercent: 0 },
    ]);
  });

  it('shows evidence awaiting assessment and the latest note', () => {
    const report = computeReport(EVENTS, NAMES, new Date('2012-11-05T23:59:59Z'), new Date('2012-10-01T00:00:00Z'));
    expect(report.evidence.awaitingAssessment).toEqual([
      { reference: 'R1', title: 'Register', submittedBy: 'CSC lead officer', submittedAt: new Date('2012-11-01T09:00:00Z') },
    ]);
    expect(report.changes.newEvidence).toEqual([{ reference: 'R1', title: 'Register', by: 'CSC lead officer', at: new Date('2012-11-01T09:00:00Z') }]);
    expect(report.recommendations.find((r) => r.reference === 'R1')?.latestNote).toBe('IN_PROGRESS to IMPLEMENTED');
  });

  it('keeps the original due date and applies moves from the history', () => {
    const report = computeReport(EVENTS, NAMES, new Date('2013-02-01T00:00:00Z'), new Date('2013-01-01T00:00:00Z'));
    const r2 = report.recommendations.find((r) => r.reference === 'R2')!;
    expect(r2.dueDate).toEqual(new Date('2013-06-30'));
    expect(r2.originalDueDate).toEqual(new Date('2013-03-31'));
  });

  it('gives the same report for a past date whatever happens afterwards', () => {
    const asAt = new Date('2012-11-05T23:59:59Z');
    const since = new Date('2012-10-01T00:00:00Z');
    const before = computeReport(EVENTS, NAMES, asAt, since);
    const later = [...EVENTS, status('2013-02-01T09:00:00Z', 'r2', 'NOT_STARTED', 'IN_PROGRESS'), status('2013-03-01T09:00:00Z', 'r3', 'NOT_STARTED', 'SUPERSEDED', 'chair')];
    expect(computeReport(later, NAMES, asAt, since)).toEqual(before);
  });
});

describe('progressByMonth', () => {
  it('counts implemented (or verified) and verified at each month end', () => {
    expect(progressByMonth(EVENTS, new Date('2013-01-31T23:59:59Z'))).toEqual([
      { month: '2012-09', implemented: 0, verified: 0 },
      { month: '2012-10', implemented: 0, verified: 0 },
      { month: '2012-11', implemented: 1, verified: 1 },
      { month: '2012-12', implemented: 1, verified: 1 },
      { month: '2013-01', implemented: 1, verified: 1 },
    ]);
  });

  it('puts each event in its UK month', () => {
    // 23:30 UTC on 30 June 2026 is 00:30 on 1 July in London.
    const july = [created('2026-06-30T23:30:00Z', 'r9', 'R9', 'csc', '2026-12-31'), status('2026-07-31T23:30:00Z', 'r9', 'NOT_STARTED', 'IMPLEMENTED')];
    expect(progressByMonth(july, new Date('2026-08-15T12:00:00Z'))).toEqual([
      { month: '2026-07', implemented: 0, verified: 0 },
      { month: '2026-08', implemented: 1, verified: 0 },
    ]);
  });
});

/** An event as recordEvent stores it now (its payload through the catalogue). */
function current(at: string, kind: EventKind, subjectId: string, fields: Partial<ReportEvent> = {}): ReportEvent {
  return { ...event(at, kind, subjectId, fields), ...payloadToStore(kind, fields.before as never, fields.after as never) };
}

describe('a report of a recommendation shared by agencies', () => {
  const action = (at: string, id: string, reference: string, agency: string, due: string) =>
    current(at, 'action.created', id, {
      recommendationId: 'j1',
      after: { reference, text: `Part ${reference}`, ownerAgencyId: agency, ownerAgency: agency, leadOfficerId: null, leadOfficer: null, status: 'NOT_STARTED', dueDate: day(due), originalDueDate: day(due) },
    });
  const moved = (at: string, id: string, from: string, to: string) =>
    current(at, 'action.status_changed', id, { recommendationId: 'j1', before: { status: from }, after: { status: to }, actorId: 'owner' });
  const JOINT: ReportEvent[] = [
    current('2026-01-05T09:00:00Z', 'recommendation.created', 'j1', {
      after: { reference: 'R7', text: 'Joint training', response: 'ACCEPTED', priority: 'HIGH', findingIds: [], findings: [] },
    }),
    action('2026-01-05T09:00:01Z', 'x1', '1', 'csc', '2026-03-31'),
    action('2026-01-05T09:00:02Z', 'x2', '2', 'police', '2026-04-30'),
    action('2026-01-05T09:00:03Z', 'x3', '3', 'police', '2026-06-30'),
    current('2026-01-10T09:00:00Z', 'measure.created', 'm9', { recommendationId: 'j1', after: { actionId: 'x1', name: 'Staff trained', unit: 'staff', target: 100, currentValue: 0 } }),
    moved('2026-02-01T09:00:00Z', 'x1', 'NOT_STARTED', 'IN_PROGRESS'),
    moved('2026-02-02T09:00:00Z', 'x1', 'IN_PROGRESS', 'IMPLEMENTED'),
    current('2026-02-03T09:00:00Z', 'action.due_date_changed', 'x2', { recommendationId: 'j1', before: { dueDate: day('2026-04-30') }, after: { dueDate: day('2026-05-31') }, note: 'Trainer ill' }),
  ];
  const report = computeReport(JOINT, NAMES, new Date('2026-06-01T12:00:00Z'), new Date('2026-01-31T23:59:59Z'));

  it('counts the recommendation once, by what its actions roll up to, and each action in its agency', () => {
    expect(report.totals.recommendations).toBe(1);
    expect(report.recommendations[0]).toMatchObject({ reference: 'R7', status: 'IN_PROGRESS', dueDate: day('2026-06-30'), ownerAgency: "Children's social care", rag: 'RED' });
    expect(report.byAgency.map((a) => [a.agency, a.total, a.overdue, a.implementedPercent])).toEqual([
      ["Children's social care", 1, 0, 100],
      ['Police', 2, 1, 0],
    ]);
    expect(report.totals.actions).toEqual({
      total: 3,
      byStatus: expect.objectContaining({ NOT_STARTED: 2, IMPLEMENTED: 1 }),
      // R7.2 overdue; R7.3 without an update for over 60 days; R7.1 implemented, awaiting verification.
      byRag: { RED: 2, AMBER: 0, GREEN: 1, NONE: 0 },
      overdue: 1,
      slipped: 1,
    });
  });

  it('lists every action by its label, with the overdue and slipped ones as exceptions', () => {
    expect(report.actions.map((a) => [a.reference, a.ownerAgency, a.status, a.text])).toEqual([
      ['R7.1', "Children's social care", 'IMPLEMENTED', 'Part 1'],
      ['R7.2', 'Police', 'NOT_STARTED', 'Part 2'],
      ['R7.3', 'Police', 'NOT_STARTED', 'Part 3'],
    ]);
    expect(report.actionExceptions.map((a) => [a.reference, a.daysOverdue])).toEqual([['R7.2', 1]]);
    expect(report.measures.map((m) => m.action)).toEqual([actionLabel('R7', '1')]);
    expect(report.changes.statusChanges.map((c) => `${c.reference} ${c.to}`)).toEqual(['R7.1 IN_PROGRESS', 'R7.1 IMPLEMENTED']);
  });
});
