'use client';

import { useEffect, useId, useRef } from 'react';

/** fieldId '' for a problem with the whole form (no field to link to); `href` to link it to a page instead. */
export type SummaryError = { fieldId: string; message: string; href?: string };

// Whether a form was sent (or the page loaded, as a GET form's answer) since a
// summary last took focus. The summary takes focus for what a submission
// found, never while someone types: after a failed submission each keystroke
// re-checks the fields and changes the list, and moving focus then (to the
// summary, away from the field being typed in) lost every keystroke after the
// first (WCAG 3.2.2).
let submitted = true;
if (typeof document !== 'undefined') document.addEventListener('submit', () => (submitted = true), true);

/**
 * GOV.UK error summary: lists every problem, links each to its field, and
 * takes focus when a submission finds problems, so that screen readers
 * announce them.
 */
export function ErrorSummary({ errors }: { errors: SummaryError[] }) {
  const ref = useRef<HTMLDivElement>(null);
  const titleId = useId(); // several forms may share a page
  const key = errors.map((e) => `${e.fieldId}:${e.message}`).join('|');
  useEffect(() => {
    if (key && submitted) {
      submitted = false;
      ref.current?.focus();
    }
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
