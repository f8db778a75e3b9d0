'use client';

import { zodResolver } from '@hookform/resolvers/zod';
import { signIn } from 'next-auth/react';
import { useRouter } from 'next/navigation';
import { useState } from 'react';
import { useForm } from 'react-hook-form';
import { ErrorSummary, type SummaryError } from '@/components/form/error-summary';
import { Field } from '@/components/form/field';
import { SIGN_IN_FAILED, type SignInInput, signInSchema } from '@/lib/auth/schemas';

export function LoginForm({ callbackUrl }: { callbackUrl: string }) {
  const router = useRouter();
  const [failure, setFailure] = useState<string | null>(null);
  const {
    register,
    handleSubmit,
    formState: { errors, isSubmitting },
  } = useForm<SignInInput>({
    resolver: zodResolver(signInSchema),
    defaultValues: { email: '', password: '' },
    // The error summary takes focus instead (GOV.UK pattern).
    shouldFocusError: false,
  });

  async function onSubmit(values: SignInInput) {
    setFailure(null);
    const result = await signIn('credentials', { ...values, redirect: false });
    if (!result || result.error) {
      setFailure(SIGN_IN_FAILED);
      return;
    }
    router.replace(callbackUrl);
    router.refresh();
  }

  const summary: SummaryError[] = [
    ...(failure ? [{ fieldId: 'email', message: failure }] : []),
    ...(errors.email?.message ? [{ fieldId: 'email', message: errors.email.message }] : []),
    ...(errors.password?.message ? [{ fieldId: 'password', message: errors.password.message }] : []),
  ];

  return (
    <form onSubmit={handleSubmit(onSubmit)} noValidate>
      <ErrorSummary errors={summary} />
      <Field id="email" label="Email address" error={errors.email?.message ?? failure ?? undefined}>
        <input className="input" type="email" autoComplete="username" spellCheck={false} {...register('email')} />
      </Field>
      <Field id="password" label="Password" error={errors.password?.message}>
        <input className="input" type="password" autoComplete="current-password" {...register('password')} />
      </Field>
      <button type="submit" className="button" disabled={isSubmitting}>
        Sign in
      </button>
    </form>
  );
}
