'use client';

import { useRouter } from 'next/navigation';
import { ErrorSummary } from '@/components/form/error-summary';
import { useActionForm } from '@/components/form/use-action-form';
import type { ActionResult } from '@/lib/server-action';
import { ReviewFields } from './review-fields';

/** A new review; on success, its page. */
export function CreateReviewForm({ action }: { action: (input: unknown) => Promise<ActionResult<{ id: string }>> }) {
  const router = useRouter();
  const { form, onSubmit, summary, errorFor } = useActionForm({
    schema: () => import('@/lib/reviews/review.schema').then((m) => m.createReviewSchema),
    action,
    defaultValues: {
      title: '',
      commissioningBody: '',
      periodStart: '',
      periodEnd: '',
      publishedOn: '',
      status: 'PUBLISHED',
      summary: '',
      sourceUrl: '',
    },
    onSuccess: ({ id }) => router.push(`/reviews/${id}`),
  });
  return (
    <form onSubmit={onSubmit} noValidate>
      <ErrorSummary errors={summary} />
      <ReviewFields register={form.register} control={form.control} errorFor={errorFor} />
      <button type="submit" className="button" disabled={form.formState.isSubmitting}>
        Create review
      </button>
    </form>
  );
}
