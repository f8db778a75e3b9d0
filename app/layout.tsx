import type { Metadata } from 'next';
import Link from '@/components/link';
import { connection } from 'next/server';
import { Suspense } from 'react';
import { RouteFocus } from '@/components/route-focus';
import './globals.css';

export const metadata: Metadata = {
  title: { default: 'Followthrough', template: '%s – Followthrough' },
  description: 'Tracks every finding and recommendation of a safeguarding review through to evidence of implementation.',
};

// Every page is rendered per request, never prerendered at build time: the
// Content-Security-Policy nonce (proxy.ts) is fresh for each response, and a
// prerendered page's scripts would carry none and be blocked.
export default async function RootLayout({ children }: { children: React.ReactNode }) {
  await connection();
  return (
    <html lang="en-GB">
      <body>
        {/* Where focus goes after a client-side navigation: the start of the page, before the skip link. */}
        <div id="page-start" className="page-start" tabIndex={-1} />
        <Suspense fallback={null}>
          <RouteFocus />
        </Suspense>
        <a href="#main-content" className="skip-link">
          Skip to main content
        </a>
        {children}
        <footer className="footer">
          <div className="width-container">
            <Link href="/accessibility">Accessibility statement</Link>
          </div>
        </footer>
      </body>
    </html>
  );
}
