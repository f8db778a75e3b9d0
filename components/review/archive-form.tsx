'use client';

import { useRouter } from 'next/navigation';
import { useEffect, useRef, useState } from 'react';
import { ConflictNotice } from '@/components/form/conflict-notice';
import { ErrorSummary } from '@/components/form/error-summary';
import { Field } from '@/components/form/field';
import { fieldId, useActionForm } from '@/components/form/use-action-form';
import type { ActionResult } from '@/lib/server-action';

/**
 * Archiving a review, finding or recommendation, in two steps: a warning
 * button, then a confirmation that says what happens (nothing is deleted) and
 * takes an optional reason for the record.
 */
export function ArchiveForm({
  id,
  version,
  what,
  consequence,
  redirectTo,
  action,
}: {
  id: string;
  version: number;
  /** "review R1", "finding F2"... */
  what: string;
  /** What archiving does besides hiding the record. */
  consequence?: string;
  redirectTo: string;
  action: (input: unknown) => Promise<ActionResult<unknown>>;
}) {
  const router = useRouter();
  const [confirming, setConfirming] = useState(false);
  const headingRef = useRef<HTMLHeadingElement>(null);
  const { form, onSubmit, summary, conflict, errorFor } = useActionForm({
    schema: () => import('@/lib/reviews/review.schema').then((m) => m.archiveSchema),
    action,
    defaultValues: { id, version, archiveReason: '' },
    onSuccess: () => router.push(redirectTo),
  });
  useEffect(() => {
    if (confirming) headingRef.current?.focus();
  }, [confirming]);

  if (!confirming) {
    return (
      <button type="button" className="button button--warning" onClick={() => setConfirming(true)}>
        Archive this {what}
      </button>
    );
  }
  return (
    <form onSubmit={onSubmit} noValidate className="notification" aria-labelledby="archive-heading">
      <h3 id="archive-heading" className="notification__title" tabIndex={-1} ref={headingRef}>
        Are you sure you want to archive this {what}?
      </h3>
      <p>
        It will no longer appear in pages and lists. Nothing is deleted: it and its history stay on record.
        {consequence ? ` ${consequence}` : ''}
      </p>
      <ErrorSummary errors={summary} />
      {conflict ? <ConflictNotice changes={conflict.changes} /> : null}
      <input type="hidden" {...form.register('id')} />
      <input type="hidden" {...form.register('version')} />
      <Field id={fieldId('archiveReason')} label="Reason (optional)" hint="Kept in the history" error={errorFor('archiveReason')}>
        <textarea className="textarea" rows={3} {...form.register('archiveReason')} />
      </Field>
      <button type="submit" className="button button--warning" disabled={form.formState.isSubmitting}>
        Yes, archive this {what}
      </button>
      <button type="button" className="button button--secondary" onClick={() => setConfirming(false)}>
        Cancel
      </button>
    </form>
  );
}
