'use client';

import { useState } from 'react';
import { ErrorSummary } from '@/components/form/error-summary';
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
  const { confirming, setConfirming, headingRef } = useConfirmStep();
  const [oneTimePassword, setOneTimePassword] = useState<string | null>(null);
  const { form, onSubmit, summary } = useActionForm({
    schema: () => import('@/lib/users/user.schema').then((m) => m.resetPasswordSchema),
    action,
    defaultValues: { id },
    onSuccess: (data) => {
      setConfirming(false);
      setOneTimePassword(data.oneTimePassword);
    },
  });

  return (
    <>
      {oneTimePassword ? <OneTimePassword title={`Password reset for ${email}`} password={oneTimePassword} /> : null}
      {confirming ? (
        <form onSubmit={onSubmit} noValidate className="notification" aria-labelledby="reset-heading">
          <h3 id="reset-heading" className="notification__title" tabIndex={-1} ref={headingRef}>
            Are you sure you want to reset the password of {email}?
          </h3>
          <p>
            Their current password stops working and they are signed out at once. You will see a one-time password, once, to give
            them; they must choose their own when they sign in with it.
          </p>
          <ErrorSummary errors={summary} />
          <input type="hidden" {...form.register('id')} />
          <button type="submit" className="button button--warning" disabled={form.formState.isSubmitting}>
            Yes, reset the password
          </button>
          <button type="button" className="button button--secondary" onClick={() => setConfirming(false)}>
            Cancel
          </button>
        </form>
      ) : (
        <>
          <ErrorSummary errors={summary} />
          <button
            type="button"
            className="button button--secondary"
            onClick={() => {
              setOneTimePassword(null);
              setConfirming(true);
            }}
          >
            Reset password
          </button>
        </>
      )}
    </>
  );
}
