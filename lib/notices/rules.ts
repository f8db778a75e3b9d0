// Which notices a round sends: the rules, as plain functions over what the
// round read (lib/notices/run-round.ts). Pure: no database, no clock but the
// day given; tested as a table (rules.test.ts). A day is a UK calendar day.
import { type Day, daysBetween, formatDay } from '@/lib/days';
import type { RecommendationStatus } from '@/lib/generated/prisma/enums';
import { isOpen, isOverdue } from '@/lib/recommendations/status';

export const NOTICE_RULES = ['due_soon', 'overdue', 'stalled', 'evidence_waiting', 'unled', 'escalated_senior_lead', 'escalated_no_senior_lead', 'escalated_manager'] as const;
export type NoticeRule = (typeof NOTICE_RULES)[number];

/** Escalations: always emailed at once, whatever the recipient chose; an admin may change when, never switch them off. */
export const ESCALATION_RULES: readonly NoticeRule[] = ['escalated_senior_lead', 'escalated_no_senior_lead', 'escalated_manager'];
export const isEscalation = (rule: string) => (ESCALATION_RULES as readonly string[]).includes(rule);

/** The rules' thresholds (PRODUCT.md, issue 13's defaults). */
export type NoticeSettings = {
  /** Remind the lead officer this many days before an action is due (each once). */
  dueSoonDays: readonly number[];
  /** Remind the lead officer when an action has had no progress for this many days. */
  stalledDays: number;
  /** Remind reviewers when evidence has waited this many days for assessment. */
  evidenceWaitingDays: number;
  /** Tell the owner agency's senior lead when an action has been overdue this many days. */
  seniorLeadAfterDays: number;
  /** Then tell the partnership's business managers (the admins), after this many days overdue. */
  managerAfterDays: number;
};

export const DEFAULT_NOTICE_SETTINGS: NoticeSettings = {
  dueSoonDays: [30, 7],
  stalledDays: 60,
  evidenceWaitingDays: 14,
  seniorLeadAfterDays: 14,
  managerAfterDays: 28,
};

/** Who the round may tell, beyond each action's lead officer. */
export type NoticePeople = {
  /** The reviewers to tell about a review's items: those working on it. */
  reviewersOf: (reviewId: string) => readonly string[];
  /** An agency's senior lead, when it has one (and they are active). */
  seniorLeadOf: (agencyId: string) => string | null;
  /** The business managers (active admins) to tell about a review's items: those of its partnership's board. */
  businessManagersOf: (reviewId: string) => readonly string[];
};

/** What the rules are told about an open action. */
export type ActionFacts = {
  id: string;
  label: string;
  status: RecommendationStatus;
  dueDate: Day;
  lastProgressDay: Day;
  leadOfficerId: string | null;
  /** The owner agency: whose senior lead an overdue action is escalated to. */
  agencyId: string;
  reviewId: string;
  recommendationId: string;
};

/** Evidence waiting for a reviewer's assessment. */
export type EvidenceFacts = { id: string; actionId: string; label: string; submittedDay: Day; submittedById: string; reviewId: string; recommendationId: string };

export type NoticeToSend = {
  /** Once per rule, item, occurrence and recipient, for ever. */
  key: string;
  rule: NoticeRule;
  recipientId: string;
  actionId: string;
  evidenceId: string | null;
  reviewId: string;
  recommendationId: string;
  /** The day the notice is about: the due date, the day of the last progress, the day evidence came. */
  aboutDay: Day;
};

/**
 * The notices due today. An occurrence is part of the key: an action whose
 * due date moves is reminded again about the new one; one that progresses and
 * stalls again is reminded again. Reviewers are the people who assess
 * evidence and give actions their lead officers: those working on the item's
 * review are told.
 */
