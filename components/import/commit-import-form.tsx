'use client';

import { useState } from 'react';
import { ErrorSummary } from '@/components/form/error-summary';
import { fieldId, useActionForm } from '@/components/form/use-action-form';
import { HintAndError } from '@/components/form/field';
import type { CommitImportInput } from '@/lib/imports/import.schema';
import type { ActionResult } from '@/lib/server-action';

type Committed = { reviewId: string; recommendationsCreated: number; actionsCreated: number; actionsUpdated: number; unchanged: number; rowsLeftOut: number[] };

/**
 * Commit what the preview shows, all or nothing. With rows that have problems,
 * only when the user chooses to leave them out. The fingerprint of the preview
 * goes with it: the server refuses if what it would write is not what was shown.
 */
export function CommitImportForm({
  importId,
  version,
  fingerprint,
  toWrite,
  rowsWithProblems,
  action,
}: {
  importId: string;
  version: number;
  fingerprint: string;
  toWrite: number;
  rowsWithProblems: number;
  action: (input: CommitImportInput) => Promise<ActionResult<Committed>>;
}) {
  const [done, setDone] = useState<Committed | null>(null);
  const { form, onSubmit, summary, errorFor } = useActionForm({
    schema: () => import('@/lib/imports/import.schema').then((m) => m.commitImportSchema),
    action,
    defaultValues: { importId, version, fingerprint, leaveOutProblemRows: false },
    onSuccess: setDone,
  });
  const submitting = form.formState.isSubmitting;
  if (done) return null;
  const error = errorFor('leaveOutProblemRows');
  return (
    <form onSubmit={onSubmit} noValidate aria-labelledby="commit-heading">
      <h2 id="commit-heading">Import</h2>
      <ErrorSummary errors={summary} />
      <input type="hidden" {...form.register('importId')} />
      <input type="hidden" {...form.register('version')} />
      <input type="hidden" {...form.register('fingerprint')} />
      {rowsWithProblems ? (
        <div className={`form-group${error ? ' form-group--error' : ''}`}>
          <HintAndError
            id={fieldId('leaveOutProblemRows')}
            hint={`${rowsWithProblems === 1 ? '1 row has' : `${rowsWithProblems} rows have`} problems. Put them right in the file and upload it again, or import the rest without them.`}
            error={error}
          />
          <div className="checkboxes__item">
            <input
              className="checkboxes__input"
              type="checkbox"
              id={fieldId('leaveOutProblemRows')}
              aria-describedby={`${fieldId('leaveOutProblemRows')}-hint${error ? ` ${fieldId('leaveOutProblemRows')}-error` : ''}`}
              {...form.register('leaveOutProblemRows')}
            />
            <label className="label checkboxes__label" htmlFor={fieldId('leaveOutProblemRows')}>
              Leave out the {rowsWithProblems === 1 ? 'row' : `${rowsWithProblems} rows`} with problems
            </label>
          </div>
        </div>
      ) : null}
      <button type="submit" className="button" disabled={submitting}>
        {submitting ? 'Importing…' : toWrite ? `Import ${toWrite === 1 ? '1 row' : `${toWrite.toLocaleString('en-GB')} rows`}` : 'Import (nothing to change)'}
      </button>
      {submitting ? (
        <p className="small" role="status">
          Writing the plan and its history in one step. A large plan takes a few seconds; nothing is written unless all of it is.
        </p>
      ) : null}
    </form>
  );
}
