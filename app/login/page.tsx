import type { Metadata } from 'next';
import { redirect } from 'next/navigation';
import { LoginForm } from '@/components/login-form';
import { SiteHeader } from '@/components/site-header';
import { safeCallbackUrl } from '@/lib/auth/safe-callback-url';
import { getCurrentUser } from '@/lib/auth/session';

export const metadata: Metadata = { title: 'Sign in' };

/**
 * Where to go after signing in: a page of this app only (lib/auth/safe-callback-url.ts),
 * and never back to this page (a signed-in user would be sent round in a loop).
 */
function afterSignIn(value: string | string[] | undefined): string {
  const path = safeCallbackUrl(value, process.env.NEXTAUTH_URL);
  return /^\/login(?:[/?#]|$)/.test(path) ? '/' : path;
}

export default async function LoginPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const callbackUrl = afterSignIn((await searchParams).callbackUrl);
  if (await getCurrentUser()) redirect(callbackUrl);
  return (
    <>
      <SiteHeader home={false} />
      <main id="main-content" className="width-container" tabIndex={-1}>
        <h1>Sign in</h1>
        <p className="lead">Track the findings and recommendations of safeguarding reviews.</p>
        <LoginForm callbackUrl={callbackUrl} />
      </main>
    </>
  );
}
