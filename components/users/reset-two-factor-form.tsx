'use client';

import { ErrorSummary } from '@/components/form/error-summary';
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
  const { confirming, setConfirming, headingRef } = useConfirmStep();
  const { form, onSubmit, summary, errorFor } = useActionForm({
    schema: () => import('@/lib/users/user.schema').then((m) => m.resetTwoFactorSchema),
    action,
    defaultValues: { id, resetTwoFactorReason: '' },
    onSuccess: () => setConfirming(false),
  });
  const scopedSummary = summary.map((error) => (error.fieldId ? { ...error, fieldId: `${SCOPE}-${error.fieldId}` } : error));

  if (!confirming) {
    return (
      <>
        <ErrorSummary errors={scopedSummary} />
        <button type="button" className="button button--secondary" onClick={() => setConfirming(true)}>
          Reset two-factor sign-in
        </button>
      </>
    );
  }
  return (
    <form onSubmit={onSubmit} noValidate className="notification" aria-labelledby="reset-two-factor-heading">
      <h3 id="reset-two-factor-heading" className="notification__title" tabIndex={-1} ref={headingRef}>
        Are you sure you want to reset two-factor sign-in for {email}?
      </h3>
      <p>
        Their authenticator app and recovery codes stop working and they are signed out at once. Admins and reviewers must set
        two-factor sign-in up again when they next sign in. Do this only once you are sure who is asking.
      </p>
      <ErrorSummary errors={scopedSummary} />
      <input type="hidden" {...form.register('id')} />
      <Field
        id={`${SCOPE}-${fieldId('resetTwoFactorReason')}`}
        label="Reason (optional)"
        hint="Kept in the history, for example: lost phone, identity checked by phone call"
        error={errorFor('resetTwoFactorReason')}
      >
        <textarea className="textarea" rows={3} {...form.register('resetTwoFactorReason')} />
      </Field>
      <button type="submit" className="button button--warning" disabled={form.formState.isSubmitting}>
        Yes, reset two-factor sign-in
      </button>
      <button type="button" className="button button--secondary" onClick={() => setConfirming(false)}>
        Cancel
      </button>
    </form>
  );
}
