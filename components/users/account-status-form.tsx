'use client';

import { ConfirmationForm } from '@/components/form/confirmation-form';
import { Field } from '@/components/form/field';
import { fieldId, useActionForm } from '@/components/form/use-action-form';
import { useConfirmStep } from '@/components/form/use-confirm-step';
import type { ActionResult } from '@/lib/server-action';

type Action = (input: unknown) => Promise<ActionResult<{ id: string }>>;

const SCOPE = 'status';
const idFor = (field: string) => `${SCOPE}-${fieldId(field)}`;

/**
 * Deactivating a user, in two steps: a warning button, then a confirmation
 * that says what happens (nothing is deleted) and takes an optional reason
 * for the record.
 */
export function DeactivateUserForm({ id, email, action }: { id: string; email: string; action: Action }) {
  const step = useConfirmStep();
  const { form, onSubmit, summary, errorFor } = useActionForm({
    schema: () => import('@/lib/users/user.schema').then((m) => m.deactivateUserSchema),
    action,
    defaultValues: { id, deactivateReason: '' },
    onSuccess: () => step.setConfirming(false),
  });
  return (
    <ConfirmationForm
      step={step}
      startLabel="Deactivate this user"
      startClassName="button button--warning"
      headingId="deactivate-heading"
      heading={`Are you sure you want to deactivate ${email}?`}
      explanation="They are signed out at once and cannot sign in again until an admin reactivates them. Nothing is deleted: what they did stays on record under their name."
      errors={summary.map((error) => (error.fieldId ? { ...error, fieldId: `${SCOPE}-${error.fieldId}` } : error))}
      onSubmit={onSubmit}
      submitting={form.formState.isSubmitting}
      submitLabel="Yes, deactivate this user"
      submitClassName="button button--warning"
    >
      <input type="hidden" {...form.register('id')} />
      <Field id={idFor('deactivateReason')} label="Reason (optional)" hint="Kept in the history, for example: left the agency" error={errorFor('deactivateReason')}>
        <textarea className="textarea" rows={3} {...form.register('deactivateReason')} />
      </Field>
    </ConfirmationForm>
  );
}

/** Reactivating a user, in two steps like deactivating: they can sign in again with the password they had. */
export function ReactivateUserForm({ id, email, action }: { id: string; email: string; action: Action }) {
  const step = useConfirmStep();
  const { form, onSubmit, summary } = useActionForm({
    schema: () => import('@/lib/users/user.schema').then((m) => m.reactivateUserSchema),
    action,
    defaultValues: { id },
    onSuccess: () => step.setConfirming(false),
  });
  return (
    <ConfirmationForm
      step={step}
      startLabel="Reactivate this user"
      startClassName="button"
      headingId="reactivate-heading"
      heading={`Are you sure you want to reactivate ${email}?`}
      explanation="They can sign in again with the role, agency and password they had. If that password may be known to anyone else, reset it as well."
      errors={summary}
      onSubmit={onSubmit}
      submitting={form.formState.isSubmitting}
      submitLabel="Yes, reactivate this user"
      submitClassName="button"
    >
      <input type="hidden" {...form.register('id')} />
    </ConfirmationForm>
  );
}
