'use client';

import { useRouter } from 'next/navigation';
import { DateInput } from '@/components/form/date-input';
import { useEffect } from 'react';
import type { UseFormRegisterReturn } from 'react-hook-form';
import { ConflictNotice } from '@/components/form/conflict-notice';
import { ErrorSummary } from '@/components/form/error-summary';
import { Field } from '@/components/form/field';
import { fieldId, useActionForm } from '@/components/form/use-action-form';
import { Priority, ResponseKind } from '@/lib/generated/prisma/enums';
import { PRIORITY_LABELS, RESPONSE_LABELS } from '@/lib/labels';
import { formatDay } from '@/lib/days';
import type { CreateRecommendationInput, UpdateRecommendationInput } from '@/lib/recommendations/recommendation.schema';
import type { ActionResult } from '@/lib/server-action';

export type FindingChoice = { id: string; reference: string; text: string };
export type AgencyChoice = { id: string; name: string; users: { id: string; name: string }[] };

type Name = Exclude<keyof CreateRecommendationInput, 'reviewId'>;
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
      <RecommendationFields register={form.register} errorFor={errorFor} findings={findings} agencies={agencies} ownerAgencyId={ownerAgencyId} />
      <DateInput control={form.control} name="dueDate" id={fieldId('dueDate')} legend="Due date" error={errorFor('dueDate')} />
      <button type="submit" className="button" disabled={form.formState.isSubmitting}>
        Add recommendation
      </button>
    </form>
  );
}

/**
 * Edits a recommendation. Moving the due date asks for a reason (the original
 * due date is kept, so slippage shows); on success, back to its page.
 */
export function EditRecommendationForm({
  recommendation,
  currentDueDate,
  originalDueDate,
  findings,
  agencies,
  action,
}: {
  /** Current values, the due date as 'YYYY-MM-DD'. */
  recommendation: UpdateRecommendationInput;
  currentDueDate: string;
  originalDueDate: Date;
  findings: FindingChoice[];
  agencies: AgencyChoice[];
  action: (input: unknown) => Promise<ActionResult<{ id: string; version: number }>>;
}) {
  const router = useRouter();
  const { form, onSubmit, summary, conflict, errorFor } = useActionForm({
    schema: () => import('@/lib/recommendations/recommendation.schema').then((m) => m.updateRecommendationSchema),
    action,
    defaultValues: recommendation,
    onSuccess: ({ id }) => router.push(`/recommendations/${id}`),
  });
  const ownerAgencyId = form.watch('ownerAgencyId');
  const dueDate = form.watch('dueDate');
  const dueDateMoved = typeof dueDate === 'string' && dueDate !== '' && dueDate !== currentDueDate;
  useClearLeadOfficerOutsideAgency(agencies, ownerAgencyId, form.getValues('leadOfficerId'), () => form.setValue('leadOfficerId', ''));
  return (
    <form onSubmit={onSubmit} noValidate>
      <ErrorSummary errors={summary} />
      {conflict ? <ConflictNotice changes={conflict.changes} /> : null}
      <input type="hidden" {...form.register('id')} />
      <input type="hidden" {...form.register('version')} />
      <RecommendationFields register={form.register} errorFor={errorFor} findings={findings} agencies={agencies} ownerAgencyId={ownerAgencyId} />
      <DateInput
        control={form.control}
        name="dueDate"
        id={fieldId('dueDate')}
        legend="Due date"
        hint={`For example, 31 3 2013. Originally due ${formatDay(originalDueDate)}. Moving the due date needs a reason, which is kept on record.`}
        error={errorFor('dueDate')}
      />
      {dueDateMoved || errorFor('dueDateChangeReason') ? (
        <Field
          id={fieldId('dueDateChangeReason')}
          label="Reason for moving the due date"
          hint="Shown on the recommendation and in its history"
          error={errorFor('dueDateChangeReason')}
        >
          <textarea className="textarea" rows={3} {...form.register('dueDateChangeReason')} />
        </Field>
      ) : null}
      <button type="submit" className="button" disabled={form.formState.isSubmitting}>
        Save changes
      </button>
    </form>
  );
}

/** When the owner agency changes, a lead officer from the old agency no longer fits. */
function useClearLeadOfficerOutsideAgency(agencies: AgencyChoice[], agencyId: unknown, leadOfficerId: unknown, clear: () => void) {
  useEffect(() => {
    if (!leadOfficerId) return;
    const agency = agencies.find((a) => a.id === agencyId);
    if (!agency?.users.some((user) => user.id === leadOfficerId)) clear();
    // Only a change of agency should clear the choice, not a new choice of lead officer.
  }, [agencyId]);
}

function RecommendationFields({
  register,
  errorFor,
  findings,
  agencies,
  ownerAgencyId,
}: {
  register: Register;
  errorFor: ErrorFor;
  findings: FindingChoice[];
  agencies: AgencyChoice[];
  ownerAgencyId: unknown;
}) {
  const officers = agencies.find((agency) => agency.id === ownerAgencyId)?.users ?? [];
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
      <Field id={fieldId('ownerAgencyId')} label="Owner agency" error={errorFor('ownerAgencyId')}>
        <select className="select" {...register('ownerAgencyId')}>
          <option value="">Choose the owner agency</option>
          {agencies.map((agency) => (
            <option key={agency.id} value={agency.id}>
              {agency.name}
            </option>
          ))}
        </select>
      </Field>
      <Field
        id={fieldId('leadOfficerId')}
        label="Lead officer (optional)"
        hint={ownerAgencyId ? 'Someone who works for the owner agency' : 'Choose the owner agency first'}
        error={errorFor('leadOfficerId')}
      >
        <select className="select" {...register('leadOfficerId')}>
          <option value="">No lead officer yet</option>
          {officers.map((user) => (
            <option key={user.id} value={user.id}>
              {user.name}
            </option>
          ))}
        </select>
      </Field>
      <Field id={fieldId('priority')} label="Priority" error={errorFor('priority')}>
        <select className="select" {...register('priority')}>
          {Object.values(Priority).map((priority) => (
            <option key={priority} value={priority}>
              {PRIORITY_LABELS[priority]}
            </option>
          ))}
        </select>
      </Field>
    </>
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
