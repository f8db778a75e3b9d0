'use client';

import { useRouter } from 'next/navigation';
import { type AgencyChoice, OwnerFields, useClearLeadOfficerOutsideAgency } from '@/components/action/owner-fields';
import { DateInput } from '@/components/form/date-input';
import type { UseFormRegisterReturn } from 'react-hook-form';
import { ConflictNotice } from '@/components/form/conflict-notice';
import { ErrorSummary } from '@/components/form/error-summary';
import { Field } from '@/components/form/field';
import { fieldId, useActionForm } from '@/components/form/use-action-form';
import { Priority, ResponseKind } from '@/lib/generated/prisma/enums';
import { PRIORITY_LABELS, RESPONSE_LABELS } from '@/lib/labels';
import type { UpdateRecommendationInput } from '@/lib/recommendations/recommendation.schema';
import type { ActionResult } from '@/lib/server-action';

export type FindingChoice = { id: string; reference: string; text: string };

type Name = 'reference' | 'text' | 'findingIds' | 'response' | 'priority';
type Register = (name: Name) => UseFormRegisterReturn<string>;
type ErrorFor = (field: string) => string | undefined;

/** A new recommendation of a review; on success, its page. */
export function CreateRecommendationForm({
  reviewId,
  suggestedReference,
  findings,
  agencies,
  action,
}: {
  reviewId: string;
  suggestedReference: string;
  findings: FindingChoice[];
  agencies: AgencyChoice[];
  action: (input: unknown) => Promise<ActionResult<{ id: string }>>;
}) {
  const router = useRouter();
  const { form, onSubmit, summary, errorFor } = useActionForm({
    schema: () => import('@/lib/recommendations/recommendation.schema').then((m) => m.createRecommendationSchema),
    action,
    defaultValues: {
      reviewId,
      reference: suggestedReference,
      text: '',
      findingIds: [],
      response: 'ACCEPTED',
      ownerAgencyId: '',
      leadOfficerId: '',
      priority: 'MEDIUM',
      dueDate: '',
    },
    onSuccess: ({ id }) => router.push(`/recommendations/${id}`),
  });
  const ownerAgencyId = form.watch('ownerAgencyId');
  useClearLeadOfficerOutsideAgency(agencies, ownerAgencyId, form.getValues('leadOfficerId'), () => form.setValue('leadOfficerId', ''));
  return (
    <form onSubmit={onSubmit} noValidate>
      <ErrorSummary errors={summary} />
      <input type="hidden" {...form.register('reviewId')} />
      <RecommendationFields register={form.register} errorFor={errorFor} findings={findings} />
      <PriorityField register={form.register} errorFor={errorFor} />
      <h2>The first action</h2>
      <p className="hint">
        Who carries the recommendation out, and by when. Actions for other agencies can be added on the recommendation&apos;s page.
      </p>
      <OwnerFields register={form.register} errorFor={errorFor} agencies={agencies} ownerAgencyId={ownerAgencyId} />
      <DateInput control={form.control} name="dueDate" id={fieldId('dueDate')} legend="Due date" error={errorFor('dueDate')} />
      <button type="submit" className="button" disabled={form.formState.isSubmitting}>
        Add recommendation
      </button>
    </form>
  );
}

/** Edits what a recommendation says; its owners and dates are its actions'. On success, back to its page. */
export function EditRecommendationForm({
  recommendation,
  findings,
  action,
}: {
  recommendation: UpdateRecommendationInput;
  findings: FindingChoice[];
  action: (input: unknown) => Promise<ActionResult<{ id: string; version: number }>>;
}) {
  const router = useRouter();
  const { form, onSubmit, summary, conflict, errorFor } = useActionForm({
    schema: () => import('@/lib/recommendations/recommendation.schema').then((m) => m.updateRecommendationSchema),
    action,
    defaultValues: recommendation,
    onSuccess: ({ id }) => router.push(`/recommendations/${id}`),
  });
  return (
    <form onSubmit={onSubmit} noValidate>
      <ErrorSummary errors={summary} />
      {conflict ? <ConflictNotice changes={conflict.changes} /> : null}
      <input type="hidden" {...form.register('id')} />
      <input type="hidden" {...form.register('version')} />
      <RecommendationFields register={form.register} errorFor={errorFor} findings={findings} />
      <PriorityField register={form.register} errorFor={errorFor} />
      <button type="submit" className="button" disabled={form.formState.isSubmitting}>
        Save changes
      </button>
    </form>
  );
}

function RecommendationFields({ register, errorFor, findings }: { register: Register; errorFor: ErrorFor; findings: FindingChoice[] }) {
  return (
    <>
      <Field id={fieldId('reference')} label="Reference" hint="Unique within the review, for example R1" error={errorFor('reference')}>
        <input className="input input--narrow" type="text" spellCheck={false} autoComplete="off" {...register('reference')} />
      </Field>
      <Field id={fieldId('text')} label="Recommendation" error={errorFor('text')}>
        <textarea className="textarea" rows={5} {...register('text')} />
      </Field>
      <FindingCheckboxes register={register} error={errorFor('findingIds')} findings={findings} />
      <Field id={fieldId('response')} label="The partnership's response" error={errorFor('response')}>
        <select className="select" {...register('response')}>
          {Object.values(ResponseKind).map((response) => (
            <option key={response} value={response}>
              {RESPONSE_LABELS[response]}
            </option>
          ))}
        </select>
      </Field>
    </>
  );
}

function PriorityField({ register, errorFor }: { register: Register; errorFor: ErrorFor }) {
  return (
    <Field id={fieldId('priority')} label="Priority" error={errorFor('priority')}>
      <select className="select" {...register('priority')}>
        {Object.values(Priority).map((priority) => (
          <option key={priority} value={priority}>
            {PRIORITY_LABELS[priority]}
          </option>
        ))}
      </select>
    </Field>
  );
}

/** GOV.UK checkboxes: the findings this recommendation answers. */
function FindingCheckboxes({ register, error, findings }: { register: Register; error?: string; findings: FindingChoice[] }) {
  const id = fieldId('findingIds');
  const describedBy = [`${id}-hint`, error ? `${id}-error` : null].filter(Boolean).join(' ');
  return (
    <div className={`form-group${error ? ' form-group--error' : ''}`}>
      <fieldset aria-describedby={describedBy}>
        <legend>Findings this recommendation answers</legend>
        <p className="hint" id={`${id}-hint`}>
          Select all that apply
        </p>
        {error ? (
          <p className="error-message" id={`${id}-error`}>
            <span className="visually-hidden">Error:</span> {error}
          </p>
        ) : null}
        {findings.length === 0 ? <p>This review has no findings yet. Add its findings first.</p> : null}
        {findings.map((finding, i) => {
          const inputId = i === 0 ? id : `${id}-${i}`;
          return (
            <div key={finding.id} className="checkboxes__item">
              <input
                type="checkbox"
                id={inputId}
                value={finding.id}
                className="checkboxes__input"
                {...register('findingIds')}
              />
              <label htmlFor={inputId}>
                <strong>{finding.reference}</strong>: {finding.text}
              </label>
            </div>
          );
        })}
      </fieldset>
    </div>
  );
}
