import type { Metadata } from 'next';
import { redirect } from 'next/navigation';
import { LoginForm } from '@/components/login-form';
import { SiteHeader } from '@/components/site-header';
import { getCurrentUser } from '@/lib/auth/session';

export const metadata: Metadata = { title: 'Sign in' };

/** Only same-site paths: never send a user to another site after sign-in. */
function safeCallbackUrl(value: string | string[] | undefined) {
  return typeof value === 'string' && value.startsWith('/') && !value.startsWith('//') ? value : '/';
}

export default async function LoginPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const callbackUrl = safeCallbackUrl((await searchParams).callbackUrl);
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
