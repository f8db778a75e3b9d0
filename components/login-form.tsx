'use client';

import { useRouter } from 'next/navigation';
import { useEffect, useRef, useState } from 'react';
import { useForm } from 'react-hook-form';
import { csrfToken as getCsrfToken } from '@/components/auth-requests';
import { ErrorSummary, type SummaryError } from '@/components/form/error-summary';
import { Field } from '@/components/form/field';
import { useZodResolver } from '@/components/form/lazy-zod-resolver';
import { safeCallbackUrl } from '@/lib/auth/safe-callback-url';
import type { SignInInput } from '@/lib/auth/schemas';
import { RECOVERY_CODE_FAILED, SIGN_IN_FAILED, TOO_MANY_ATTEMPTS, TWO_FACTOR_FAILED, TWO_FACTOR_REQUIRED } from '@/lib/auth/sign-in-messages';

type Outcome = { ok: true } | { ok: false; error: string; message?: string };

/**
 * Posts the credentials to next-auth's credentials callback, as its `signIn()`
 * does, but keeps the HTTP status: a throttled attempt comes back as 429 with
 * Retry-After and a message, which `signIn()` would hide.
 */
async function postCredentials(fields: Record<string, string>, callbackUrl: string): Promise<Outcome> {
  const csrfToken = await getCsrfToken();
  const response = await fetch('/api/auth/callback/credentials', {
    method: 'POST',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ ...fields, csrfToken, callbackUrl, json: 'true' }),
  });
  const data = (await response.json().catch(() => ({}))) as { url?: string; message?: string; retryAfterSeconds?: number };
  if (response.status === 429) {
    const seconds = Number(response.headers.get('Retry-After') ?? data.retryAfterSeconds ?? 0);
    return { ok: false, error: TOO_MANY_ATTEMPTS, message: data.message ?? `Too many attempts. Try again in ${seconds} seconds.` };
  }
  const error = data.url ? new URL(data.url, window.location.origin).searchParams.get('error') : 'unknown';
  return response.ok && !error ? { ok: true } : { ok: false, error: error ?? 'unknown' };
}

export function LoginForm({ callbackUrl }: { callbackUrl: string }) {
  const router = useRouter();
  const [failure, setFailure] = useState<{ message: string; fieldId: string } | null>(null);
  // Set once the password was right and the account has two-factor sign-in.
  const [credentials, setCredentials] = useState<SignInInput | null>(null);
  // The schema and zod load after hydration, not in the page's first load.
  const resolver = useZodResolver(() => import('@/lib/auth/schemas').then((m) => m.signInSchema));
  const {
    register,
    handleSubmit,
    formState: { errors, isSubmitting },
  } = useForm<SignInInput>({
    resolver,
    defaultValues: { email: '', password: '' },
    // The error summary takes focus instead (GOV.UK pattern).
    shouldFocusError: false,
  });

  async function onSubmit(values: SignInInput) {
    setFailure(null);
    const outcome = await postCredentials(values, callbackUrl);
    if (outcome.ok) return done();
    if (outcome.error === TWO_FACTOR_REQUIRED) {
      setCredentials(values);
      return;
    }
    setFailure({ fieldId: outcome.error === TOO_MANY_ATTEMPTS ? '' : 'email', message: outcome.message ?? SIGN_IN_FAILED });
  }

  function done() {
    // Checked again here, where the navigation happens: whatever the prop
    // holds, the browser goes to a page of this site.
    router.replace(safeCallbackUrl(callbackUrl, window.location.origin));
    router.refresh();
  }

  if (credentials) {
    return <TwoFactorStep credentials={credentials} callbackUrl={callbackUrl} onSignedIn={done} />;
  }

  const summary: SummaryError[] = [
    ...(failure ? [failure] : []),
    ...(errors.email?.message ? [{ fieldId: 'email', message: errors.email.message }] : []),
    ...(errors.password?.message ? [{ fieldId: 'password', message: errors.password.message }] : []),
  ];

  return (
    <form onSubmit={handleSubmit(onSubmit)} noValidate>
      <ErrorSummary errors={summary} />
      <Field id="email" label="Email address" error={errors.email?.message ?? (failure?.fieldId === 'email' ? failure.message : undefined)}>
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

/** The second step: a code from the authenticator app, or one of the recovery codes. */
function TwoFactorStep({ credentials, callbackUrl, onSignedIn }: { credentials: SignInInput; callbackUrl: string; onSignedIn: () => void }) {
  const [useRecoveryCode, setUseRecoveryCode] = useState(false);
  const [code, setCode] = useState('');
  const [error, setError] = useState<{ message: string; fieldId: string } | null>(null);
  const [submitting, setSubmitting] = useState(false);
  const headingRef = useRef<HTMLHeadingElement>(null);
  const inputRef = useRef<HTMLInputElement>(null);

  const switched = useRef(false);

  // The heading when the step appears; the field after switching between app and recovery code.
  useEffect(() => {
    if (switched.current) inputRef.current?.focus();
    else headingRef.current?.focus();
  }, [useRecoveryCode]);

  function switchMode() {
    switched.current = true;
    setUseRecoveryCode((value) => !value);
    setCode('');
    setError(null);
  }

  async function onSubmit(event: React.FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const typed = code.trim();
    if (!typed) {
      setError({ fieldId: 'code', message: useRecoveryCode ? 'Enter a recovery code' : 'Enter the code from your authenticator app' });
      return;
    }
    setError(null);
    setSubmitting(true);
    try {
      const outcome = await postCredentials({ ...credentials, code: typed }, callbackUrl);
      if (outcome.ok) return onSignedIn();
      setCode('');
      if (outcome.error === TOO_MANY_ATTEMPTS) setError({ fieldId: '', message: outcome.message ?? SIGN_IN_FAILED });
      else setError({ fieldId: 'code', message: useRecoveryCode ? RECOVERY_CODE_FAILED : TWO_FACTOR_FAILED });
    } finally {
      setSubmitting(false);
    }
  }

  const label = useRecoveryCode ? 'Recovery code' : 'Code from your authenticator app';
  return (
    <form onSubmit={onSubmit} noValidate aria-labelledby="two-factor-heading">
      <h2 id="two-factor-heading" tabIndex={-1} ref={headingRef}>
        Check your authenticator app
      </h2>
      <ErrorSummary errors={error ? [error] : []} />
      <Field
        id="code"
        label={label}
        hint={
          useRecoveryCode
            ? 'One of the codes you saved when you set up two-factor sign-in, like abcd-efgh-ijkl-mnop. Each works once.'
            : 'Open the app on your phone and enter the 6-digit code it shows for Followthrough.'
        }
        error={error?.fieldId === 'code' ? error.message : undefined}
      >
        {useRecoveryCode ? (
          <input
            ref={inputRef}
            className="input input--narrow"
            type="text"
            name="code"
            autoComplete="off"
            autoCapitalize="none"
            spellCheck={false}
            value={code}
            onChange={(event) => setCode(event.target.value)}
          />
        ) : (
          <input
            ref={inputRef}
            className="input input--narrow"
            type="text"
            name="code"
            inputMode="numeric"
            pattern="[0-9 ]*"
            autoComplete="one-time-code"
            spellCheck={false}
            value={code}
            onChange={(event) => setCode(event.target.value)}
          />
        )}
      </Field>
      <button type="submit" className="button" disabled={submitting}>
        Continue
      </button>
      <button type="button" className="button button--secondary" onClick={switchMode}>
        {useRecoveryCode ? 'Use a code from your authenticator app instead' : 'Use a recovery code instead'}
      </button>
    </form>
  );
}
