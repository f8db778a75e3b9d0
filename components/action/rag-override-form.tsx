'use client';

import { useState } from 'react';
import { ConflictNotice } from '@/components/form/conflict-notice';
import { ErrorSummary } from '@/components/form/error-summary';
import { Field } from '@/components/form/field';
import { SuccessBanner } from '@/components/form/success-banner';
import { fieldId, useActionForm } from '@/components/form/use-action-form';
import { useSyncedVersion } from '@/components/form/use-synced-version';
import { Rag } from '@/lib/generated/prisma/enums';
import { RAG_LABELS } from '@/lib/labels';
import type { ActionResult } from '@/lib/server-action';

type Action = (input: unknown) => Promise<ActionResult<{ version: number }>>;

// Ids are scoped to these forms: the action page holds several forms.
const idFor = (scope: string, field: string) => `${scope}-${fieldId(field)}`;
const scoped = <T extends { fieldId: string }>(scope: string, summary: T[]) =>
  summary.map((error) => (error.fieldId ? { ...error, fieldId: `${scope}-${error.fieldId}` } : error));

/**
 * A reviewer's override of an action's RAG rating, and its withdrawal, with
 * what the last save did (the withdrawal form goes once it has worked, so the
 * banner is said here, above both).
 */
export function RagOverride({
  actionId,
  version,
  current,
  overrideRagAction,
  withdrawRagOverrideAction,
}: {
  actionId: string;
  version: number;
  /** The override in force, if any. */
  current: { rating: Rag; justification: string } | null;
  overrideRagAction: Action;
  withdrawRagOverrideAction: Action;
}) {
  const [done, setDone] = useState<string | null>(null);
  return (
    <>
      {done ? (
        <SuccessBanner key={done}>
          <p className="notification__title">{done}</p>
        </SuccessBanner>
      ) : null}
      <RagOverrideForm
        actionId={actionId}
        version={version}
        current={current}
        action={overrideRagAction}
        onSaved={(rating) => setDone(`RAG rating set to ${RAG_LABELS[rating].toLowerCase()}`)}
      />
      {current ? (
        <WithdrawRagOverrideForm
          actionId={actionId}
          version={version}
          action={withdrawRagOverrideAction}
          onSaved={() => setDone('Override withdrawn: the computed rating applies again')}
        />
      ) : null}
    </>
  );
}

/**
 * A reviewer sets the RAG rating by hand with a justification, which stays on
 * record until withdrawn (and in the history for ever).
 */
function RagOverrideForm({
  actionId,
  version,
  current,
  action,
  onSaved,
}: {
  actionId: string;
  version: number;
  current: { rating: Rag; justification: string } | null;
  action: Action;
  onSaved: (rating: Rag) => void;
}) {
  const scope = 'override-rag';
  const { form, onSubmit, summary, conflict, errorFor } = useActionForm({
    schema: () => import('@/lib/actions/override-rag.schema').then((m) => m.overrideRagSchema),
    action,
    defaultValues: { actionId, version, ...(current ? { rating: current.rating } : {}), justification: '' },
    onSuccess: ({ version: next }) => {
      const rating = form.getValues('rating') as Rag;
      form.reset({ actionId, version: next, rating, justification: '' });
      onSaved(rating);
    },
  });
  useSyncedVersion(version, (next) => form.setValue('version', next));
  return (
    <form onSubmit={onSubmit} noValidate aria-labelledby="override-rag-heading">
      <h3 id="override-rag-heading">{current ? 'Change the RAG override' : 'Override the RAG rating'}</h3>
      <p className="small secondary">
        The rating is normally computed from progress, dates and updates. Override it only when it misleads, and say why.
      </p>
      <ErrorSummary errors={scoped(scope, summary)} />
      {conflict ? <ConflictNotice changes={conflict.changes} /> : null}
      <input type="hidden" {...form.register('actionId')} />
      <input type="hidden" {...form.register('version')} />
      <Field id={idFor(scope, 'rating')} label="RAG rating" error={errorFor('rating')}>
        <select className="select" {...form.register('rating')}>
          <option value="">Choose a rating</option>
          {Object.values(Rag).map((rating) => (
            <option key={rating} value={rating}>
              {RAG_LABELS[rating]}
            </option>
          ))}
        </select>
      </Field>
      <Field id={idFor(scope, 'justification')} label="Justification" hint="Kept on record with the rating" error={errorFor('justification')}>
        <textarea className="textarea" rows={3} {...form.register('justification')} />
      </Field>
      <button type="submit" className="button button--secondary" disabled={form.formState.isSubmitting}>
        Override rating
      </button>
    </form>
  );
}

/** Withdraws a reviewer's override, with a reason: the computed rating applies again. */
function WithdrawRagOverrideForm({
  actionId,
  version,
  action,
  onSaved,
}: {
  actionId: string;
  version: number;
  action: Action;
  onSaved: () => void;
}) {
  const scope = 'withdraw-override';
  const { form, onSubmit, summary, conflict, errorFor } = useActionForm({
    schema: () => import('@/lib/actions/override-rag.schema').then((m) => m.withdrawRagOverrideSchema),
    action,
    defaultValues: { actionId, version, reason: '' },
    onSuccess: onSaved,
  });
  useSyncedVersion(version, (next) => form.setValue('version', next));
  return (
    <form onSubmit={onSubmit} noValidate aria-labelledby="withdraw-override-heading">
      <h3 id="withdraw-override-heading">Withdraw the override</h3>
      <ErrorSummary errors={scoped(scope, summary)} />
      {conflict ? <ConflictNotice changes={conflict.changes} /> : null}
      <input type="hidden" {...form.register('actionId')} />
      <input type="hidden" {...form.register('version')} />
      <Field id={idFor(scope, 'reason')} label="Reason for withdrawing it" error={errorFor('reason')}>
        <textarea className="textarea" rows={3} {...form.register('reason')} />
      </Field>
      <button type="submit" className="button button--secondary" disabled={form.formState.isSubmitting}>
        Withdraw override
      </button>
    </form>
  );
}
