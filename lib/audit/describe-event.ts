// Turns a history event into a sentence a person can read on a timeline:
// "Children's social care lead officer changed status from In progress to Implemented".
import {
  ASSESSMENT_LABELS,
  EVIDENCE_KIND_LABELS,
  NOTICE_EMAIL_LABELS,
  PRIORITY_LABELS,
  RAG_LABELS,
  RESPONSE_LABELS,
  REVIEW_KIND_LABELS,
  REVIEW_STATUS_LABELS,
  ROLE_LABELS,
  SEVERITY_LABELS,
  STATUS_LABELS,
} from '@/lib/labels';
import { formatDay } from '@/lib/days';
import { NOTICE_RULE_WORDS } from '@/lib/notices/rule-words';
import { readEvent, type StoredPayload, subjectTypeOf, unhandledKind } from './event-catalogue';
import type { FieldValues } from './events';

export type DescribableEvent = StoredPayload & { subjectId: string; actorName: string | null };

const FIELD_NAMES: Record<string, string> = {
  text: 'text',
  title: 'title',
  status: 'status',
  response: 'response',
  priority: 'priority',
  ownerAgency: 'owner agency',
  leadOfficer: 'lead officer',
  findings: 'findings answered',
  dueDate: 'due date',
  currentValue: 'current value',
  target: 'target',
  name: 'name',
  unit: 'unit',
  kind: 'kind',
  theme: 'theme',
  severity: 'severity',
  reference: 'reference',
  summary: 'summary',
  commissioningBody: 'commissioning body',
  periodStart: 'period start',
  periodEnd: 'period end',
  publishedOn: 'publication date',
  sourceUrl: 'source link',
  role: 'role',
  agency: 'agency',
  email: 'email',
  active: 'active',
  assessment: 'assessment',
  progressNote: 'progress update',
  rating: 'RAG rating',
  dueSoonDays: 'reminders before the due date (days)',
  stalledDays: 'days without progress before a reminder',
  evidenceWaitingDays: 'days evidence waits before a reminder',
  seniorLeadAfterDays: 'days overdue before the senior lead is told',
  managerAfterDays: 'days overdue before the business managers are told',
  noticeEmail: 'reminder emails',
};

const VALUE_LABELS: Record<string, Record<string, string>> = {
  status: { ...STATUS_LABELS, ...REVIEW_STATUS_LABELS },
  response: RESPONSE_LABELS,
  priority: PRIORITY_LABELS,
  severity: SEVERITY_LABELS,
  assessment: ASSESSMENT_LABELS,
  role: ROLE_LABELS,
  rating: RAG_LABELS,
  noticeEmail: NOTICE_EMAIL_LABELS,
};

const DATE_FIELDS = new Set(['dueDate', 'periodStart', 'periodEnd', 'publishedOn']);

export function formatValue(field: string, value: unknown, kindLabels: Record<string, string> = {}): string {
  if (value === null || value === undefined || value === '') return '(none)';
  if (DATE_FIELDS.has(field) && typeof value === 'string') return formatDay(new Date(value));
  if (field === 'kind' && typeof value === 'string') return kindLabels[value] ?? value;
  if (Array.isArray(value)) return value.join(', ') || '(none)';
  if (typeof value === 'number') return value.toLocaleString('en-GB');
  if (typeof value === 'boolean') return value ? 'yes' : 'no';
  const text = String(value);
  return VALUE_LABELS[field]?.[text] ?? text;
}

function changes(before: FieldValues, after: FieldValues, kindLabels?: Record<string, string>) {
  return Object.keys(after)
    // Ids travel with their names (for replays); people read the names.
    .filter((field) => field !== 'version' && !/Ids?$/.test(field))
    .map((field) => {
      const name = FIELD_NAMES[field] ?? field;
      return field in before
        ? `${name} from ${formatValue(field, before[field], kindLabels)} to ${formatValue(field, after[field], kindLabels)}`
        : `${name} to ${formatValue(field, after[field], kindLabels)}`;
    })
    .join('; ');
}

