'use client';

import { useEffect, useId, useRef } from 'react';

/** fieldId '' for a problem with the whole form (no field to link to); `href` to link it to a page instead. */
export type SummaryError = { fieldId: string; message: string; href?: string };

/**
 * GOV.UK error summary: lists every problem, links each to its field, and
 * takes focus when it appears so that screen readers announce it.
 */
export function ErrorSummary({ errors }: { errors: SummaryError[] }) {
  const ref = useRef<HTMLDivElement>(null);
  const titleId = useId(); // several forms may share a page
  const key = errors.map((e) => `${e.fieldId}:${e.message}`).join('|');
  useEffect(() => {
    if (key) ref.current?.focus();
  }, [key]);
  if (errors.length === 0) return null;
  return (
    <div className="error-summary" role="alert" aria-labelledby={titleId} tabIndex={-1} ref={ref}>
      <h2 className="error-summary__title" id={titleId}>
        There is a problem
      </h2>
      <ul className="error-summary__list">
        {errors.map((error) => (
          <li key={`${error.fieldId}-${error.message}`}>
            {error.fieldId ? (
            <a
              href={`#${error.fieldId}`}
              onClick={(event) => {
                event.preventDefault();
                document.getElementById(error.fieldId)?.focus();
              }}
            >
              {error.message}
            </a>
            ) : error.href ? (
              <a href={error.href}>{error.message}</a>
            ) : (
              error.message
            )}
          </li>
        ))}
      </ul>
    </div>
  );
}
