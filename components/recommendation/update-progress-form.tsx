'use client';

import { ConflictNotice } from '@/components/form/conflict-notice';
import { ErrorSummary } from '@/components/form/error-summary';
import { Field } from '@/components/form/field';
import { fieldId, useActionForm } from '@/components/form/use-action-form';
import type { RecommendationStatus } from '@/lib/generated/prisma/enums';
import { STATUS_LABELS } from '@/lib/labels';
import type { StatusChoices } from '@/lib/recommendations/workflow';
import type { ActionResult } from '@/lib/server-action';

/**
 * Progress note, with a change of status where the workflow allows one. Only
 * the moves this user may make now are offered; the others are listed with
 * why (the same rule the server enforces, lib/recommendations/workflow.ts).
 */
export function UpdateProgressForm({
  recommendationId,
  version,
  currentStatus,
  choices,
  action,
}: {
  recommendationId: string;
  version: number;
  currentStatus: RecommendationStatus;
  choices: StatusChoices;
  action: (input: unknown) => Promise<ActionResult<{ version: number }>>;
}) {
  const { form, onSubmit, summary, conflict, saved, errorFor } = useActionForm({
    schema: () => import('@/lib/recommendations/update-progress.schema').then((m) => m.updateProgressSchema),
    action,
    defaultValues: { recommendationId, version, status: currentStatus, note: '' },
    onSuccess: ({ version: next }) => form.reset({ recommendationId, version: next, status: currentStatus, note: '' }),
  });
  return (
    <form onSubmit={onSubmit} noValidate aria-labelledby="update-progress-heading">
      <h2 id="update-progress-heading">Update progress</h2>
      <ErrorSummary errors={summary} />
      {conflict ? <ConflictNotice changes={conflict.changes} /> : null}
      {saved ? (
        <div className="notification notification--success" role="status">
          <p className="notification__title">Progress update saved</p>
        </div>
      ) : null}
      <input type="hidden" {...form.register('recommendationId')} />
      <input type="hidden" {...form.register('version')} />
      <Field id={fieldId('status')} label="Status" error={errorFor('status')}>
        <select className="select" {...form.register('status')}>
          <option value={currentStatus}>Keep as {STATUS_LABELS[currentStatus].toLowerCase()}</option>
          {choices.offered.map((status) => (
            <option key={status} value={status}>
              {STATUS_LABELS[status]}
            </option>
          ))}
        </select>
      </Field>
      {choices.notOffered.length ? (
        <div className="small">
          <p className="secondary" id="not-offered-heading">
            Not offered now, and why:
          </p>
          <ul aria-labelledby="not-offered-heading">
            {choices.notOffered.map(({ status, reason }) => (
              <li key={status}>
                {STATUS_LABELS[status]}: {reason}
              </li>
            ))}
          </ul>
        </div>
      ) : null}
      <Field
        id={fieldId('note')}
        label="Note"
        hint="What has been done, what changed and why. It is kept on the record."
        error={errorFor('note')}
      >
        <textarea className="textarea" rows={4} {...form.register('note')} />
      </Field>
      <button type="submit" className="button" disabled={form.formState.isSubmitting}>
        Save update
      </button>
    </form>
  );
}