/** What the timeline knows beyond the event itself. */
export type DescribeContext = {
  /** Evidence titles by id: events of version 1 of "evidence.assessed" do not carry the title. */
  evidenceTitles?: ReadonlyMap<string, string>;
  /** Actions' labels ("R3.1") by id: most action events carry no reference. */
  actionLabels?: ReadonlyMap<string, string>;
};

/** Fields an event written before actions carried for the recommendation's one action read as the recommendation's. */
function withImpliedFields<T extends { impliedAction?: object }>(values: T): FieldValues {
  const { impliedAction, ...rest } = values;
  return { ...rest, ...(impliedAction ?? {}) } as FieldValues;
}

/**
 * One sentence, without the note (shown apart, as the person wrote it). The
 * event is read through the catalogue; every kind has its words here.
 */
export function describeEvent(stored: DescribableEvent, context: DescribeContext = {}): string {
  const who = stored.actorName ?? 'The system';
  const event = readEvent(stored);
  const action = () => {
    const label = context.actionLabels?.get(stored.subjectId);
    return label ? `action ${label}` : 'an action';
  };
  switch (event.kind) {
    case 'action.created':
      return `${who} added ${context.actionLabels?.has(stored.subjectId) ? action() : `action ${event.after.reference}`}, owned by ${event.after.ownerAgency}`;
    case 'action.updated':
      return `${who} changed ${action()}: ${changes(event.before, event.after)}`;
    case 'action.status_changed':
      return `${who} changed the status of ${action()} from ${formatValue('status', event.before.status)} to ${formatValue('status', event.after.status)}`;
    case 'action.progress_updated':
      return `${who} added a progress update on ${action()}`;
    case 'action.due_date_changed':
      return `${who} moved the due date of ${action()} from ${formatValue('dueDate', event.before.dueDate)} to ${formatValue('dueDate', event.after.dueDate)}`;
    case 'action.rag_overridden':
      return `${who} set the RAG rating of ${action()} to ${formatValue('rating', event.after.rating)}`;
    case 'action.rag_override_withdrawn':
      return `${who} withdrew the RAG override of ${action()} (was ${formatValue('rating', event.before.rating)})`;
    case 'action.archived':
      return `${who} archived ${action()}`;
    case 'action.imported': {
      const { statusWord, source, ...after } = event.after;
      const what = changes(event.before, after);
      const word = statusWord ? ` (the file's status: "${statusWord}")` : '';
      return `${who} imported ${action()} from "${source.fileName}" (${source.sheet}, row ${source.row})${what ? `: ${what}` : ''}${word}`;
    }
    case 'notice.sent': {
      const about = event.after.actionId ? context.actionLabels?.get(event.after.actionId) : undefined;
      return `${who} reminded ${event.after.recipient || 'someone'}${about ? ` about action ${about}` : ''}: ${NOTICE_RULE_WORDS[event.after.rule] ?? event.after.rule}`;
    }
    case 'review.plan_imported': {
      const a = event.after;
      return `${who} imported "${a.fileName}" (${a.sheet}, ${a.rows.toLocaleString('en-GB')} rows): ${a.recommendationsCreated} new recommendations, ${a.actionsCreated} new actions, ${a.actionsUpdated} actions updated${
        a.rowsLeftOut.length ? `; ${a.rowsLeftOut.length} rows with problems left out` : ''
      }`;
    }
    case 'recommendation.status_changed':
      return `${who} changed status from ${formatValue('status', event.before.status)} to ${formatValue('status', event.after.status)}`;
    case 'recommendation.progress_updated':
      return `${who} added a progress update`;
    case 'recommendation.due_date_changed':
      return `${who} moved the due date from ${formatValue('dueDate', event.before.dueDate)} to ${formatValue('dueDate', event.after.dueDate)}`;
    case 'recommendation.rag_overridden':
      return `${who} set the RAG rating to ${formatValue('rating', event.after.rating)}`;
    case 'recommendation.rag_override_withdrawn':
      return `${who} withdrew the RAG override (was ${formatValue('rating', event.before.rating)})`;
    case 'measure.created':
      return `${who} added the measure "${event.after.name}" (target ${formatValue('target', event.after.target)})`;
    case 'measure.updated': {
      const name = event.after.name ?? event.before.name;
      return `${who} updated ${name ? `"${name}"` : 'a measure'} from ${formatValue('currentValue', event.before.currentValue)} to ${formatValue('currentValue', event.after.currentValue)}`;
    }
    case 'evidence.submitted':
      return `${who} submitted evidence "${event.after.title}" (${formatValue('kind', event.after.kind, EVIDENCE_KIND_LABELS)})`;
    case 'evidence.assessed': {
      const title = event.after.title ?? context.evidenceTitles?.get(stored.subjectId);
      return `${who} assessed ${title ? `evidence "${title}"` : 'a piece of evidence'} as ${formatValue('assessment', event.after.assessment)}`;
    }
    case 'comment.added':
      return `${who} commented`;
    case 'agency.created':
      return `${who} created the agency ${event.after.name}`;
    case 'agency.senior_lead_changed':
      return event.after.seniorLeadId
        ? `${who} made ${event.after.seniorLead || 'someone'} the senior lead${event.before.seniorLeadId ? ` (was ${event.before.seniorLead || 'someone else'})` : ''}`
        : `${who} removed the senior lead (was ${event.before.seniorLead || 'someone'}): overdue actions go to the business managers`;
    case 'email.retried':
      return `${who} had a failed email to ${event.after.recipient} tried again${event.before.lastError ? ` (it had failed: ${event.before.lastError})` : ''}`;
    case 'settings.notice_rules_changed':
      return `${who} changed the notice rules: ${changes(event.before, event.after)}`;
    case 'user.notice_email_changed':
      return `${who} changed their reminder emails to “${formatValue('noticeEmail', event.after.noticeEmail)}” (was “${formatValue('noticeEmail', event.before.noticeEmail)}”)`;
    case 'user.created':
      return `${who} created the user ${event.after.name} (${formatValue('role', event.after.role)})`;
    case 'user.deactivated':
      return `${who} deactivated the user`;
    case 'user.reactivated':
      return `${who} reactivated the user`;
    case 'user.password_reset':
      return `${who} reset the password`;
    case 'user.password_changed':
      return `${who} changed their password`;
    case 'user.signed_in':
      return `${who} signed in`;
    case 'user.sign_in_failed':
      return `A sign-in as ${event.after.email} failed`;
    case 'user.signed_out':
      return `${who} signed out`;
    case 'user.two_factor_enabled':
      return `${who} turned on two-factor sign-in`;
    case 'user.two_factor_disabled':
      return event.after.by === 'admin' ? `${who} reset the user's two-factor sign-in` : `${who} turned off two-factor sign-in`;
    case 'user.recovery_code_used':
      return `${who} signed in with a recovery code (${event.after.remaining} left)`;
    case 'user.reauthentication_failed':
      return `${who} entered a wrong ${event.after.purpose === 'change password' ? 'current password' : 'code'} (to ${event.after.purpose})`;
    case 'access.denied':
      return `${who} was refused: ${event.after.action}${
        event.after.unrecordedBefore > 0 ? ` (and had been refused ${event.after.unrecordedBefore.toLocaleString('en-GB')} more times, not recorded one by one)` : ''
      }`;
    case 'review.created':
    case 'finding.created':
    case 'recommendation.created':
      return `${who} created the ${subjectTypeOf(event.kind)}${'reference' in event.after ? ` ${event.after.reference}` : ''}`;
    case 'review.archived':
    case 'finding.archived':
    case 'recommendation.archived':
      return `${who} archived the ${subjectTypeOf(event.kind)}${'reference' in event.after ? ` ${event.after.reference}` : ''}`;
    case 'review.updated':
      return `${who} changed the review: ${changes(event.before, event.after, REVIEW_KIND_LABELS)}`;
    case 'recommendation.updated':
      // Version 1 recorded a progress note this way.
      if (event.after.progressNote !== undefined) return `${who} added a progress update`;
      return `${who} changed the recommendation: ${changes(withImpliedFields(event.before), withImpliedFields(event.after))}`;
    case 'finding.updated':
    case 'user.updated':
      return `${who} changed the ${subjectTypeOf(event.kind)}: ${changes(event.before, event.after)}`;
    default:
      return unhandledKind(event);
  }
}
