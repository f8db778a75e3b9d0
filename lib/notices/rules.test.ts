import { describe, expect, it } from 'vitest';
import { type ActionFacts, type EvidenceFacts, noticesDue, noticeText } from './rules';

const action = (overrides: Partial<ActionFacts> = {}): ActionFacts => ({
  id: 'a1',
  label: 'R3.1',
  status: 'IN_PROGRESS',
  dueDate: '2013-03-31',
  lastProgressDay: '2013-02-01',
  leadOfficerId: 'lead',
  reviewId: 'v1',
  recommendationId: 'r3',
  ...overrides,
});
const evidence = (overrides: Partial<EvidenceFacts> = {}): EvidenceFacts => ({
  id: 'e1',
  actionId: 'a1',
  label: 'R3.1',
  submittedDay: '2013-03-01',
  submittedById: 'lead',
  reviewId: 'v1',
  recommendationId: 'r3',
  ...overrides,
});
const rulesOn = (today: string, facts: Partial<ActionFacts>) => noticesDue(today, [action(facts)], [], () => ['rev1']).map((n) => `${n.rule}:${n.key}`);

describe('which notices are due', () => {
  it.each([
    // [today, action, notices]
    ['2013-02-28', {}, []],
    ['2013-03-01', {}, ['due_soon:due_soon:30:a1:2013-03-31:lead']],
    ['2013-03-24', {}, ['due_soon:due_soon:7:a1:2013-03-31:lead']],
    // A round missed on the day still sends the threshold reached.
    ['2013-03-26', {}, ['due_soon:due_soon:7:a1:2013-03-31:lead']],
    ['2013-03-31', {}, ['due_soon:due_soon:7:a1:2013-03-31:lead']],
    ['2013-04-01', {}, ['overdue:overdue:a1:2013-03-31:lead']],
    // Implemented: awaiting verification, never overdue nor chased for progress.
    ['2013-04-01', { status: 'IMPLEMENTED' }, []],
    ['2013-03-24', { status: 'IMPLEMENTED' }, []],
    // Closed or set aside: nothing.
    ['2013-04-01', { status: 'VERIFIED' }, []],
    ['2013-04-01', { status: 'SUPERSEDED' }, []],
    // A moved due date is a new occurrence.
    ['2013-06-24', { dueDate: '2013-06-30', lastProgressDay: '2013-06-01' }, ['due_soon:due_soon:7:a1:2013-06-30:lead']],
    // No progress for 60 days: stalled, keyed by the day progress last moved.
    ['2013-01-30', { dueDate: '2013-12-31', lastProgressDay: '2012-12-01' }, ['stalled:stalled:a1:2012-12-01:lead']],
    ['2013-01-29', { dueDate: '2013-12-31', lastProgressDay: '2012-12-01' }, []],
    // Nobody leads it: the reviewers are told, once per action.
    ['2013-02-01', { leadOfficerId: null }, ['unled:unled:a1:rev1']],
  ] as const)('on %s, %j: %j', (today, facts, expected) => {
    expect(rulesOn(today, facts)).toEqual(expected);
  });

  it('tells every reviewer but its submitter about evidence waiting 14 days or more', () => {
    const due = noticesDue('2013-03-15', [], [evidence({ submittedById: 'rev1' })], () => ['rev1', 'rev2']);
    expect(due.map((n) => n.key)).toEqual(['evidence_waiting:e1:rev2']);
    expect(noticesDue('2013-03-14', [], [evidence()], () => ['rev1'])).toEqual([]);
  });

  it('words a notice with the reference and dates only, never the item’s text', () => {
    expect(noticeText({ rule: 'due_soon', aboutDay: '2013-03-31' }, 'R3.1', '2013-03-24')).toBe('R3.1 is due on 31 March 2013 (in 7 days)');
    expect(noticeText({ rule: 'overdue', aboutDay: '2013-03-31' }, 'R3.1', '2013-04-02')).toBe('R3.1 was due on 31 March 2013 and is overdue');
    expect(noticeText({ rule: 'unled', aboutDay: null }, 'R3.1', '2013-04-02')).toBe('R3.1 has nobody leading it: give it a lead officer');
  });
});
