import { describe, expect, it } from 'vitest';
import { type ActionFacts, DEFAULT_NOTICE_SETTINGS, type EvidenceFacts, type NoticePeople, noticesDue, noticeText } from './rules';

const people = (reviewers: string[], seniorLeads: Record<string, string> = { ag1: 'senior' }, managers = ['manager']): NoticePeople => ({
  reviewersOf: () => reviewers,
  seniorLeadOf: (agencyId) => seniorLeads[agencyId] ?? null,
  businessManagersOf: () => managers,
});

const action = (overrides: Partial<ActionFacts> = {}): ActionFacts => ({
  id: 'a1',
  label: 'R3.1',
  status: 'IN_PROGRESS',
  dueDate: '2013-03-31',
  lastProgressDay: '2013-02-01',
  leadOfficerId: 'lead',
  agencyId: 'ag1',
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
const rulesOn = (today: string, facts: Partial<ActionFacts>) => noticesDue(today, [action(facts)], [], people(['rev1'])).map((n) => `${n.rule}:${n.key}`);

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
    // Overdue 13 days: not yet escalated; 14: to the agency's senior lead; 28: to the business managers too.
    ['2013-04-13', { lastProgressDay: '2013-04-01' }, ['overdue:overdue:a1:2013-03-31:lead']],
    ['2013-04-14', { lastProgressDay: '2013-04-01' }, ['escalated_senior_lead:escalated_senior_lead:a1:2013-03-31:senior', 'overdue:overdue:a1:2013-03-31:lead']],
    [
      '2013-04-28',
      { lastProgressDay: '2013-04-01' },
      ['escalated_senior_lead:escalated_senior_lead:a1:2013-03-31:senior', 'escalated_manager:escalated_manager:a1:2013-03-31:manager', 'overdue:overdue:a1:2013-03-31:lead'],
    ],
    // An agency with no senior lead: the first step goes to the business managers, saying why.
    ['2013-04-14', { lastProgressDay: '2013-04-01', agencyId: 'ag2' }, ['escalated_no_senior_lead:escalated_no_senior_lead:a1:2013-03-31:manager', 'overdue:overdue:a1:2013-03-31:lead']],
    // The senior lead who leads it: the escalation still comes (always by email), beside the reminder.
    ['2013-04-14', { lastProgressDay: '2013-04-01', leadOfficerId: 'senior' }, ['escalated_senior_lead:escalated_senior_lead:a1:2013-03-31:senior', 'overdue:overdue:a1:2013-03-31:senior']],
    // Nobody leads it and it is overdue: flagged to the reviewers and escalated.
    ['2013-04-14', { lastProgressDay: '2013-04-01', leadOfficerId: null }, ['escalated_senior_lead:escalated_senior_lead:a1:2013-03-31:senior', 'unled:unled:a1:rev1']],
    // Implemented (awaiting verification) is not escalated.
    ['2013-05-30', { status: 'IMPLEMENTED' }, []],
  ] as const)('on %s, %j: %j', (today, facts, expected) => {
    expect(rulesOn(today, facts)).toEqual(expected);
  });

  it("escalates when the admin's thresholds say", () => {
    const settings = { ...DEFAULT_NOTICE_SETTINGS, seniorLeadAfterDays: 2, managerAfterDays: 3 };
    const rules = (today: string) => noticesDue(today, [action({ lastProgressDay: '2013-04-01' })], [], people([]), settings).map((n) => n.rule);
    expect(rules('2013-04-01')).toEqual(['overdue']);
    expect(rules('2013-04-02')).toEqual(['escalated_senior_lead', 'overdue']);
    expect(rules('2013-04-03')).toEqual(['escalated_senior_lead', 'escalated_manager', 'overdue']);
  });

  it('tells every reviewer but its submitter about evidence waiting 14 days or more', () => {
    const due = noticesDue('2013-03-15', [], [evidence({ submittedById: 'rev1' })], people(['rev1', 'rev2']));
    expect(due.map((n) => n.key)).toEqual(['evidence_waiting:e1:rev2']);
    expect(noticesDue('2013-03-14', [], [evidence()], people(['rev1']))).toEqual([]);
  });

  it('words a notice with the reference and dates only, never the item’s text', () => {
    expect(noticeText({ rule: 'due_soon', aboutDay: '2013-03-31' }, 'R3.1', '2013-03-24')).toBe('R3.1 is due on 31 March 2013 (in 7 days)');
    expect(noticeText({ rule: 'overdue', aboutDay: '2013-03-31' }, 'R3.1', '2013-04-02')).toBe('R3.1 was due on 31 March 2013 and is overdue');
    expect(noticeText({ rule: 'unled', aboutDay: null }, 'R3.1', '2013-04-02')).toBe('R3.1 has nobody leading it: give it a lead officer');
  });
});
