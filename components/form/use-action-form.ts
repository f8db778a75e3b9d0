'use client';

import { useRouter } from 'next/navigation';
import { useState } from 'react';
import { type DefaultValues, type FieldValues, type Path, useForm } from 'react-hook-form';
import type { z } from 'zod';
import type { SummaryError } from '@/components/form/error-summary';
import { type SchemaLoader, useZodResolver } from '@/components/form/lazy-zod-resolver';
import type { ActionResult } from '@/lib/server-action';

type Conflict = NonNullable<Extract<ActionResult, { ok: false }>['conflict']>;

/**
 * A react-hook-form form bound to a Server Action with the same zod schema.
 * Server refusals come back into the form: every field error next to its
 * field, a form-level message, or a version conflict (what the user typed is
 * kept, and the next save is based on the version they have now seen).
 *
 * `schema` loads the schema on demand, so that zod stays out of the page's
 * first load (see lazy-zod-resolver.ts):
 * `schema: () => import('@/lib/reviews/review.schema').then((m) => m.createReviewSchema)`.
 */
export function useActionForm<Schema extends z.ZodType<FieldValues, FieldValues>, T>({
  schema,
  action,
  defaultValues,
  onSuccess,
}: {
  schema: SchemaLoader<Schema>;
  action: (input: z.input<Schema>) => Promise<ActionResult<T>>;
  defaultValues: DefaultValues<z.input<Schema>>;
  onSuccess?: (data: T) => void;
}) {
  const router = useRouter();
  const resolver = useZodResolver(schema);
  const form = useForm<z.input<Schema>, unknown, z.output<Schema>>({
    resolver,
    defaultValues,
    // The error summary takes focus instead (GOV.UK pattern).
    shouldFocusError: false,
  });
  const [formError, setFormError] = useState<string | null>(null);
  const [signInAgain, setSignInAgain] = useState(false);
  const [conflict, setConflict] = useState<Conflict | null>(null);
  const [saved, setSaved] = useState(false);

  const onSubmit = form.handleSubmit(async (values) => {
    setFormError(null);
    setSignInAgain(false);
    setConflict(null);
    setSaved(false);
    const result = await action(values as z.input<Schema>);
    if (result.ok) {
      setSaved(true);
      onSuccess?.(result.data);
      router.refresh();
      return;
    }
    for (const [field, messages] of Object.entries(result.fieldErrors ?? {})) {
      form.setError(field as Path<z.input<Schema>>, { type: 'server', message: messages.join('. ') });
    }
    if (result.conflict) {
      setConflict(result.conflict);
      if ('version' in (values as object)) {
        form.setValue('version' as Path<z.input<Schema>>, result.conflict.currentVersion as never);
      }
      router.refresh();
    }
    if (result.formError) setFormError(result.formError);
    if (result.signInAgain) setSignInAgain(true);
  });

  const fieldErrors: SummaryError[] = Object.entries(form.formState.errors).flatMap(([field, error]) =>
    error && typeof error.message === 'string' ? [{ fieldId: fieldId(field), message: error.message }] : [],
  );
  // A session that ended: the message links to the sign-in page, which comes back here.
  const signInHref = () => `/login?callbackUrl=${encodeURIComponent(`${window.location.pathname}${window.location.search}`)}`;
  const summary: SummaryError[] = [
    ...(formError ? [{ fieldId: '', message: formError, ...(signInAgain ? { href: signInHref() } : {}) }] : []),
    ...fieldErrors,
  ];

  return { form, onSubmit, summary, conflict, saved, setSaved, errorFor: (field: string) => form.formState.errors[field]?.message as string | undefined };
}

/** The element id a field's input uses, so the error summary can link to it. */
export function fieldId(field: string) {
  return `field-${field.replace(/\./g, '-')}`;
}
