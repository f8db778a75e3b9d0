'use client';

import { useState } from 'react';
import { ConflictNotice } from '@/components/form/conflict-notice';
import { ErrorSummary } from '@/components/form/error-summary';
import { Field } from '@/components/form/field';
import { SuccessBanner } from '@/components/form/success-banner';
import { fieldId, useActionForm } from '@/components/form/use-action-form';
import { useSyncedVersion } from '@/components/form/use-synced-version';
import type { RecommendationStatus } from '@/lib/generated/prisma/enums';
import { STATUS_LABELS } from '@/lib/labels';
import type { StatusChoices } from '@/lib/recommendations/workflow';
import type { ActionResult } from '@/lib/server-action';

const SCOPE = 'decision';
const idFor = (field: string) => `${SCOPE}-${fieldId(field)}`;

const HINTS: Partial<Record<RecommendationStatus, string>> = {
  NOT_ACCEPTED: 'The partnership will not carry it out. Its unfinished actions close with it.',
  SUPERSEDED: 'Something else now does what it asked. Its unfinished actions close with it.',
  NOT_STARTED: 'It is to be carried out after all. The actions this decision closed reopen.',
};

/**
 * A reviewer's decision on the whole recommendation, with a rationale: set it
 * aside (not accepted, superseded) or reopen it. Only the decisions this
 * reviewer may make now are offered (lib/recommendations/workflow.ts).
 */
export function DecisionForm({
  recommendationId,
  version,
  currentStatus,
  choices,
  action,
}: {
  recommendationId: string;
  version: number;
  currentStatus: RecommendationStatus;
  choices: StatusChoices;
  action: (input: unknown) => Promise<ActionResult<{ version: number }>>;
}) {
  const [decided, setDecided] = useState<RecommendationStatus | null>(null);
  const { form, onSubmit, summary, conflict, saved, errorFor } = useActionForm({
    schema: () => import('@/lib/actions/update-progress.schema').then((m) => m.decideRecommendationSchema),
    action,
    defaultValues: { recommendationId, version, note: '' },
    onSuccess: ({ version: next }) => {
      setDecided(form.getValues('status') as RecommendationStatus);
      form.reset({ recommendationId, version: next, note: '' });
    },
  });
  useSyncedVersion(version, (next) => form.setValue('version', next));
  const scopedSummary = summary.map((error) => (error.fieldId ? { ...error, fieldId: `${SCOPE}-${error.fieldId}` } : error));
  const statusError = errorFor('status');
  const statusId = idFor('status');
  const reopening = choices.offered.includes('NOT_STARTED');
  return (
    <form onSubmit={onSubmit} noValidate aria-labelledby="decision-heading">
      <h2 id="decision-heading">{reopening ? 'Reopen the recommendation' : 'Set the recommendation aside'}</h2>
      <ErrorSummary errors={scopedSummary} />
      {conflict ? <ConflictNotice changes={conflict.changes} /> : null}
      {saved && decided ? (
        <SuccessBanner>
          <p className="notification__title">Decision saved</p>
          <p>
            The recommendation is now {STATUS_LABELS[decided].toLowerCase()}. Your rationale is on the record.
          </p>
        </SuccessBanner>
      ) : null}
      <input type="hidden" {...form.register('recommendationId')} />
      <input type="hidden" {...form.register('version')} />
      <div className={`form-group${statusError ? ' form-group--error' : ''}`}>
        <fieldset aria-describedby={statusError ? `${statusId}-error` : undefined}>
          <legend>Decision</legend>
          <p className="hint small">Now {STATUS_LABELS[currentStatus].toLowerCase()}.</p>
          {statusError ? (
            <p className="error-message" id={`${statusId}-error`}>
              <span className="visually-hidden">Error:</span> {statusError}
            </p>
          ) : null}
          {/* The first option carries the field's id, so the error summary can focus it. */}
          {choices.offered.map((status, index) => {
            const id = index === 0 ? statusId : `${statusId}-${status.toLowerCase()}`;
            const label = status === 'NOT_STARTED' ? 'Reopen it' : STATUS_LABELS[status];
            return (
              <div key={status} className="radios__item">
                <input className="radios__input" type="radio" id={id} value={status} aria-describedby={`${id}-hint`} {...form.register('status')} />
                <div>
                  <label htmlFor={id}>{label}</label>
                  <p className="hint small" id={`${id}-hint`}>
                    {HINTS[status]}
                  </p>
                </div>
              </div>
            );
          })}
        </fieldset>
      </div>
      <Field id={idFor('note')} label="Rationale" hint="Why: it is kept on the record, on the recommendation and each action it moves." error={errorFor('note')}>
        <textarea className="textarea" rows={3} {...form.register('note')} />
      </Field>
      <button type="submit" className="button button--secondary" disabled={form.formState.isSubmitting}>
        Save decision
      </button>
    </form>
  );
}
