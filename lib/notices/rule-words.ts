/** Each notice rule in words, for the history and the notifications list (a rule no longer made reads as its name). */
export const NOTICE_RULE_WORDS: Readonly<Record<string, string>> = {
  due_soon: 'due soon',
  overdue: 'overdue',
  stalled: 'no progress update for a long time',
  evidence_waiting: 'evidence waiting for assessment',
  unled: 'nobody leading it',
  escalated_senior_lead: 'escalated to the senior lead',
  escalated_no_senior_lead: 'escalated to the business manager (no senior lead)',
  escalated_manager: 'escalated to the business manager',
};
