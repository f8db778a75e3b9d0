'use client';

import { usePathname, useSearchParams } from 'next/navigation';
import { useEffect, useRef } from 'react';

/**
 * After a client-side navigation (signing in, following a link, updating a
 * report's dates), focus goes to the start of the page, as it does when a page
 * loads: the next Tab reaches the skip link, and Next's route announcer reads
 * the new title. Without this, focus stays on the element that was removed,
 * which leaves it on <body>.
 */
export function RouteFocus() {
  const pathname = usePathname();
  const searchParams = useSearchParams();
  const where = `${pathname}?${searchParams.toString()}`;
  const first = useRef(true);
  useEffect(() => {
    if (first.current) {
      first.current = false;
      return;
    }
    document.getElementById('page-start')?.focus({ preventScroll: false });
  }, [where]);
  return null;
}
