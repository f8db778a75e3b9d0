'use client';

import { ErrorSummary } from '@/components/form/error-summary';
import { useActionForm } from '@/components/form/use-action-form';
import type { ActionResult } from '@/lib/server-action';

/** One button: every unread notice of the user's marked read. */
export function MarkAllReadForm({ action }: { action: (input: Record<string, never>) => Promise<ActionResult<{ marked: number }>> }) {
  const { form, onSubmit, summary } = useActionForm({
    schema: () => import('@/lib/notices/mark-read.schema').then((m) => m.markAllReadSchema),
    action,
    defaultValues: {},
  });
  return (
    <form onSubmit={onSubmit} noValidate aria-label="Mark all as read">
      <ErrorSummary errors={summary} />
      <button type="submit" className="button button--secondary" disabled={form.formState.isSubmitting}>
        Mark all as read
      </button>
    </form>
  );
}
