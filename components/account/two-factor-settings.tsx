'use client';

import Link from '@/components/link';
import { useRouter } from 'next/navigation';
import { useEffect, useRef, useState } from 'react';
import { ErrorSummary, type SummaryError } from '@/components/form/error-summary';
import { Field } from '@/components/form/field';
import type { PendingEnrolment } from '@/lib/auth/two-factor.schema';
import type { ActionResult } from '@/lib/server-action';
import { SuccessBanner } from '@/components/form/success-banner';

type Action<I, T> = (input: I) => Promise<ActionResult<T>>;

export type TwoFactorSettingsProps = {
  enabled: boolean;
  /** "12 March 2026, 10:04am", formatted on the server. */
  enabledAt: string | null;
  required: boolean;
  recoveryCodesLeft: number;
  start: Action<Record<string, never>, PendingEnrolment>;
  confirm: Action<{ token: string; code: string }, { recoveryCodes: string[] }>;
  disable: Action<{ code: string }, null>;
};

/** Summary errors from a refused action: the form message, then each field's. */
function errorsFrom(result: Extract<ActionResult<unknown>, { ok: false }>, fieldIds: Record<string, string>): SummaryError[] {
  return [
    ...(result.formError ? [{ fieldId: '', message: result.formError }] : []),
    ...Object.entries(result.fieldErrors ?? {}).map(([field, messages]) => ({ fieldId: fieldIds[field] ?? '', message: messages.join('. ') })),
  ];
}

/**
 * Two-factor sign-in for the signed-in user: set it up (QR code, the key as
 * text for typing in, a code to confirm), then the recovery codes, shown this
 * once; or, when it is on, its state and (for roles that may) turning it off.
 * The recovery codes stay on screen until the user moves on, even if the page
 * behind them refreshes.
 */
export function TwoFactorSettings(props: TwoFactorSettingsProps) {
  const router = useRouter();
  const [recoveryCodes, setRecoveryCodes] = useState<string[] | null>(null);
  const [turnedOff, setTurnedOff] = useState(false);
  if (recoveryCodes) return <RecoveryCodes codes={recoveryCodes} required={props.required} />;
  if (props.enabled && !turnedOff) {
    return (
      <Enabled
        {...props}
        onDisabled={() => {
          setTurnedOff(true);
          router.refresh();
        }}
      />
    );
  }
  return (
    <>
      {turnedOff ? (
        <SuccessBanner>
          <h2 className="notification__title">Two-factor sign-in is off</h2>
          <p>Signing in now takes only your password, and your recovery codes no longer work. You can set it up again below.</p>
        </SuccessBanner>
      ) : null}
      <Setup {...props} onConfirmed={setRecoveryCodes} />
    </>
  );
}

function Setup({
  required,
  start,
  confirm,
  onConfirmed,
}: TwoFactorSettingsProps & { onConfirmed: (codes: string[]) => void }) {
  const [pending, setPending] = useState<PendingEnrolment | null>(null);
  const [code, setCode] = useState('');
  const [errors, setErrors] = useState<SummaryError[]>([]);
  const [busy, setBusy] = useState(false);
  const stepsRef = useRef<HTMLHeadingElement>(null);

  useEffect(() => {
    if (pending) stepsRef.current?.focus();
  }, [pending]);

  async function begin() {
    setBusy(true);
    setErrors([]);
    try {
      const result = await start({});
      if (result.ok) {
        setPending(result.data);
        setCode('');
      } else setErrors(errorsFrom(result, {}));
    } finally {
      setBusy(false);
    }
  }

  async function onSubmit(event: React.FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (!pending) return;
    const typed = code.replace(/\s/g, '');
    if (!/^\d{6}$/.test(typed)) {
      setErrors([{ fieldId: 'code', message: typed ? 'The code must be 6 digits' : 'Enter the 6-digit code from your authenticator app' }]);
      return;
    }
    setBusy(true);
    setErrors([]);
    try {
      const result = await confirm({ token: pending.token, code: typed });
      if (result.ok) onConfirmed(result.data.recoveryCodes);
      else setErrors(errorsFrom(result, { code: 'code', token: '' }));
    } finally {
      setBusy(false);
    }
  }

  const codeError = errors.find((error) => error.fieldId === 'code')?.message;
  return (
    <>
      {required ? (
        <div className="notification" role="region" aria-labelledby="required-heading">
          <h2 className="notification__title" id="required-heading">
            You need to set up two-factor sign-in
          </h2>
          <p>
            Admins and reviewers can change what every agency sees, so signing in takes a code from an app on your phone as well
            as your password. You can use Followthrough once it is set up.
          </p>
        </div>
      ) : (
        <p>
          Two-factor sign-in protects your account if someone learns your password: signing in also takes a code from an app on
          your phone. It is optional for your role, and recommended.
        </p>
      )}
      {!pending ? (
        <>
          <ErrorSummary errors={errors} />
          <p>You need an authenticator app on your phone, such as Microsoft Authenticator, Google Authenticator or any app for time-based codes.</p>
          <button type="button" className="button" onClick={begin} disabled={busy}>
            Set up two-factor sign-in
          </button>
        </>
      ) : (
        <form onSubmit={onSubmit} noValidate aria-labelledby="setup-heading">
          <h2 id="setup-heading" tabIndex={-1} ref={stepsRef}>
            Set up your authenticator app
          </h2>
          <ErrorSummary errors={errors} />
          <ol>
            <li>
              <p>In your authenticator app, add an account, then scan this QR code.</p>
              <div
                role="img"
                aria-label="QR code to add Followthrough to an authenticator app"
                // An SVG drawn on the server by the qrcode package from our own otpauth:// URI: no user-supplied markup.
                dangerouslySetInnerHTML={{ __html: pending.qrSvg }}
              />
              <p>
                If you cannot scan it, choose to enter a key instead and type this one (spaces do not matter), as a time-based
                key:
              </p>
              <p>
                <code>{pending.secret}</code>
              </p>
            </li>
            <li>
              <p>Enter the 6-digit code the app now shows for Followthrough. This set-up works for 10 minutes.</p>
              <Field id="code" label="Code from your authenticator app" error={codeError}>
                <input
                  className="input input--narrow"
                  type="text"
                  inputMode="numeric"
                  autoComplete="one-time-code"
                  spellCheck={false}
                  value={code}
                  onChange={(event) => setCode(event.target.value)}
                />
              </Field>
            </li>
          </ol>
          <button type="submit" className="button" disabled={busy}>
            Turn on two-factor sign-in
          </button>
          <button type="button" className="button button--secondary" onClick={begin} disabled={busy}>
            Start again with a new QR code
          </button>
        </form>
      )}
    </>
  );
}

