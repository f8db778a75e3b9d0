'use client';

import { ErrorSummary } from '@/components/form/error-summary';
import { Field } from '@/components/form/field';
import { fieldId, useActionForm } from '@/components/form/use-action-form';
import type { ActionResult } from '@/lib/server-action';
import { SuccessBanner } from '@/components/form/success-banner';

const SCOPE = 'new-measure';
const idFor = (field: string) => `${SCOPE}-${fieldId(field)}`;

/** A reviewer adds a measure of progress: what is counted, in what unit, and the target. */
export function MeasureForm({
  actionId,
  action,
}: {
  actionId: string;
  action: (input: unknown) => Promise<ActionResult<{ measureId: string }>>;
}) {
  const empty = { actionId, name: '', unit: '', target: '' };
  const { form, onSubmit, summary, saved, errorFor } = useActionForm({
    schema: () => import('@/lib/measures/measure.schema').then((m) => m.createMeasureSchema),
    action,
    defaultValues: empty,
    onSuccess: () => form.reset(empty),
  });
  const scopedSummary = summary.map((error) => (error.fieldId ? { ...error, fieldId: `${SCOPE}-${error.fieldId}` } : error));

  return (
    <form onSubmit={onSubmit} noValidate aria-labelledby="new-measure-heading">
      <h3 id="new-measure-heading">Add a measure</h3>
      <ErrorSummary errors={scopedSummary} />
      {saved ? (
        <SuccessBanner>
          <p className="notification__title">Measure added</p>
        </SuccessBanner>
      ) : null}
      <input type="hidden" {...form.register('actionId')} />
      <Field id={idFor('name')} label="What is measured" hint="For example, staff trained face to face" error={errorFor('name')}>
        <input className="input" type="text" autoComplete="off" {...form.register('name')} />
      </Field>
      <Field id={idFor('unit')} label="Unit (optional)" hint="For example, staff, referrals, meetings" error={errorFor('unit')}>
        <input className="input input--narrow" type="text" autoComplete="off" {...form.register('unit')} />
      </Field>
      <Field id={idFor('target')} label="Target" hint="A number greater than 0, like 1500" error={errorFor('target')}>
        <input className="input input--narrow" type="text" inputMode="decimal" autoComplete="off" {...form.register('target')} />
      </Field>
      <button type="submit" className="button button--secondary" disabled={form.formState.isSubmitting}>
        Add measure
      </button>
    </form>
  );
}
