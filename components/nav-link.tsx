'use client';

import Link from '@/components/link';
import { usePathname } from 'next/navigation';

/** A header link that tells assistive technology which section is current. */
export function NavLink({ href, children }: { href: string; children: React.ReactNode }) {
  const pathname = usePathname();
  // Its section, whatever the query (an owner's Recommendations link carries their agency).
  const path = href.split('?')[0]!;
  const current = path === '/' ? pathname === '/' : pathname.startsWith(path);
  return (
    <Link href={href} aria-current={current ? 'page' : undefined}>
      {children}
    </Link>
  );
}
