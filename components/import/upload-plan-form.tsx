'use client';

import { useRouter } from 'next/navigation';
import { useController } from 'react-hook-form';
import { ErrorSummary } from '@/components/form/error-summary';
import { Field } from '@/components/form/field';
import { fieldId, useActionForm } from '@/components/form/use-action-form';
import type { ActionResult } from '@/lib/server-action';

/**
 * Upload a spreadsheet into a review. The chosen File is the `file` value and
 * the form goes to the Server Action as FormData; nothing is written to the
 * review until the preview is checked and committed.
 */
export function UploadPlanForm({ reviewId, action }: { reviewId: string; action: (input: FormData) => Promise<ActionResult<{ id: string }>> }) {
  const router = useRouter();
  const { form, onSubmit, summary, errorFor } = useActionForm({
    schema: () => import('@/lib/imports/import.schema').then((m) => m.uploadPlanSchema),
    action: (values) => {
      const formData = new FormData();
      formData.append('reviewId', reviewId);
      if (values.file instanceof Blob) formData.append('file', values.file);
      return action(formData);
    },
    defaultValues: { reviewId, file: undefined },
    onSuccess: ({ id }) => router.push(`/imports/${id}`),
  });
  const { field } = useController({ control: form.control, name: 'file' });
  const submitting = form.formState.isSubmitting || form.formState.isSubmitSuccessful;
  return (
    <form onSubmit={onSubmit} noValidate aria-labelledby="upload-heading">
      <h2 id="upload-heading">Upload the spreadsheet</h2>
      <ErrorSummary errors={summary} />
      <input type="hidden" {...form.register('reviewId')} />
      <Field
        id={fieldId('file')}
        label="Spreadsheet"
        hint="An Excel workbook (.xlsx) or a CSV file, up to 10 MB and 20,000 rows. Nothing is changed until you have checked the preview."
        error={errorFor('file')}
      >
        <input
          type="file"
          accept=".xlsx,.csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet,text/csv"
          name={field.name}
          ref={field.ref}
          onBlur={field.onBlur}
          onChange={(event) => field.onChange(event.currentTarget.files?.[0])}
        />
      </Field>
      <button type="submit" className="button" disabled={submitting}>
        {submitting ? 'Reading the file…' : 'Upload and preview'}
      </button>
      {submitting ? (
        <p className="small" role="status">
          Reading the file and comparing it with the review. A large plan takes a few seconds.
        </p>
      ) : null}
    </form>
  );
}
