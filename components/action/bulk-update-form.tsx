'use client';

import { useState } from 'react';
import { DateInput } from '@/components/form/date-input';
import { ErrorSummary } from '@/components/form/error-summary';
import { Field } from '@/components/form/field';
import { fieldId, useActionForm } from '@/components/form/use-action-form';
import type { BulkUpdateResult } from '@/lib/actions/bulk-update';
import type { BulkUpdateInput } from '@/lib/actions/bulk-update.schema';
import type { RecommendationStatus } from '@/lib/generated/prisma/enums';
import { STATUS_LABELS } from '@/lib/labels';
import type { ActionResult } from '@/lib/server-action';
import { BULK_FORM_ID, BULK_ITEM_NAME } from './bulk-selection';


const STATUSES: RecommendationStatus[] = ['NOT_STARTED', 'IN_PROGRESS', 'IMPLEMENTED', 'VERIFIED'];

function selectedItems(): BulkUpdateInput['items'] {
  const boxes = document.querySelectorAll<HTMLInputElement>(`input[form="${BULK_FORM_ID}"][name="${BULK_ITEM_NAME}"]:checked`);
  return [...boxes].map((box) => {
    const [actionId = '', version = ''] = box.value.split(':');
    return { actionId, version: Number(version) };
  });
}

/**
 * Change the status or the due date of the actions selected in the list, with
 * one note for all of them. Each action is checked on its own; the result says
 * what changed and what was refused, and why (in a live region).
 */
export function BulkUpdateForm({ mayMoveDueDates, action }: { mayMoveDueDates: boolean; action: (input: BulkUpdateInput) => Promise<ActionResult<BulkUpdateResult>> }) {
  const [result, setResult] = useState<BulkUpdateResult | null>(null);
  const { form, onSubmit, summary, errorFor } = useActionForm({
    schema: () => import('@/lib/actions/bulk-update.schema').then((m) => m.bulkUpdateSchema),
    action,
    defaultValues: { items: [], change: 'status', status: '', dueDate: '', note: '' },
    onSuccess: (data) => {
      setResult(data);
      form.reset({ items: [], change: form.getValues('change'), status: '', dueDate: '', note: '' });
    },
  });
  const change = form.watch('change');
  const submit = (event: React.FormEvent<HTMLFormElement>) => {
    setResult(null);
    form.setValue('items', selectedItems());
    return onSubmit(event);
  };
  // The selection's error is shown at the form (the checkboxes are in the table above).
  const itemsError = errorFor('items');
  return (
    <form id={BULK_FORM_ID} onSubmit={submit} noValidate aria-labelledby="bulk-heading" className="bulk-update">
      <h2 id="bulk-heading">Update the selected actions</h2>
      <p className="hint">Tick actions in the list above, then choose one change and write one note: each action is checked and recorded on its own.</p>
      <ErrorSummary errors={summary} />
      <div role="status" aria-live="polite">
        {result ? (
          <div className="notification notification--success">
            <p className="notification__title">
              {result.changed.length === 1 ? '1 action changed' : `${result.changed.length} actions changed`}
              {result.refused.length ? `, ${result.refused.length === 1 ? '1 refused' : `${result.refused.length} refused`}` : ''}
            </p>
            <ul>
              {result.changed.map((item) => (
                <li key={item.actionId}>
                  {item.label}: {item.message}
                </li>
              ))}
            </ul>
            {result.refused.length ? (
              <>
                <p>Not changed, and why:</p>
                <ul>
                  {result.refused.map((item) => (
                    <li key={item.actionId}>
                      {item.label}: {item.message}
                    </li>
                  ))}
                </ul>
              </>
            ) : null}
          </div>
        ) : null}
      </div>
      {itemsError ? (
        <p className="error-message" id={fieldId('items')} tabIndex={-1}>
          <span className="visually-hidden">Error:</span> {itemsError}
        </p>
      ) : null}
      <div className="form-group">
        <fieldset>
          <legend>What to change</legend>
          <div className="radios__item">
            <input className="radios__input" type="radio" id={fieldId('change')} value="status" {...form.register('change')} />
            <label htmlFor={fieldId('change')}>Status</label>
          </div>
          {mayMoveDueDates ? (
            <div className="radios__item">
              <input className="radios__input" type="radio" id={`${fieldId('change')}-due-date`} value="dueDate" {...form.register('change')} />
              <label htmlFor={`${fieldId('change')}-due-date`}>Due date</label>
            </div>
          ) : null}
        </fieldset>
      </div>
      {change === 'dueDate' ? (
        <DateInput control={form.control} name="dueDate" id={fieldId('dueDate')} legend="New due date" error={errorFor('dueDate')} />
      ) : (
        <Field id={fieldId('status')} label="New status" error={errorFor('status')}>
          <select className="select" {...form.register('status')}>
            <option value="">Choose a status</option>
            {STATUSES.map((status) => (
              <option key={status} value={status}>
                {STATUS_LABELS[status]}
              </option>
            ))}
          </select>
        </Field>
      )}
      <Field id={fieldId('note')} label="Note" hint="Why, for every action selected. It is kept on each one's record." error={errorFor('note')}>
        <textarea className="textarea" rows={3} {...form.register('note')} />
      </Field>
      <button type="submit" className="button" disabled={form.formState.isSubmitting}>
        {form.formState.isSubmitting ? 'Updating…' : 'Update selected actions'}
      </button>
    </form>
  );
}
