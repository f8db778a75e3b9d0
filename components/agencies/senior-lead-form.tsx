'use client';

import { ConflictNotice } from '@/components/form/conflict-notice';
import { ErrorSummary } from '@/components/form/error-summary';
import { Field } from '@/components/form/field';
import { fieldId, useActionForm } from '@/components/form/use-action-form';
import { SuccessBanner } from '@/components/form/success-banner';
import type { ActionResult } from '@/lib/server-action';

export type SeniorLeadChoice = { id: string; name: string; email: string; note?: string };

/** An agency's senior lead: one of its active owners, or nobody. One of these per agency on a page: ids are scoped to it. */
export function SeniorLeadForm({
  agency,
  choices,
  action,
}: {
  agency: { id: string; name: string; version: number; seniorLeadId: string | null };
  choices: SeniorLeadChoice[];
  action: (input: unknown) => Promise<ActionResult<{ version: number; changed: boolean }>>;
}) {
  const scope = `agency-${agency.id}`;
  const idFor = (field: string) => `${scope}-${fieldId(field)}`;
  const { form, onSubmit, summary, conflict, saved, errorFor } = useActionForm({
    schema: () => import('@/lib/agencies/senior-lead.schema').then((m) => m.setSeniorLeadSchema),
    action,
    defaultValues: { agencyId: agency.id, seniorLeadId: agency.seniorLeadId ?? '', version: agency.version },
    onSuccess: ({ version }) => form.setValue('version', version),
  });
  const scopedSummary = summary.map((error) => (error.fieldId ? { ...error, fieldId: `${scope}-${error.fieldId}` } : error));
  return (
    <form onSubmit={onSubmit} noValidate>
      <ErrorSummary errors={scopedSummary} />
      {conflict ? <ConflictNotice changes={conflict.changes} /> : null}
      {saved ? (
        <SuccessBanner>
          <p className="notification__title">Senior lead of {agency.name} saved</p>
          <p>It applies from the next round of notices.</p>
        </SuccessBanner>
      ) : null}
      <input type="hidden" {...form.register('agencyId')} />
      <input type="hidden" {...form.register('version')} />
      <Field
        id={idFor('seniorLeadId')}
        label={`Senior lead of ${agency.name}`}
        hint={choices.length ? "One of the agency's active owners" : 'The agency has no active owners yet: add one under Users first'}
        error={errorFor('seniorLeadId')}
      >
        <select className="select" {...form.register('seniorLeadId')}>
          <option value="">No senior lead (escalate to the business managers)</option>
          {choices.map((choice) => (
            <option key={choice.id} value={choice.id}>
              {choice.name} ({choice.email}){choice.note ? `: ${choice.note}` : ''}
            </option>
          ))}
        </select>
      </Field>
      <button type="submit" className="button button--secondary" disabled={form.formState.isSubmitting}>
        Save<span className="visually-hidden"> the senior lead of {agency.name}</span>
      </button>
    </form>
  );
}
