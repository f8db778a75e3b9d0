'use client';

import { useRouter } from 'next/navigation';
import { ConflictNotice } from '@/components/form/conflict-notice';
import { ErrorSummary } from '@/components/form/error-summary';
import { useActionForm } from '@/components/form/use-action-form';
import type { UpdateFindingInput } from '@/lib/findings/finding.schema';
import type { ActionResult } from '@/lib/server-action';
import { FindingFields } from './finding-fields';

/** Edits a finding; on success, back to its review. */
export function EditFindingForm({
  finding,
  reviewId,
  action,
}: {
  finding: UpdateFindingInput;
  reviewId: string;
  action: (input: unknown) => Promise<ActionResult<{ id: string; version: number }>>;
}) {
  const router = useRouter();
  const { form, onSubmit, summary, conflict, errorFor } = useActionForm({
    schema: () => import('@/lib/findings/finding.schema').then((m) => m.updateFindingSchema),
    action,
    defaultValues: finding,
    onSuccess: ({ id }) => router.push(`/reviews/${reviewId}#finding-${id}`),
  });
  return (
    <form onSubmit={onSubmit} noValidate>
      <ErrorSummary errors={summary} />
      {conflict ? <ConflictNotice changes={conflict.changes} /> : null}
      <input type="hidden" {...form.register('id')} />
      <input type="hidden" {...form.register('version')} />
      <FindingFields register={form.register} errorFor={errorFor} />
      <button type="submit" className="button" disabled={form.formState.isSubmitting}>
        Save changes
      </button>
    </form>
  );
}
