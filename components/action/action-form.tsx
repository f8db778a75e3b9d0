'use client';

import { useRouter } from 'next/navigation';
import type { UseFormRegisterReturn } from 'react-hook-form';
import { ConflictNotice } from '@/components/form/conflict-notice';
import { DateInput } from '@/components/form/date-input';
import { ErrorSummary } from '@/components/form/error-summary';
import { Field } from '@/components/form/field';
import { fieldId, useActionForm } from '@/components/form/use-action-form';
import type { UpdateActionInput } from '@/lib/actions/action.schema';
import { formatDay } from '@/lib/days';
import type { ActionResult } from '@/lib/server-action';
import { type AgencyChoice, OwnerFields, useClearLeadOfficerOutsideAgency } from './owner-fields';

type Register = (name: 'reference' | 'text') => UseFormRegisterReturn<string>;

function ActionFields({
  register,
  errorFor,
  recommendationReference,
}: {
  register: Register;
  errorFor: (field: string) => string | undefined;
  recommendationReference: string;
}) {
  return (
    <>
      <Field
        id={fieldId('reference')}
        label="Reference"
        hint={`A number within the recommendation: action 2 is shown as ${recommendationReference}.2`}
        error={errorFor('reference')}
      >
        <input className="input input--narrow" type="text" spellCheck={false} autoComplete="off" {...register('reference')} />
      </Field>
      <Field id={fieldId('text')} label="Action" hint="What this agency will do" error={errorFor('text')}>
        <textarea className="textarea" rows={5} {...register('text')} />
      </Field>
    </>
  );
}

/** A reviewer adds an action to a recommendation: one agency's part of it. On success, the action's page. */
export function CreateActionForm({
  recommendationId,
  recommendationReference,
  suggestedReference,
  agencies,
  action,
}: {
  recommendationId: string;
  recommendationReference: string;
  suggestedReference: string;
  agencies: AgencyChoice[];
  action: (input: unknown) => Promise<ActionResult<{ id: string }>>;
}) {
  const router = useRouter();
  const { form, onSubmit, summary, errorFor } = useActionForm({
    schema: () => import('@/lib/actions/action.schema').then((m) => m.createActionSchema),
    action,
    defaultValues: { recommendationId, reference: suggestedReference, text: '', ownerAgencyId: '', leadOfficerId: '', dueDate: '' },
    onSuccess: ({ id }) => router.push(`/actions/${id}`),
  });
  const ownerAgencyId = form.watch('ownerAgencyId');
  useClearLeadOfficerOutsideAgency(agencies, ownerAgencyId, form.getValues('leadOfficerId'), () => form.setValue('leadOfficerId', ''));
  return (
    <form onSubmit={onSubmit} noValidate>
      <ErrorSummary errors={summary} />
      <input type="hidden" {...form.register('recommendationId')} />
      <ActionFields register={form.register} errorFor={errorFor} recommendationReference={recommendationReference} />
      <OwnerFields register={form.register} errorFor={errorFor} agencies={agencies} ownerAgencyId={ownerAgencyId} />
      <DateInput control={form.control} name="dueDate" id={fieldId('dueDate')} legend="Due date" error={errorFor('dueDate')} />
      <button type="submit" className="button" disabled={form.formState.isSubmitting}>
        Add action
      </button>
    </form>
  );
}

/**
 * A reviewer edits an action: what it says, who owns it, when it is due.
 * Moving the due date asks for a reason (the original due date is kept, so
 * slippage shows). On success, back to its page.
 */
export function EditActionForm({
  values,
  recommendationReference,
  currentDueDate,
  originalDueDate,
  agencies,
  action,
}: {
  /** Current values, the due date as 'YYYY-MM-DD'. */
  values: UpdateActionInput;
  recommendationReference: string;
  currentDueDate: string;
  originalDueDate: Date;
  agencies: AgencyChoice[];
  action: (input: unknown) => Promise<ActionResult<{ id: string; version: number }>>;
}) {
  const router = useRouter();
  const { form, onSubmit, summary, conflict, errorFor } = useActionForm({
    schema: () => import('@/lib/actions/action.schema').then((m) => m.updateActionSchema),
    action,
    defaultValues: values,
    onSuccess: ({ id }) => router.push(`/actions/${id}`),
  });
  const ownerAgencyId = form.watch('ownerAgencyId');
  const dueDate = form.watch('dueDate');
  const dueDateMoved = typeof dueDate === 'string' && dueDate !== '' && dueDate !== currentDueDate;
  useClearLeadOfficerOutsideAgency(agencies, ownerAgencyId, form.getValues('leadOfficerId'), () => form.setValue('leadOfficerId', ''));
  return (
    <form onSubmit={onSubmit} noValidate>
      <ErrorSummary errors={summary} />
      {conflict ? <ConflictNotice changes={conflict.changes} /> : null}
      <input type="hidden" {...form.register('id')} />
      <input type="hidden" {...form.register('version')} />
      <ActionFields register={form.register} errorFor={errorFor} recommendationReference={recommendationReference} />
      <OwnerFields register={form.register} errorFor={errorFor} agencies={agencies} ownerAgencyId={ownerAgencyId} />
      <DateInput
        control={form.control}
        name="dueDate"
        id={fieldId('dueDate')}
        legend="Due date"
        hint={`For example, 31 3 2013. Originally due ${formatDay(originalDueDate)}. Moving the due date needs a reason, which is kept on record.`}
        error={errorFor('dueDate')}
      />
      {dueDateMoved || errorFor('dueDateChangeReason') ? (
        <Field
          id={fieldId('dueDateChangeReason')}
          label="Reason for moving the due date"
          hint="Shown on the action and in its history"
          error={errorFor('dueDateChangeReason')}
        >
          <textarea className="textarea" rows={3} {...form.register('dueDateChangeReason')} />
        </Field>
      ) : null}
      <button type="submit" className="button" disabled={form.formState.isSubmitting}>
        Save changes
      </button>
    </form>
  );
}
