'use client';

import { ConflictNotice } from '@/components/form/conflict-notice';
import { ErrorSummary } from '@/components/form/error-summary';
import { Field } from '@/components/form/field';
import { useEffect, useRef, useState } from 'react';
import { fieldId, useActionForm } from '@/components/form/use-action-form';
import type { RecommendationStatus } from '@/lib/generated/prisma/enums';
import { STATUS_LABELS } from '@/lib/labels';
import type { StatusChoices } from '@/lib/recommendations/workflow';
import type { ActionResult } from '@/lib/server-action';
import { SuccessBanner } from '@/components/form/success-banner';
import { useSyncedVersion } from '@/components/form/use-synced-version';

/**
 * An action's progress note, with a change of status where the workflow allows one. Only
 * the moves this user may make now are offered; the others are listed with
 * why (the same rule the server enforces, lib/recommendations/workflow.ts).
 */
export function UpdateProgressForm({
  actionId,
  version,
  currentStatus,
  choices,
  action,
}: {
  actionId: string;
  version: number;
  currentStatus: RecommendationStatus;
  choices: StatusChoices;
  action: (input: unknown) => Promise<ActionResult<{ version: number }>>;
}) {
  // What the last save changed, for the banner. The status before a save is the one the last save left
  // (the page's own status catches up only when its refresh arrives, which may be after the next save).
  const [savedMove, setSavedMove] = useState<{ from: RecommendationStatus; to: RecommendationStatus } | null>(null);
  const statusBefore = useRef(currentStatus);
  useEffect(() => {
    statusBefore.current = currentStatus;
  }, [currentStatus]);
  const { form, onSubmit, summary, conflict, saved, errorFor } = useActionForm({
    schema: () => import('@/lib/actions/update-progress.schema').then((m) => m.updateProgressSchema),
    action,
    defaultValues: { actionId, version, status: currentStatus, note: '' },
    onSuccess: ({ version: next }) => {
      const to = form.getValues('status') as RecommendationStatus;
      setSavedMove({ from: statusBefore.current, to });
      statusBefore.current = to;
      form.reset({ actionId, version: next, status: to, note: '' });
    },
  });
  useSyncedVersion(version, (next) => form.setValue('version', next));
  const statusError = errorFor('status');
  const statusId = fieldId('status');
  return (
    <form onSubmit={onSubmit} noValidate aria-labelledby="update-progress-heading">
      <h2 id="update-progress-heading">Update progress</h2>
      <ErrorSummary errors={summary} />
      {conflict ? <ConflictNotice changes={conflict.changes} /> : null}
      {saved ? (
        <SuccessBanner>
          <p className="notification__title">Progress update saved</p>
          <p>
            {savedMove && savedMove.to !== savedMove.from
              ? `Status changed from ${STATUS_LABELS[savedMove.from]} to ${STATUS_LABELS[savedMove.to]}. Your note is on the record.`
              : 'Your note is on the record; the status did not change.'}
          </p>
        </SuccessBanner>
      ) : null}
      <input type="hidden" {...form.register('actionId')} />
      <input type="hidden" {...form.register('version')} />
      <div className={`form-group${statusError ? ' form-group--error' : ''}`}>
        <fieldset aria-describedby={statusError ? `${statusId}-error` : undefined}>
          <legend>Status</legend>
          {statusError ? (
            <p className="error-message" id={`${statusId}-error`}>
              <span className="visually-hidden">Error:</span> {statusError}
            </p>
          ) : null}
          {/* Only the moves this user may make now; the first carries the field's id for the error summary. */}
          {[currentStatus, ...choices.offered].map((status, index) => {
            const id = index === 0 ? statusId : `${statusId}-${status.toLowerCase()}`;
            return (
              <div key={status} className="radios__item">
                <input className="radios__input" type="radio" id={id} value={status} {...form.register('status')} />
                <label htmlFor={id}>{index === 0 ? `Keep as ${STATUS_LABELS[status].toLowerCase()}` : STATUS_LABELS[status]}</label>
              </div>
            );
          })}
        </fieldset>
      </div>
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
