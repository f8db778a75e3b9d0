'use client';

import { ErrorSummary } from '@/components/form/error-summary';
import { fieldId, useActionForm } from '@/components/form/use-action-form';
import type { ActionResult } from '@/lib/server-action';
import type { UpdateUserInput } from '@/lib/users/user.schema';
import { type AgencyChoice, UserFields } from './user-fields';
import { SuccessBanner } from '@/components/form/success-banner';

const SCOPE = 'details';
const idFor = (field: string) => `${SCOPE}-${fieldId(field)}`;

/** A user's name, role and agency. A new role or agency signs them out of every session. */
export function EditUserForm({
  user,
  agencies,
  isSelf,
  action,
}: {
  user: UpdateUserInput;
  agencies: AgencyChoice[];
  /** The admin is editing their own account: another admin must change their role. */
  isSelf: boolean;
  action: (input: unknown) => Promise<ActionResult<{ id: string; changed: boolean }>>;
}) {
  const { form, onSubmit, summary, saved, errorFor } = useActionForm({
    schema: () => import('@/lib/users/user.schema').then((m) => m.updateUserSchema),
    action,
    defaultValues: user,
  });
  const scopedSummary = summary.map((error) => (error.fieldId ? { ...error, fieldId: `${SCOPE}-${error.fieldId}` } : error));
  return (
    <form onSubmit={onSubmit} noValidate aria-labelledby="details-heading">
      <h2 id="details-heading">Details</h2>
      <ErrorSummary errors={scopedSummary} />
      {saved ? (
        <SuccessBanner>
          <p className="notification__title">Details saved</p>
          <p>A change of role or agency has signed them out: it applies from their next sign-in.</p>
        </SuccessBanner>
      ) : null}
      <input type="hidden" {...form.register('id')} />
      <UserFields
        register={form.register}
        errorFor={errorFor}
        idFor={idFor}
        agencies={agencies}
        roleLocked={isSelf ? 'This is your own account: another admin must change your role.' : undefined}
      />
      <p className="hint">Changing their role or agency signs them out of every session, so that it applies at once.</p>
      <button type="submit" className="button" disabled={form.formState.isSubmitting}>
        Save details
      </button>
    </form>
  );
}
