'use client';

import Link from '@/components/link';
import { useState } from 'react';
import { ErrorSummary } from '@/components/form/error-summary';
import { Field } from '@/components/form/field';
import { fieldId, useActionForm } from '@/components/form/use-action-form';
import { PASSWORD_MIN_LENGTH, PRODUCT_NAME } from '@/lib/auth/password-policy';
import type { ActionResult } from '@/lib/server-action';
import { SuccessBanner } from '@/components/form/success-banner';

const EMPTY = { currentPassword: '', newPassword: '', confirmPassword: '' };

/** The signed-in user changes their own password; the current one is asked for first. */
export function ChangePasswordForm({ action }: { action: (input: unknown) => Promise<ActionResult<unknown>> }) {
  const [changed, setChanged] = useState(false);
  const { form, onSubmit, summary, errorFor } = useActionForm({
    schema: () => import('@/lib/users/user.schema').then((m) => m.changePasswordSchema),
    action,
    defaultValues: EMPTY,
    onSuccess: () => {
      setChanged(true);
      form.reset(EMPTY);
    },
  });

  if (changed) {
    return (
      <SuccessBanner>
        <h2 className="notification__title">Your password has been changed</h2>
        <p>You have been signed out everywhere else. Use your new password from now on.</p>
        <p>
          <Link href="/">Continue to your dashboard</Link>
        </p>
      </SuccessBanner>
    );
  }
  return (
    <form onSubmit={onSubmit} noValidate>
      <ErrorSummary errors={summary} />
      <Field id={fieldId('currentPassword')} label="Current password" error={errorFor('currentPassword')}>
        <input className="input" type="password" autoComplete="current-password" {...form.register('currentPassword')} />
      </Field>
      <Field
        id={fieldId('newPassword')}
        label="New password"
        hint={
          <>
            At least {PASSWORD_MIN_LENGTH} characters, with no other rules: three or more random words make a strong password that
            is easy to remember. It must not be a commonly used password, nor contain your name, your email address, your agency&apos;s
            name or {PRODUCT_NAME}.
          </>
        }
        error={errorFor('newPassword')}
      >
        <input className="input" type="password" autoComplete="new-password" {...form.register('newPassword')} />
      </Field>
      <Field id={fieldId('confirmPassword')} label="New password again" error={errorFor('confirmPassword')}>
        <input className="input" type="password" autoComplete="new-password" {...form.register('confirmPassword')} />
      </Field>
      <button type="submit" className="button" disabled={form.formState.isSubmitting}>
        Change password
      </button>
    </form>
  );
}
