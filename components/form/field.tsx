import type { ReactElement } from 'react';
import { cloneElement } from 'react';

type ControlProps = { id?: string; 'aria-describedby'?: string; 'aria-invalid'?: boolean; className?: string };

/**
 * A labelled form field with an optional hint and an error message, wired up
 * for assistive technology (GOV.UK pattern). The child is the input itself.
 */
export function Field({
  id,
  label,
  hint,
  error,
  children,
}: {
  id: string;
  label: React.ReactNode;
  hint?: React.ReactNode;
  error?: string;
  children: ReactElement<ControlProps>;
}) {
  const control = cloneElement(children, {
    id,
    'aria-describedby': describedBy(id, hint, error),
    'aria-invalid': error ? true : undefined,
    className: [children.props.className, error ? errorClass(children.props.className) : null].filter(Boolean).join(' '),
  });
  return (
    <div className={`form-group${error ? ' form-group--error' : ''}`}>
      <label className="label" htmlFor={id}>
        {label}
      </label>
      <HintAndError id={id} hint={hint} error={error} />
      {control}
    </div>
  );
}

/** A field's hint and error message (ids `<id>-hint`, `<id>-error`, for aria-describedby), GOV.UK style. */
export function HintAndError({ id, hint, error }: { id: string; hint?: React.ReactNode; error?: string }) {
  return (
    <>
      {hint ? (
        <p className="hint" id={`${id}-hint`}>
          {hint}
        </p>
      ) : null}
      {error ? (
        <p className="error-message" id={`${id}-error`}>
          <span className="visually-hidden">Error:</span> {error}
        </p>
      ) : null}
    </>
  );
}

/** The `aria-describedby` of a field with this hint and error. */
export function describedBy(id: string, hint: unknown, error: unknown): string | undefined {
  return [hint ? `${id}-hint` : null, error ? `${id}-error` : null].filter(Boolean).join(' ') || undefined;
}

function errorClass(className: string | undefined) {
  const base = className?.split(' ')[0];
  return base ? `${base}--error` : null;
}
