'use client';

import { ConflictNotice } from '@/components/form/conflict-notice';
import { ErrorSummary } from '@/components/form/error-summary';
import { Field } from '@/components/form/field';
import { fieldId, useActionForm } from '@/components/form/use-action-form';
import { ASSESSMENT_CHOICES } from '@/lib/evidence/assessment-choices';
import { ASSESSMENT_LABELS } from '@/lib/labels';
import type { ActionResult } from '@/lib/server-action';

const HINTS: Record<(typeof ASSESSMENT_CHOICES)[number], string> = {
  ACCEPTED: 'It shows the recommendation has been put into practice.',
  INSUFFICIENT: 'It does not show enough yet: say what is missing.',
};

/** A reviewer's assessment of one piece of evidence: accepted, or insufficient with a reason. */
export function AssessEvidenceForm({
  evidenceId,
  version,
  evidenceTitle,
  action,
}: {
  evidenceId: string;
  version: number;
  evidenceTitle: string;
  action: (input: unknown) => Promise<ActionResult<{ version: number }>>;
}) {
  // Ids are scoped to this piece of evidence: a page can hold several of these forms.
  const scope = `assess-${evidenceId}`;
  const idFor = (field: string) => `${scope}-${fieldId(field)}`;
  const { form, onSubmit, summary, conflict, errorFor } = useActionForm({
    schema: () => import('@/lib/evidence/assess-evidence.schema').then((m) => m.assessEvidenceSchema),
    action,
    defaultValues: { evidenceId, version, comment: '' },
  });
  const scopedSummary = summary.map((error) => (error.fieldId ? { ...error, fieldId: `${scope}-${error.fieldId}` } : error));
  const assessmentError = errorFor('assessment');
  const assessmentId = idFor('assessment');

  return (
    <form onSubmit={onSubmit} noValidate aria-label={`Assess “${evidenceTitle}”`}>
      <ErrorSummary errors={scopedSummary} />
      {conflict ? <ConflictNotice changes={conflict.changes} /> : null}
      <input type="hidden" {...form.register('evidenceId')} />
      <input type="hidden" {...form.register('version')} />
      <div className={`form-group${assessmentError ? ' form-group--error' : ''}`}>
        <fieldset aria-describedby={assessmentError ? `${assessmentId}-error` : undefined}>
          <legend>Your assessment of “{evidenceTitle}”</legend>
          {assessmentError ? (
            <p className="error-message" id={`${assessmentId}-error`}>
              <span className="visually-hidden">Error:</span> {assessmentError}
            </p>
          ) : null}
          {ASSESSMENT_CHOICES.map((choice, index) => {
            // The first option carries the field's id, so the error summary can focus it.
            const id = index === 0 ? assessmentId : `${assessmentId}-${choice.toLowerCase()}`;
            return (
              <div key={choice} className="radios__item">
                <input className="radios__input" type="radio" id={id} value={choice} aria-describedby={`${id}-hint`} {...form.register('assessment')} />
                <div>
                  <label htmlFor={id}>{ASSESSMENT_LABELS[choice]}</label>
                  <p className="hint small" id={`${id}-hint`}>
                    {HINTS[choice]}
                  </p>
                </div>
              </div>
            );
          })}
        </fieldset>
      </div>
      <Field
        id={idFor('comment')}
        label="Comment"
        hint="Needed if the evidence is insufficient: what is missing, and what would be enough."
        error={errorFor('comment')}
      >
        <textarea className="textarea" rows={3} {...form.register('comment')} />
      </Field>
      <button type="submit" className="button" disabled={form.formState.isSubmitting}>
        Save assessment
      </button>
    </form>
  );
}