export function noticesDue(
  today: Day,
  actions: readonly ActionFacts[],
  evidence: readonly EvidenceFacts[],
  people: NoticePeople,
  settings: NoticeSettings = DEFAULT_NOTICE_SETTINGS,
): NoticeToSend[] {
  const { reviewersOf } = people;
  const out: NoticeToSend[] = [];
  for (const action of actions) {
    if (!isOpen(action.status)) continue;
    const about = (rule: NoticeRule, aboutDay: Day, recipientId: string, detail = '') => ({
      key: `${rule}${detail}:${action.id}:${aboutDay}:${recipientId}`,
      rule,
      recipientId,
      actionId: action.id,
      evidenceId: null,
      reviewId: action.reviewId,
      recommendationId: action.recommendationId,
      aboutDay,
    });
    const overdue = isOverdue(action, today);
    // Escalated whoever leads it, or nobody: an unled overdue action is the one most in need of it.
    if (overdue && action.status !== 'IMPLEMENTED') out.push(...escalations(action, daysBetween(action.dueDate, today), people, settings, about));
    if (!action.leadOfficerId) {
      // Nobody leads it: the reviewers are told, once per action.
      for (const reviewerId of reviewersOf(action.reviewId)) out.push({ ...about('unled', action.dueDate, reviewerId), key: `unled:${action.id}:${reviewerId}` });
      continue;
    }
    if (overdue) out.push(about('overdue', action.dueDate, action.leadOfficerId));
    else if (action.status !== 'IMPLEMENTED') {
      // The nearest threshold already reached (a round missed on the day still sends it), each once.
      const daysLeft = daysBetween(today, action.dueDate);
      const reached = [...settings.dueSoonDays].sort((a, b) => a - b).find((days) => daysLeft <= days && daysLeft >= 0);
      if (reached !== undefined) out.push(about('due_soon', action.dueDate, action.leadOfficerId, `:${reached}`));
    }
    if (action.status !== 'IMPLEMENTED' && daysBetween(action.lastProgressDay, today) >= settings.stalledDays) {
      out.push(about('stalled', action.lastProgressDay, action.leadOfficerId));
    }
  }
  for (const item of evidence) {
    if (daysBetween(item.submittedDay, today) < settings.evidenceWaitingDays) continue;
    // Nobody judges their own evidence: its submitter is not asked to.
    for (const reviewerId of reviewersOf(item.reviewId).filter((id) => id !== item.submittedById)) {
      out.push({
        key: `evidence_waiting:${item.id}:${reviewerId}`,
        rule: 'evidence_waiting',
        recipientId: reviewerId,
        actionId: item.actionId,
        evidenceId: item.id,
        reviewId: item.reviewId,
        recommendationId: item.recommendationId,
        aboutDay: item.submittedDay,
      });
    }
  }
  return out;
}

/**
 * Escalation of an action still overdue: to its agency's senior lead, then to
 * the business managers. An agency with no senior lead (or one who has left)
 * goes straight to the business managers at the first step, saying so, so that
 * nothing is escalated to nobody. Each step once per due date and person.
 */
function escalations(
  action: ActionFacts,
  daysOverdue: number,
  people: NoticePeople,
  settings: NoticeSettings,
  about: (rule: NoticeRule, aboutDay: Day, recipientId: string) => NoticeToSend,
): NoticeToSend[] {
  const out: NoticeToSend[] = [];
  if (daysOverdue >= settings.seniorLeadAfterDays) {
    const seniorLead = people.seniorLeadOf(action.agencyId);
    // Told even when they lead it themselves: an escalation always goes by email, a reminder as they chose.
    if (seniorLead) out.push(about('escalated_senior_lead', action.dueDate, seniorLead));
    else for (const managerId of people.businessManagersOf(action.reviewId)) out.push(about('escalated_no_senior_lead', action.dueDate, managerId));
  }
  if (daysOverdue >= settings.managerAfterDays) {
    for (const managerId of people.businessManagersOf(action.reviewId)) out.push(about('escalated_manager', action.dueDate, managerId));
  }
  return out;
}

/** What a notice says, in the product's words; never the item's text, notes or evidence (they may go by email). */
export function noticeText(notice: { rule: string; aboutDay: Day | null }, label: string, today: Day): string {
  const day = notice.aboutDay;
  switch (notice.rule as NoticeRule) {
    case 'due_soon': {
      const days = day ? daysBetween(today, day) : null;
      return `${label} is due on ${formatDay(day)}${days !== null && days >= 0 ? ` (in ${days === 1 ? '1 day' : `${days} days`})` : ''}`;
    }
    case 'overdue':
      return `${label} was due on ${formatDay(day)} and is overdue`;
    case 'stalled':
      return `${label} has had no progress update since ${formatDay(day)}`;
    case 'evidence_waiting':
      return `Evidence for ${label} has waited since ${formatDay(day)} for assessment`;
    case 'unled':
      return `${label} has nobody leading it: give it a lead officer`;
    case 'escalated_senior_lead':
      return `Escalated to you as senior lead: ${label} was due on ${formatDay(day)} and is still overdue`;
    case 'escalated_no_senior_lead':
      return `Escalated to you, as the agency has no senior lead: ${label} was due on ${formatDay(day)} and is still overdue`;
    case 'escalated_manager':
      return `Escalated to the business manager: ${label} was due on ${formatDay(day)} and is still overdue`;
    default:
      return `${label}: a notice`;
  }
}
