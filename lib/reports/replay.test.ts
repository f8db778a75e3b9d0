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
  });
});
