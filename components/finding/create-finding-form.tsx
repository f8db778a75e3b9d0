'use client';

import { useRouter } from 'next/navigation';
import { ErrorSummary } from '@/components/form/error-summary';
import { useActionForm } from '@/components/form/use-action-form';
import type { ActionResult } from '@/lib/server-action';
import { FindingFields } from './finding-fields';

/** A new finding of a review; on success, the review page at the new finding. */
export function CreateFindingForm({
  reviewId,
  suggestedReference,
  action,
}: {
  reviewId: string;
  suggestedReference: string;
  action: (input: unknown) => Promise<ActionResult<{ id: string }>>;
}) {
  const router = useRouter();
  const { form, onSubmit, summary, errorFor } = useActionForm({
    schema: () => import('@/lib/findings/finding.schema').then((m) => m.createFindingSchema),
    action,
    defaultValues: { reviewId, reference: suggestedReference, text: '', theme: '' },
    onSuccess: ({ id }) => router.push(`/reviews/${reviewId}#finding-${id}`),
  });
  return (
    <form onSubmit={onSubmit} noValidate>
      <ErrorSummary errors={summary} />
      <input type="hidden" {...form.register('reviewId')} />
      <FindingFields register={form.register} errorFor={errorFor} />
      <button type="submit" className="button" disabled={form.formState.isSubmitting}>
        Add finding
      </button>
    </form>
  );
}