function RecoveryCodes({ codes, required }: { codes: string[]; required: boolean }) {
  const headingRef = useRef<HTMLHeadingElement>(null);
  useEffect(() => headingRef.current?.focus(), []);
  return (
    <>
      <div className="notification notification--success" role="status" aria-labelledby="enabled-heading">
        <h2 className="notification__title" id="enabled-heading" tabIndex={-1} ref={headingRef}>
          Two-factor sign-in is on
        </h2>
        <p>From now on, signing in asks for a code from your authenticator app after your password.</p>
      </div>
      <h2 id="recovery-heading">Your recovery codes</h2>
      <p>
        If you lose your phone, or the app, you can sign in with one of these codes instead. <strong>This is the only time they
        are shown.</strong>
      </p>
      <ul aria-labelledby="recovery-heading">
        {codes.map((code) => (
          <li key={code}>
            <code>{code}</code>
          </li>
        ))}
      </ul>
      <ul>
        <li>Print them, or write them down, and keep them somewhere safe, away from your phone.</li>
        <li>Each code works once. Do not keep them in an email or a shared folder.</li>
        <li>
          {required
            ? 'If you run out of codes and lose your phone, an admin can reset two-factor sign-in for you.'
            : 'If you run out, you can turn two-factor sign-in off and on again to get new codes.'}
        </li>
      </ul>
      <p>
        <Link href="/" className="button">
          I have saved my recovery codes, continue
        </Link>
      </p>
    </>
  );
}

function Enabled({ enabledAt, required, recoveryCodesLeft, disable, onDisabled }: TwoFactorSettingsProps & { onDisabled: () => void }) {
  const [code, setCode] = useState('');
  const [errors, setErrors] = useState<SummaryError[]>([]);
  const [busy, setBusy] = useState(false);

  async function onSubmit(event: React.FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (!code.trim()) {
      setErrors([{ fieldId: 'disable-code', message: 'Enter a code from your authenticator app, or a recovery code' }]);
      return;
    }
    setBusy(true);
    setErrors([]);
    try {
      const result = await disable({ code: code.trim() });
      if (result.ok) onDisabled();
      else setErrors(errorsFrom(result, { code: 'disable-code' }));
    } finally {
      setBusy(false);
    }
  }

  return (
    <>
      <p>
        Two-factor sign-in is on{enabledAt ? ` (since ${enabledAt})` : ''}. You have {recoveryCodesLeft}{' '}
        {recoveryCodesLeft === 1 ? 'recovery code' : 'recovery codes'} left.
      </p>
      {required ? (
        <p>
          Admins and reviewers must keep it on. If you lose your phone, sign in with a recovery code; if you have none left, ask
          an admin to reset two-factor sign-in for you.
        </p>
      ) : (
        <form onSubmit={onSubmit} noValidate aria-labelledby="disable-heading">
          <h2 id="disable-heading">Turn off two-factor sign-in</h2>
          <ErrorSummary errors={errors} />
          <Field
            id="disable-code"
            label="Code from your authenticator app, or a recovery code"
            hint="To show it is you, and that you still have the app."
            error={errors.find((error) => error.fieldId === 'disable-code')?.message}
          >
            <input
              className="input input--narrow"
              type="text"
              autoComplete="one-time-code"
              spellCheck={false}
              value={code}
              onChange={(event) => setCode(event.target.value)}
            />
          </Field>
          <button type="submit" className="button button--warning" disabled={busy}>
            Turn off two-factor sign-in
          </button>
        </form>
      )}
    </>
  );
}
