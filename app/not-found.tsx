import type { Metadata } from 'next';
import Link from '@/components/link';
import { SiteHeader } from '@/components/site-header';

export const metadata: Metadata = { title: 'Page not found' };

// Our own "not found" page: Next's built-in one styles itself inline, which the
// Content-Security-Policy (style-src 'self', no 'unsafe-inline') refuses.
export default function NotFound() {
  return (
    <>
      <SiteHeader />
      <main id="main-content" className="width-container" tabIndex={-1}>
        <h1>Page not found</h1>
        <p>If you typed the web address, check it is correct. If you pasted it, check you copied the entire address.</p>
        <p>
          <Link href="/">Go to the dashboard</Link>
        </p>
      </main>
    </>
  );
}
