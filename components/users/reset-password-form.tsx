'use client';

import { useState } from 'react';
import { ConfirmationForm } from '@/components/form/confirmation-form';
import { useConfirmStep } from '@/components/form/use-confirm-step';
import { useActionForm } from '@/components/form/use-action-form';
import type { ActionResult } from '@/lib/server-action';
import { OneTimePassword } from './one-time-password';

/**
 * Resetting a user's password, after a confirmation. The one-time password
 * comes back once, in the action's result, and is shown in a notification:
 * it lives in this page's memory only.
 */
export function ResetPasswordForm({
  id,
  email,
  action,
}: {
  id: string;
  email: string;
  action: (input: unknown) => Promise<ActionResult<{ id: string; oneTimePassword: string }>>;
}) {
  const step = useConfirmStep();
  const [oneTimePassword, setOneTimePassword] = useState<string | null>(null);
  const { form, onSubmit, summary } = useActionForm({
    schema: () => import('@/lib/users/user.schema').then((m) => m.resetPasswordSchema),
    action,
    defaultValues: { id },
    onSuccess: (data) => {
      step.setConfirming(false);
      setOneTimePassword(data.oneTimePassword);
    },
  });

  return (
    <>
      {oneTimePassword ? <OneTimePassword title={`Password reset for ${email}`} password={oneTimePassword} /> : null}
      <ConfirmationForm
        step={step}
        startLabel="Reset password"
        startClassName="button button--secondary"
        onStart={() => setOneTimePassword(null)}
        headingId="reset-heading"
        heading={`Are you sure you want to reset the password of ${email}?`}
        explanation="Their current password stops working and they are signed out at once. You will see a one-time password, once, to give them; they must choose their own when they sign in with it."
        errors={summary}
        onSubmit={onSubmit}
        submitting={form.formState.isSubmitting}
        submitLabel="Yes, reset the password"
        submitClassName="button button--warning"
      >
        <input type="hidden" {...form.register('id')} />
      </ConfirmationForm>
    </>
  );
}
