// Turns a history event into a sentence a person can read on a timeline:
// "Children's social care lead officer changed status from In progress to Implemented".
import {
  ASSESSMENT_LABELS,
  EVIDENCE_KIND_LABELS,
  PRIORITY_LABELS,
  RAG_LABELS,
  RESPONSE_LABELS,
  REVIEW_KIND_LABELS,
  REVIEW_STATUS_LABELS,
  ROLE_LABELS,
  SEVERITY_LABELS,
  STATUS_LABELS,
  formatDate,
} from '@/lib/labels';
import type { FieldValues } from './events';

export type DescribableEvent = {
  kind: string;
  before: unknown;
  after: unknown;
  actorName: string | null;
};

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
};

const VALUE_LABELS: Record<string, Record<string, string>> = {
  status: { ...STATUS_LABELS, ...REVIEW_STATUS_LABELS },
  response: RESPONSE_LABELS,
  priority: PRIORITY_LABELS,
  severity: SEVERITY_LABELS,
  assessment: ASSESSMENT_LABELS,
  role: ROLE_LABELS,
  rating: RAG_LABELS,
};

const DATE_FIELDS = new Set(['dueDate', 'periodStart', 'periodEnd', 'publishedOn']);

function asValues(value: unknown): FieldValues {
  return value && typeof value === 'object' && !Array.isArray(value) ? (value as FieldValues) : {};
}

export function formatValue(field: string, value: unknown, kindLabels: Record<string, string> = {}): string {
  if (value === null || value === undefined || value === '') return '(none)';
  if (DATE_FIELDS.has(field) && typeof value === 'string') return formatDate(new Date(value));
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

/** One sentence, without the note (shown apart, as the person wrote it). */
export function describeEvent(event: DescribableEvent): string {
  const who = event.actorName ?? 'The system';
  const before = asValues(event.before);
  const after = asValues(event.after);
  const subject = event.kind.split('.')[0];
  switch (event.kind) {
    case 'recommendation.status_changed':
      return `${who} changed status from ${formatValue('status', before.status)} to ${formatValue('status', after.status)}`;
    case 'recommendation.progress_updated':
      return `${who} added a progress update`;
    case 'recommendation.due_date_changed':
      return `${who} moved the due date from ${formatValue('dueDate', before.dueDate)} to ${formatValue('dueDate', after.dueDate)}`;
    case 'recommendation.rag_overridden':
      return `${who} set the RAG rating to ${formatValue('rating', after.rating)}`;
    case 'recommendation.rag_override_withdrawn':
      return `${who} withdrew the RAG override (was ${formatValue('rating', before.rating)})`;
    case 'measure.created':
      return `${who} added the measure "${String(after.name)}" (target ${formatValue('target', after.target)})`;
    case 'measure.updated':
      return 'currentValue' in after
        ? `${who} updated "${String(after.name ?? before.name ?? 'measure')}" from ${formatValue('currentValue', before.currentValue)} to ${formatValue('currentValue', after.currentValue)}`
        : `${who} changed the measure: ${changes(before, after)}`;
    case 'evidence.submitted':
      return `${who} submitted evidence "${String(after.title)}" (${formatValue('kind', after.kind, EVIDENCE_KIND_LABELS)})`;
    case 'evidence.assessed':
      return `${who} assessed evidence "${String(after.title ?? before.title ?? '')}" as ${formatValue('assessment', after.assessment)}`;
    case 'comment.added':
      return `${who} commented`;
    default: {
      const what = event.kind.endsWith('.created')
        ? 'created'
        : event.kind.endsWith('.archived')
          ? 'archived'
          : 'changed';
      const label = `the ${subject}`;
      const kindLabels = subject === 'review' ? REVIEW_KIND_LABELS : EVIDENCE_KIND_LABELS;
      if (what === 'changed') return `${who} changed ${label}: ${changes(before, after, kindLabels)}`;
      return `${who} ${what} ${label}${after.reference ? ` ${String(after.reference)}` : ''}`;
    }
  }
}
