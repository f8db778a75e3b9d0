'use client';

import { ConflictNotice } from '@/components/form/conflict-notice';
import { ErrorSummary } from '@/components/form/error-summary';
import { Field } from '@/components/form/field';
import { fieldId, useActionForm } from '@/components/form/use-action-form';
import type { ActionResult } from '@/lib/server-action';
import { SuccessBanner } from '@/components/form/success-banner';

/** Records a measure's new current value, with a note saying where it comes from. */
export function MeasureValueForm({
  measureId,
  version,
  measureName,
  unit,
  action,
}: {
  measureId: string;
  version: number;
  measureName: string;
  unit: string;
  action: (input: unknown) => Promise<ActionResult<{ version: number }>>;
}) {
  // Ids are scoped to this measure: a page can hold several of these forms.
  const scope = `measure-${measureId}`;
  const idFor = (field: string) => `${scope}-${fieldId(field)}`;
  const headingId = `${scope}-update-heading`;
  const { form, onSubmit, summary, conflict, saved, errorFor } = useActionForm({
    schema: () => import('@/lib/measures/measure.schema').then((m) => m.updateMeasureValueSchema),
    action,
    defaultValues: { measureId, version, currentValue: '', note: '' },
    onSuccess: ({ version: next }) => form.reset({ measureId, version: next, currentValue: '', note: '' }),
  });
  const scopedSummary = summary.map((error) => (error.fieldId ? { ...error, fieldId: `${scope}-${error.fieldId}` } : error));

  return (
    <form onSubmit={onSubmit} noValidate aria-labelledby={headingId}>
      <h4 id={headingId}>Update “{measureName}”</h4>
      <ErrorSummary errors={scopedSummary} />
      {conflict ? <ConflictNotice changes={conflict.changes} /> : null}
      {saved ? (
        <SuccessBanner>
          <p className="notification__title">New value saved</p>
        </SuccessBanner>
      ) : null}
      <input type="hidden" {...form.register('measureId')} />
      <input type="hidden" {...form.register('version')} />
      <Field
        id={idFor('currentValue')}
        label={`New current value${unit ? ` (${unit})` : ''}`}
        hint="A number, like 1500 or 12.5"
        error={errorFor('currentValue')}
      >
        <input className="input input--narrow" type="text" inputMode="decimal" autoComplete="off" {...form.register('currentValue')} />
      </Field>
      <Field
        id={idFor('note')}
        label="Note"
        hint="Where the figure comes from and what it covers. It is kept on the record."
        error={errorFor('note')}
      >
        <textarea className="textarea" rows={2} {...form.register('note')} />
      </Field>
      <button type="submit" className="button button--secondary" disabled={form.formState.isSubmitting}>
        Save value
      </button>
    </form>
  );
}
