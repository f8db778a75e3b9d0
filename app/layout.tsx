import type { Metadata } from 'next';
import Link from 'next/link';
import './globals.css';

export const metadata: Metadata = {
  title: { default: 'Followthrough', template: '%s – Followthrough' },
  description: 'Tracks every finding and recommendation of a safeguarding review through to evidence of implementation.',
};

export default function RootLayout({ children }: { children: React.ReactNode }) {
  return (
    <html lang="en-GB">
      <body>
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
