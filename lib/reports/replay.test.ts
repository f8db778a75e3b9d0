import { describe, expect, it } from 'vitest';
import { type ReportEvent, replay } from './replay';

let id = 1;
const event = (at: string, kind: string, subjectId: string, fields: Partial<ReportEvent>): ReportEvent => ({
  id: id++,
  occurredAt: new Date(at),
  kind,
  subjectId,
  subjectVersion: null,
  reviewId: 'review',
  recommendationId: null,
  actorId: 'chair',
  before: null,
  after: null,
  note: null,
  ...fields,
});

describe('replay of shapes stored by earlier versions', () => {
  it('rebuilds a recommendation, its notes, measure and evidence from the early demo seed’s payloads', () => {
    const events = [
      event('2012-09-20T09:00:00Z', 'user.created', 'u1', { after: { email: 'a@b.test', name: 'Business manager', role: 'ADMIN', agencyId: 'board' } }),
      event('2012-09-27T11:30:00Z', 'recommendation.created', 'r1', {
        recommendationId: 'r1',
        subjectVersion: 1,
        // Version 1: ids without names.
        after: { reference: 'R1', text: 'Brief staff', response: 'ACCEPTED', priority: 'HIGH', ownerAgencyId: 'csc', leadOfficerId: 'u1', findingIds: ['f1'], status: 'NOT_STARTED', dueDate: '2012-10-31T00:00:00.000Z', originalDueDate: '2012-10-31T00:00:00.000Z' },
      }),
      event('2012-09-27T11:45:00Z', 'measure.created', 'm1', { recommendationId: 'r1', after: { name: 'Staff briefed', unit: 'staff', target: 10000, currentValue: 0 } }),
      // Version 1 of recommendation.updated: a progress note.
      event('2012-10-01T09:00:00Z', 'recommendation.updated', 'r1', { recommendationId: 'r1', subjectVersion: 2, before: { progressNote: null }, after: { progressNote: 'Briefings booked' } }),
      event('2012-10-02T09:00:00Z', 'measure.updated', 'm1', { recommendationId: 'r1', before: { currentValue: 0 }, after: { currentValue: 10250 } }),
      event('2012-10-03T09:00:00Z', 'evidence.submitted', 'e1', { recommendationId: 'r1', after: { title: 'Registers', description: 'old', kind: 'TRAINING_RECORD', url: 'https://x.test', assessment: 'PENDING' } }),
      // Version 1 of evidence.assessed: the comment, no title.
      event('2012-10-04T09:00:00Z', 'evidence.assessed', 'e1', { recommendationId: 'r1', actorId: 'qa', before: { assessment: 'PENDING', assessmentComment: null }, after: { assessment: 'ACCEPTED', assessmentComment: 'Good' }, note: 'Good' }),
      // Version 1 of comment.added: the comment's text.
      event('2012-10-05T09:00:00Z', 'comment.added', 'c1', { recommendationId: 'r1', after: { body: 'Noted' } }),
    ];
    const state = replay(events, new Date('2013-01-01'));
    expect(state.people.get('u1')).toBe('Business manager');
    expect(state.recommendations.get('r1')).toMatchObject({ reference: 'R1', latestNote: 'Briefings booked', version: 2, lastProgressAt: new Date('2012-10-03T09:00:00Z') });
    expect(state.measures.get('m1')).toMatchObject({ currentValue: 10250 });
    expect(state.evidence.get('e1')).toMatchObject({ title: 'Registers', assessment: 'ACCEPTED', assessedById: 'qa', assessmentComment: 'Good' });
    // Before actions, all of it was the recommendation's one action, whose id is the recommendation's.
    expect(state.actions.get('r1')).toMatchObject({ reference: '1', text: null, ownerAgencyId: 'csc', leadOfficerId: 'u1', status: 'NOT_STARTED', latestNote: 'Briefings booked' });
    expect(state.measures.get('m1')?.actionId).toBe('r1');
    expect(state.evidence.get('e1')?.actionId).toBe('r1');
  });
});

