'use client';

import { ErrorSummary } from '@/components/form/error-summary';
import { useConfirmStep } from '@/components/form/use-confirm-step';
import { Field } from '@/components/form/field';
import { fieldId, useActionForm } from '@/components/form/use-action-form';
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
  const { confirming, setConfirming, headingRef } = useConfirmStep();
  const { form, onSubmit, summary, errorFor } = useActionForm({
    schema: () => import('@/lib/users/user.schema').then((m) => m.deactivateUserSchema),
    action,
    defaultValues: { id, deactivateReason: '' },
    onSuccess: () => setConfirming(false),
  });
  const scopedSummary = summary.map((error) => (error.fieldId ? { ...error, fieldId: `${SCOPE}-${error.fieldId}` } : error));

  if (!confirming) {
    return (
      <>
        <ErrorSummary errors={scopedSummary} />
        <button type="button" className="button button--warning" onClick={() => setConfirming(true)}>
          Deactivate this user
        </button>
      </>
    );
  }
  return (
    <form onSubmit={onSubmit} noValidate className="notification" aria-labelledby="deactivate-heading">
      <h3 id="deactivate-heading" className="notification__title" tabIndex={-1} ref={headingRef}>
        Are you sure you want to deactivate {email}?
      </h3>
      <p>
        They are signed out at once and cannot sign in again until an admin reactivates them. Nothing is deleted: what they did
        stays on record under their name.
      </p>
      <ErrorSummary errors={scopedSummary} />
      <input type="hidden" {...form.register('id')} />
      <Field id={idFor('deactivateReason')} label="Reason (optional)" hint="Kept in the history, for example: left the agency" error={errorFor('deactivateReason')}>
        <textarea className="textarea" rows={3} {...form.register('deactivateReason')} />
      </Field>
      <button type="submit" className="button button--warning" disabled={form.formState.isSubmitting}>
        Yes, deactivate this user
      </button>
      <button type="button" className="button button--secondary" onClick={() => setConfirming(false)}>
        Cancel
      </button>
    </form>
  );
}

/** Reactivating a user, in two steps like deactivating: they can sign in again with the password they had. */
export function ReactivateUserForm({ id, email, action }: { id: string; email: string; action: Action }) {
  const { confirming, setConfirming, headingRef } = useConfirmStep();
  const { form, onSubmit, summary } = useActionForm({
    schema: () => import('@/lib/users/user.schema').then((m) => m.reactivateUserSchema),
    action,
    defaultValues: { id },
    onSuccess: () => setConfirming(false),
  });

  if (!confirming) {
    return (
      <>
        <ErrorSummary errors={summary} />
        <button type="button" className="button" onClick={() => setConfirming(true)}>
          Reactivate this user
        </button>
      </>
    );
  }
  return (
    <form onSubmit={onSubmit} noValidate className="notification" aria-labelledby="reactivate-heading">
      <h3 id="reactivate-heading" className="notification__title" tabIndex={-1} ref={headingRef}>
        Are you sure you want to reactivate {email}?
      </h3>
      <p>
        They can sign in again with the role, agency and password they had. If that password may be known to anyone else, reset
        it as well.
      </p>
      <ErrorSummary errors={summary} />
      <input type="hidden" {...form.register('id')} />
      <button type="submit" className="button" disabled={form.formState.isSubmitting}>
        Yes, reactivate this user
      </button>
      <button type="button" className="button button--secondary" onClick={() => setConfirming(false)}>
        Cancel
      </button>
    </form>
  );
}
