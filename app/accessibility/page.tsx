import type { Metadata } from 'next';
import Link from '@/components/link';

export const metadata: Metadata = { title: 'Accessibility statement' };

// Required of public-sector websites by the Public Sector Bodies (Websites and
// Mobile Applications) (No. 2) Accessibility Regulations 2018.
export default function AccessibilityPage() {
  return (
    <main id="main-content" className="width-container" tabIndex={-1}>
      <h1>Accessibility statement for Followthrough</h1>
      <p>
        Followthrough is run by the safeguarding partnership&apos;s business unit. We want as many people as possible to be
        able to use it. You should be able to change colours, contrast levels and fonts using your browser or device settings,
        zoom in up to 400% without the text spilling off the screen, navigate the whole service using just a keyboard, and use
        it with a screen reader.
      </p>
      <h2>How accessible this service is</h2>
      <p>
        We aim to meet the Web Content Accessibility Guidelines (WCAG) version 2.2 to level AA. Every page is checked with the
        axe accessibility engine in our automated browser tests on each change. Charts in reports come with a text summary
        and a data table.
      </p>
      <h2>Feedback and contact information</h2>
      <p>
        If you find a problem, or need information in a different format, contact the partnership business manager. We will
        reply within 5 working days.
      </p>
      <h2>Enforcement procedure</h2>
      <p>
        The Equality and Human Rights Commission (EHRC) is responsible for enforcing the accessibility regulations. If you are
        not happy with how we respond to your complaint, contact the Equality Advisory and Support Service (EASS).
      </p>
      <h2>Preparation of this statement</h2>
      <p>This statement was prepared on 27 November 2026, from the results of the automated checks described above.</p>
      <p>
        <Link href="/">Back to Followthrough</Link>
      </p>
    </main>
  );
}
