'use client';

import { useRouter } from 'next/navigation';
import { ConflictNotice } from '@/components/form/conflict-notice';
import { ErrorSummary } from '@/components/form/error-summary';
import { Field } from '@/components/form/field';
import { fieldId, useActionForm } from '@/components/form/use-action-form';
import { Rag } from '@/lib/generated/prisma/enums';
import { RAG_LABELS } from '@/lib/labels';
import type { ActionResult } from '@/lib/server-action';

type Action = (input: unknown) => Promise<ActionResult<{ version: number }>>;

/**
 * A reviewer sets the RAG rating by hand with a justification, which stays on
 * record until withdrawn (and in the history for ever); on success, back to
 * the recommendation's page.
 */
export function RagOverrideForm({
  recommendationId,
  version,
  current,
  action,
}: {
  recommendationId: string;
  version: number;
  /** The override in force, if any. */
  current: { rating: Rag; justification: string } | null;
  action: Action;
}) {
  const router = useRouter();
  const { form, onSubmit, summary, conflict, errorFor } = useActionForm({
    schema: () => import('@/lib/recommendations/override-rag.schema').then((m) => m.overrideRagSchema),
    action,
    defaultValues: { recommendationId, version, ...(current ? { rating: current.rating } : {}), justification: '' },
    onSuccess: () => router.push(`/recommendations/${recommendationId}`),
  });
  return (
    <form onSubmit={onSubmit} noValidate aria-labelledby="override-rag-heading">
      <h3 id="override-rag-heading">{current ? 'Change the RAG override' : 'Override the RAG rating'}</h3>
      <p className="small secondary">
        The rating is normally computed from progress, dates and updates. Override it only when it misleads, and say why.
      </p>
      <ErrorSummary errors={summary} />
      {conflict ? <ConflictNotice changes={conflict.changes} /> : null}
      <input type="hidden" {...form.register('recommendationId')} />
      <input type="hidden" {...form.register('version')} />
      <Field id={fieldId('rating')} label="RAG rating" error={errorFor('rating')}>
        <select className="select" {...form.register('rating')}>
          <option value="">Choose a rating</option>
          {Object.values(Rag).map((rating) => (
            <option key={rating} value={rating}>
              {RAG_LABELS[rating]}
            </option>
          ))}
        </select>
      </Field>
      <Field id={fieldId('justification')} label="Justification" hint="Kept on record with the rating" error={errorFor('justification')}>
        <textarea className="textarea" rows={3} {...form.register('justification')} />
      </Field>
      <button type="submit" className="button" disabled={form.formState.isSubmitting}>
        Override rating
      </button>
    </form>
  );
}

/** Withdraws a reviewer's override, with a reason: the computed rating applies again. */
export function WithdrawRagOverrideForm({
  recommendationId,
  version,
  action,
}: {
  recommendationId: string;
  version: number;
  action: Action;
}) {
  const router = useRouter();
  const { form, onSubmit, summary, conflict, errorFor } = useActionForm({
    schema: () => import('@/lib/recommendations/override-rag.schema').then((m) => m.withdrawRagOverrideSchema),
    action,
    defaultValues: { recommendationId, version, reason: '' },
    onSuccess: () => router.push(`/recommendations/${recommendationId}`),
  });
  return (
    <form onSubmit={onSubmit} noValidate aria-labelledby="withdraw-override-heading">
      <h3 id="withdraw-override-heading">Withdraw the override</h3>
      <ErrorSummary errors={summary} />
      {conflict ? <ConflictNotice changes={conflict.changes} /> : null}
      <input type="hidden" {...form.register('recommendationId')} />
      <input type="hidden" {...form.register('version')} />
      <Field id={fieldId('reason')} label="Reason for withdrawing it" error={errorFor('reason')}>
        <textarea className="textarea" rows={3} {...form.register('reason')} />
      </Field>
      <button type="submit" className="button button--secondary" disabled={form.formState.isSubmitting}>
        Withdraw override
      </button>
    </form>
  );
}