describe('replay of a recommendation carried out through actions', () => {
  const created = (at: string) =>
    event(at, 'recommendation.created', 'r2', {
      recommendationId: 'r2',
      subjectVersion: 1,
      after: { reference: 'R2', text: 'Joint training', response: 'ACCEPTED', priority: 'HIGH', findingIds: [], findings: [] },
    });
  const action = (at: string, subjectId: string, reference: string, agency: string, due: string) =>
    event(at, 'action.created', subjectId, {
      recommendationId: 'r2',
      subjectVersion: 1,
      after: { reference, text: null, ownerAgencyId: agency, ownerAgency: agency, leadOfficerId: null, leadOfficer: null, status: 'NOT_STARTED', dueDate: due, originalDueDate: due },
    });
  const moved = (at: string, subjectId: string, kind: string, from: string, to: string, version: number) =>
    event(at, kind, subjectId, { recommendationId: 'r2', subjectVersion: version, before: { status: from }, after: { status: to }, note: `${from} to ${to}` });

  it('rolls the recommendation up from its actions at every moment, and a decision closes what is unfinished', () => {
    const events = [
      created('2026-01-05T09:00:00Z'),
      action('2026-01-05T09:00:01Z', 'a1', '1', 'police', '2026-03-31T00:00:00.000Z'),
      action('2026-01-06T09:00:00Z', 'a2', '2', 'health', '2026-06-30T00:00:00.000Z'),
      moved('2026-02-01T09:00:00Z', 'a1', 'action.status_changed', 'NOT_STARTED', 'IN_PROGRESS', 2),
      moved('2026-02-02T09:00:00Z', 'a1', 'action.status_changed', 'IN_PROGRESS', 'IMPLEMENTED', 3),
      moved('2026-02-03T09:00:00Z', 'a1', 'action.status_changed', 'IMPLEMENTED', 'VERIFIED', 4),
      event('2026-02-04T09:00:00Z', 'action.due_date_changed', 'a2', { recommendationId: 'r2', subjectVersion: 2, before: { dueDate: '2026-06-30T00:00:00.000Z' }, after: { dueDate: '2026-09-30T00:00:00.000Z' }, note: 'Waiting for funding' }),
      moved('2026-03-01T09:00:00Z', 'r2', 'recommendation.status_changed', 'IN_PROGRESS', 'SUPERSEDED', 2),
      moved('2026-03-01T09:00:01Z', 'a2', 'action.status_changed', 'NOT_STARTED', 'SUPERSEDED', 3),
    ];
    const at = (instant: string) => replay(events, new Date(instant));

    expect(at('2026-01-05T12:00:00Z').recommendations.get('r2')).toMatchObject({ status: 'NOT_STARTED', ownerAgencyId: 'police', dueDate: new Date('2026-03-31T00:00:00Z') });
    expect(at('2026-01-07T00:00:00Z').recommendations.get('r2')).toMatchObject({ status: 'NOT_STARTED', dueDate: new Date('2026-06-30T00:00:00Z'), actionIds: ['a1', 'a2'] });
    expect(at('2026-02-03T12:00:00Z').recommendations.get('r2')).toMatchObject({ status: 'IN_PROGRESS', lastProgressAt: new Date('2026-02-03T09:00:00Z') });
    const moved_ = at('2026-02-05T00:00:00Z');
    expect(moved_.recommendations.get('r2')).toMatchObject({ dueDate: new Date('2026-09-30T00:00:00Z'), originalDueDate: new Date('2026-06-30T00:00:00Z') });
    expect(moved_.actions.get('a2')).toMatchObject({ dueDateChangeReason: 'Waiting for funding', version: 2 });
    const decided = at('2026-03-02T00:00:00Z');
    expect(decided.recommendations.get('r2')).toMatchObject({ status: 'SUPERSEDED', version: 2, latestNote: 'NOT_STARTED to SUPERSEDED' });
    expect(decided.actions.get('a1')).toMatchObject({ status: 'VERIFIED', version: 4 });
    expect(decided.actions.get('a2')).toMatchObject({ status: 'SUPERSEDED', version: 3 });
  });

  it('leaves an archived action out of the roll-up', () => {
    const events = [
      created('2026-01-05T09:00:00Z'),
      action('2026-01-05T09:00:01Z', 'a1', '1', 'police', '2026-03-31T00:00:00.000Z'),
      action('2026-01-06T09:00:00Z', 'a2', '2', 'health', '2026-06-30T00:00:00.000Z'),
      moved('2026-02-01T09:00:00Z', 'a1', 'action.status_changed', 'NOT_STARTED', 'IN_PROGRESS', 2),
      event('2026-02-02T09:00:00Z', 'action.archived', 'a2', { recommendationId: 'r2', subjectVersion: 2, before: { archivedAt: null }, after: { reference: '2', archivedAt: '2026-02-02T09:00:00.000Z' } }),
    ];
    expect(replay(events, new Date('2026-03-01')).recommendations.get('r2')).toMatchObject({ status: 'IN_PROGRESS', dueDate: new Date('2026-03-31T00:00:00Z') });
  });
});
