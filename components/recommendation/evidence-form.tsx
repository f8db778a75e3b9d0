'use client';

import { useState } from 'react';
import { useController } from 'react-hook-form';
import { ErrorSummary } from '@/components/form/error-summary';
import { Field } from '@/components/form/field';
import { fieldId, useActionForm } from '@/components/form/use-action-form';
import {
  ACCEPT_ATTRIBUTE,
  ACCEPTED_FILE_TYPES_TEXT,
  MAX_FILE_SIZE_TEXT,
} from '@/lib/evidence/file-type';
import { submitEvidenceToFormData } from '@/lib/evidence/submit-evidence-form-data';
import { EvidenceKind } from '@/lib/generated/prisma/enums';
import { EVIDENCE_KIND_LABELS } from '@/lib/labels';
import type { ActionResult } from '@/lib/server-action';
import { SuccessBanner } from '@/components/form/success-banner';

// Ids are scoped to this form: the action page holds several forms.
const SCOPE = 'evidence';
const idFor = (field: string) => `${SCOPE}-${fieldId(field)}`;

/**
 * Submit a piece of evidence: a link, or a file (type checked by content on
 * the server, size also checked here). The chosen File is kept as the `file`
 * value (not the input's FileList) and the whole form goes to the Server
 * Action as FormData.
 */
export function EvidenceForm({
  actionId,
  action,
}: {
  actionId: string;
  action: (input: FormData) => Promise<ActionResult<{ evidenceId: string }>>;
}) {
  const empty = { actionId, title: '', description: '', url: '', file: undefined };
  // A file input cannot be cleared through its value: a new key gives a fresh one after a save.
  const [fileInputKey, setFileInputKey] = useState(0);
  const { form, onSubmit, summary, saved, errorFor } = useActionForm({
    schema: () => import('@/lib/evidence/submit-evidence.schema').then((m) => m.submitEvidenceSchema),
    action: (values) => action(submitEvidenceToFormData(values)),
    defaultValues: empty,
    onSuccess: () => {
      form.reset(empty);
      setFileInputKey((key) => key + 1);
    },
  });
  const { field: fileField } = useController({ control: form.control, name: 'file' });
  const scopedSummary = summary.map((error) => (error.fieldId ? { ...error, fieldId: `${SCOPE}-${error.fieldId}` } : error));

  return (
    <form onSubmit={onSubmit} noValidate aria-labelledby="submit-evidence-heading">
      <h3 id="submit-evidence-heading">Submit evidence</h3>
      <ErrorSummary errors={scopedSummary} />
      {saved ? (
        <SuccessBanner>
          <p className="notification__title">Evidence submitted</p>
          <p className="small">A reviewer will assess it. It is listed above and on the history.</p>
        </SuccessBanner>
      ) : null}
      <input type="hidden" {...form.register('actionId')} />
      <Field id={idFor('title')} label="Title" error={errorFor('title')}>
        <input className="input" type="text" autoComplete="off" {...form.register('title')} />
      </Field>
      <Field id={idFor('kind')} label="Kind of evidence" error={errorFor('kind')}>
        <select className="select" defaultValue="" {...form.register('kind')}>
          <option value="" disabled>
            Choose a kind
          </option>
          {Object.values(EvidenceKind).map((kind) => (
            <option key={kind} value={kind}>
              {EVIDENCE_KIND_LABELS[kind]}
            </option>
          ))}
        </select>
      </Field>
      <Field
        id={idFor('description')}
        label="Description (optional)"
        hint="What this shows, and which part of the action it answers."
        error={errorFor('description')}
      >
        <textarea className="textarea" rows={3} {...form.register('description')} />
      </Field>
      <p className="hint">Give either a link to where the evidence is kept, or upload a file – not both.</p>
      <Field
        id={idFor('url')}
        label="Link (optional)"
        hint="The full web address, starting with https://"
        error={errorFor('url')}
      >
        <input className="input" type="url" inputMode="url" spellCheck={false} autoComplete="off" {...form.register('url')} />
      </Field>
      <Field
        id={idFor('file')}
        label="File (optional)"
        hint={`${ACCEPTED_FILE_TYPES_TEXT}. Up to ${MAX_FILE_SIZE_TEXT}. The file is checked by its content, not its name.`}
        error={errorFor('file')}
      >
        <input
          key={fileInputKey}
          type="file"
          accept={ACCEPT_ATTRIBUTE}
          name={fileField.name}
          ref={fileField.ref}
          onBlur={fileField.onBlur}
          onChange={(event) => fileField.onChange(event.currentTarget.files?.[0])}
        />
      </Field>
      <button type="submit" className="button" disabled={form.formState.isSubmitting}>
        {form.formState.isSubmitting ? 'Submitting…' : 'Submit evidence'}
      </button>
    </form>
  );
}
