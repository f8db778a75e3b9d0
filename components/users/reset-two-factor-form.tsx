'use client';

import { ConfirmationForm } from '@/components/form/confirmation-form';
import { Field } from '@/components/form/field';
import { fieldId, useActionForm } from '@/components/form/use-action-form';
import { useConfirmStep } from '@/components/form/use-confirm-step';
import type { ActionResult } from '@/lib/server-action';

const SCOPE = 'two-factor';

/**
 * Resetting a user's two-factor sign-in, for someone who has lost both their
 * authenticator and their recovery codes: after a confirmation that says what
 * happens, with an optional reason for the record.
 */
export function ResetTwoFactorForm({ id, email, action }: { id: string; email: string; action: (input: unknown) => Promise<ActionResult<{ id: string }>> }) {
  const step = useConfirmStep();
  const { form, onSubmit, summary, errorFor } = useActionForm({
    schema: () => import('@/lib/users/user.schema').then((m) => m.resetTwoFactorSchema),
    action,
    defaultValues: { id, resetTwoFactorReason: '' },
    onSuccess: () => step.setConfirming(false),
  });
  return (
    <ConfirmationForm
      step={step}
      startLabel="Reset two-factor sign-in"
      startClassName="button button--secondary"
      headingId="reset-two-factor-heading"
      heading={`Are you sure you want to reset two-factor sign-in for ${email}?`}
      explanation="Their authenticator app and recovery codes stop working and they are signed out at once. Admins and reviewers must set two-factor sign-in up again when they next sign in. Do this only once you are sure who is asking."
      errors={summary.map((error) => (error.fieldId ? { ...error, fieldId: `${SCOPE}-${error.fieldId}` } : error))}
      onSubmit={onSubmit}
      submitting={form.formState.isSubmitting}
      submitLabel="Yes, reset two-factor sign-in"
      submitClassName="button button--warning"
    >
      <input type="hidden" {...form.register('id')} />
      <Field
        id={`${SCOPE}-${fieldId('resetTwoFactorReason')}`}
        label="Reason (optional)"
        hint="Kept in the history, for example: lost phone, identity checked by phone call"
        error={errorFor('resetTwoFactorReason')}
      >
        <textarea className="textarea" rows={3} {...form.register('resetTwoFactorReason')} />
      </Field>
    </ConfirmationForm>
  );
}
