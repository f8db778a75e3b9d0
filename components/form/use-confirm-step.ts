'use client';

import { useEffect, useRef, useState } from 'react';

/**
 * A change made in two steps: a button, then a confirmation saying what will
 * happen. The confirmation's heading takes focus when it appears, so that
 * keyboard and screen-reader users land on it.
 */
export function useConfirmStep() {
  const [confirming, setConfirming] = useState(false);
  const headingRef = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    if (confirming) headingRef.current?.focus();
  }, [confirming]);
  return { confirming, setConfirming, headingRef };
}
