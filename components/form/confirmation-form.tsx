'use client';

import { ErrorSummary, type SummaryError } from '@/components/form/error-summary';
import type { useConfirmStep } from '@/components/form/use-confirm-step';

/**
 * A change made in two steps (useConfirmStep): first a button; then a form
 * whose heading asks "Are you sure…", says what will happen, and holds the
 * hidden id and any fields (`children`), with the confirm and cancel buttons.
 * Errors show in either step.
 */
export function ConfirmationForm({
  step: { confirming, setConfirming, headingRef },
  startLabel,
  startClassName,
  onStart,
  headingId,
  heading,
  explanation,
  errors,
  onSubmit,
  submitting,
  submitLabel,
  submitClassName,
  children,
}: {
  step: ReturnType<typeof useConfirmStep>;
  startLabel: string;
  startClassName: string;
  /** Runs as the confirmation opens. */
  onStart?: () => void;
  headingId: string;
  heading: React.ReactNode;
  explanation: React.ReactNode;
  errors: SummaryError[];
  onSubmit: React.FormEventHandler<HTMLFormElement>;
  submitting: boolean;
  submitLabel: string;
  submitClassName: string;
  children: React.ReactNode;
}) {
  if (!confirming) {
    return (
      <>
        <ErrorSummary errors={errors} />
        <button
          type="button"
          className={startClassName}
          onClick={() => {
            onStart?.();
            setConfirming(true);
          }}
        >
          {startLabel}
        </button>
      </>
    );
  }
  return (
    <form onSubmit={onSubmit} noValidate className="notification" aria-labelledby={headingId}>
      <h3 id={headingId} className="notification__title" tabIndex={-1} ref={headingRef}>
        {heading}
      </h3>
      <p>{explanation}</p>
      <ErrorSummary errors={errors} />
      {children}
      <button type="submit" className={submitClassName} disabled={submitting}>
        {submitLabel}
      </button>
      <button type="button" className="button button--secondary" onClick={() => setConfirming(false)}>
        Cancel
      </button>
    </form>
  );
}
