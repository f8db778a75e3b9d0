'use client';

import Link from '@/components/link';
import { useState } from 'react';
import { ErrorSummary } from '@/components/form/error-summary';
import { Field } from '@/components/form/field';
import { fieldId, useActionForm } from '@/components/form/use-action-form';
import type { ActionResult } from '@/lib/server-action';
import { OneTimePassword } from './one-time-password';
import { type AgencyChoice, UserFields } from './user-fields';
import { SuccessBanner } from '@/components/form/success-banner';

type Created = { id: string; oneTimePassword: string | null };

const EMPTY = { email: '', name: '', agencyId: '', initialPassword: '' };

/** A new user. On success the form says so, with the generated password shown this once. */
export function CreateUserForm({ agencies, action }: { agencies: AgencyChoice[]; action: (input: unknown) => Promise<ActionResult<Created>> }) {
  const [created, setCreated] = useState<(Created & { email: string }) | null>(null);
  const { form, onSubmit, summary, errorFor } = useActionForm({
    schema: () => import('@/lib/users/user.schema').then((m) => m.createUserSchema),
    action,
    defaultValues: EMPTY,
    onSuccess: (data) => {
      setCreated({ ...data, email: form.getValues('email').trim().toLowerCase() });
      form.reset(EMPTY);
    },
  });

  const next = created ? (
    <p>
      <Link href={`/admin/users/${created.id}`}>See {created.email}</Link> or add another user below.
    </p>
  ) : null;

  return (
    <>
      {created?.oneTimePassword ? (
        <OneTimePassword title={`User ${created.email} created`} password={created.oneTimePassword}>
          {next}
        </OneTimePassword>
      ) : created ? (
        <SuccessBanner>
          <h2 className="notification__title">User {created.email} created</h2>
          <p>They must change the password you set when they first sign in.</p>
          {next}
        </SuccessBanner>
      ) : null}
      <form onSubmit={onSubmit} noValidate>
        <ErrorSummary errors={summary} />
        <Field id={fieldId('email')} label="Email address" hint="They sign in with it" error={errorFor('email')}>
          <input className="input" type="email" autoComplete="off" spellCheck={false} {...form.register('email')} />
        </Field>
        <UserFields register={form.register} errorFor={errorFor} idFor={fieldId} agencies={agencies} />
        <Field
          id={fieldId('initialPassword')}
          label="Initial password (optional)"
          hint="Leave blank to have one generated (recommended): it is shown to you once. Either way, they must choose their own when they first sign in."
          error={errorFor('initialPassword')}
        >
          <input className="input" type="password" autoComplete="new-password" {...form.register('initialPassword')} />
        </Field>
        <button type="submit" className="button" disabled={form.formState.isSubmitting}>
          Create user
        </button>
      </form>
    </>
  );
}
