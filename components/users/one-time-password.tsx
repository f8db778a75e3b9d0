'use client';

import { useEffect, useId, useRef } from 'react';

/**
 * Shows a one-time password to the admin, once: it is in this page's memory
 * only, gone when they leave or reload. Takes focus so that screen readers
 * announce it.
 */
export function OneTimePassword({ title, password, children }: { title: string; password: string; children?: React.ReactNode }) {
  const ref = useRef<HTMLDivElement>(null);
  const titleId = useId();
  useEffect(() => {
    ref.current?.focus();
  }, [password]);
  return (
    <div className="notification notification--success" role="status" aria-labelledby={titleId} tabIndex={-1} ref={ref}>
      <h2 className="notification__title" id={titleId}>
        {title}
      </h2>
      <p>
        One-time password:{' '}
        <strong>
          <code translate="no" spellCheck={false}>
            {password}
          </code>
        </strong>
      </p>
      <p>
        This is the only time it is shown. Give it to the user by a safe route (in person or by phone, not in the same email as
        their address). They must choose their own password when they sign in with it.
      </p>
      {children}
    </div>
  );
}
