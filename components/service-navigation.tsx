'use client';

import { usePathname } from 'next/navigation';
import { useEffect, useState } from 'react';

/**
 * The main navigation. On a phone it folds behind a "Menu" button (GOV.UK
 * service navigation), so the header is not four lines of links; on wider
 * screens, and without JavaScript, every link shows.
 */
export function ServiceNavigation({ children }: { children: React.ReactNode }) {
  const [enhanced, setEnhanced] = useState(false);
  const [open, setOpen] = useState(false);
  const pathname = usePathname();
  useEffect(() => setEnhanced(true), []);
  // A link followed: fold the menu again.
  useEffect(() => setOpen(false), [pathname]);
  return (
    <nav aria-label="Main" className="service-nav">
      <button
        type="button"
        className="service-nav__toggle"
        aria-controls="service-nav-list"
        aria-expanded={open}
        hidden={!enhanced}
        onClick={() => setOpen((value) => !value)}
      >
        Menu
      </button>
      <ul id="service-nav-list" className={`header__nav${enhanced && !open ? ' header__nav--folded' : ''}`}>
        {children}
      </ul>
    </nav>
  );
}
