'use client';

import { useEffect, useRef } from 'react';

/**
 * What a form just did, said where the user is: the banner takes focus when
 * it appears, so screen readers announce it and keyboard users carry on from
 * it (GOV.UK notification banner, success).
 */
export function SuccessBanner({ children }: { children: React.ReactNode }) {
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    ref.current?.focus();
  }, []);
  return (
    <div className="notification notification--success" role="status" tabIndex={-1} ref={ref}>
      {children}
    </div>
  );
}
