'use client';

import { useRouter } from 'next/navigation';
import type { Control } from 'react-hook-form';
import { ConflictNotice } from '@/components/form/conflict-notice';
import { ErrorSummary } from '@/components/form/error-summary';
import { useActionForm } from '@/components/form/use-action-form';
import type { CreateReviewInput, UpdateReviewInput } from '@/lib/reviews/review.schema';
import type { ActionResult } from '@/lib/server-action';
import { ReviewFields } from './review-fields';

/** Edits a review's fields; on success, back to its page. A stale edit keeps what was typed and says what changed. */
export function EditReviewForm({
  review,
  action,
}: {
  /** Current values, dates as 'YYYY-MM-DD' ('' for none). */
  review: UpdateReviewInput;
  action: (input: unknown) => Promise<ActionResult<{ id: string; version: number }>>;
}) {
  const router = useRouter();
  const { form, onSubmit, summary, conflict, errorFor } = useActionForm({
    schema: () => import('@/lib/reviews/review.schema').then((m) => m.updateReviewSchema),
    action,
    defaultValues: review,
    onSuccess: () => router.push(`/reviews/${review.id}`),
  });
  return (
    <form onSubmit={onSubmit} noValidate>
      <ErrorSummary errors={summary} />
      {conflict ? <ConflictNotice changes={conflict.changes} /> : null}
      <input type="hidden" {...form.register('id')} />
      <input type="hidden" {...form.register('version')} />
      {/* The edit form's values are the create form's plus id and version. */}
      <ReviewFields register={form.register} control={form.control as unknown as Control<CreateReviewInput>} errorFor={errorFor} />
      <button type="submit" className="button" disabled={form.formState.isSubmitting}>
        Save changes
      </button>
    </form>
  );
}
