'use client';

import { ErrorSummary } from '@/components/form/error-summary';
import { useActionForm } from '@/components/form/use-action-form';
import type { ActionResult } from '@/lib/server-action';

/** "Try again" on a failed email: it goes with the next delivery, within a minute. */
export function RetryEmailForm({ emailId, action }: { emailId: string; action: (input: { emailId: string }) => Promise<ActionResult<{ id: string }>> }) {
  const { form, onSubmit, summary } = useActionForm({
    schema: () => import('@/lib/email/retry-email.schema').then((m) => m.retryEmailSchema),
    action,
    defaultValues: { emailId },
  });
  return (
    <form onSubmit={onSubmit} noValidate aria-label="Try sending again">
      <ErrorSummary errors={summary} />
      <button type="submit" className="button" disabled={form.formState.isSubmitting}>
        Try sending again
      </button>
    </form>
  );
}
