// The kinds of history event. Each is "<subject>.<what happened>"; `before`
// and `after` carry only the fields that changed (see changedFields).
export const EVENT_KINDS = [
  'agency.created',
  'user.created',
  'user.updated',
  'user.deactivated',
  'user.reactivated',
  'user.password_reset',
  'user.password_changed',
  'user.signed_in',
  'user.sign_in_failed',
  'user.signed_out',
  'user.two_factor_enabled',
  'user.two_factor_disabled',
  'user.recovery_code_used',
  'access.denied',
  'review.created',
  'review.updated',
  'review.archived',
  'finding.created',
  'finding.updated',
  'finding.archived',
  'recommendation.created',
  'recommendation.updated',
  'recommendation.status_changed',
  'recommendation.progress_updated',
  'recommendation.due_date_changed',
  'recommendation.rag_overridden',
  'recommendation.rag_override_withdrawn',
  'recommendation.archived',
  'measure.created',
  'measure.updated',
  'evidence.submitted',
  'evidence.assessed',
  'comment.added',
] as const;

export type EventKind = (typeof EVENT_KINDS)[number];

export type SubjectType = EventKind extends `${infer S}.${string}` ? S : never;

export type FieldValues = Record<string, unknown>;

/** The fields whose values differ, as a before/after pair; dates compare by instant. */
export function changedFields(before: FieldValues, after: FieldValues): { before: FieldValues; after: FieldValues } {
  const changed = { before: {} as FieldValues, after: {} as FieldValues };
  for (const key of Object.keys(after)) {
    if (!sameValue(before[key], after[key])) {
      changed.before[key] = before[key] ?? null;
      changed.after[key] = after[key] ?? null;
    }
  }
  return changed;
}

function sameValue(a: unknown, b: unknown): boolean {
  if (a instanceof Date || b instanceof Date) {
    return a instanceof Date && b instanceof Date && a.getTime() === b.getTime();
  }
  if (Array.isArray(a) && Array.isArray(b)) {
    return a.length === b.length && a.every((item, i) => sameValue(item, b[i]));
  }
  if (a !== null && b !== null && typeof a === 'object' && typeof b === 'object') {
    return String(a) === String(b); // Prisma Decimal
  }
  return (a ?? null) === (b ?? null);
}
