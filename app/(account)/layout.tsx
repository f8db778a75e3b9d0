import Link from 'next/link';
import { redirect } from 'next/navigation';
import { SignOutButton } from '@/components/sign-out-button';
import { pendingAccountStep } from '@/lib/auth/account-steps';
import { getSessionUser } from '@/lib/auth/session';
import { ROLE_LABELS } from '@/lib/labels';

// The account pages a user may need before anything else: changing a password
// an admin reset, and setting up two-factor sign-in. They sit outside the
// (app) group because its layout sends such a user here (requireUser), and
// would send them here again, for ever. Each page checks the user itself with
// `requireUser({ allow })`; this layout only draws the header, without the
// navigation into pages the user cannot reach yet.
export default async function AccountLayout({ children }: { children: React.ReactNode }) {
  const user = await getSessionUser();
  if (!user) redirect('/login');
  const pending = pendingAccountStep(user) !== null;
  return (
    <>
      <header className="header">
        <div className="header__inner width-container">
          {pending ? (
            <span className="header__name">Followthrough</span>
          ) : (
            <Link href="/" className="header__name">
              Followthrough
            </Link>
          )}
          {pending ? null : (
            <nav aria-label="Main">
              <ul className="header__nav">
                <li>
                  <Link href="/">Dashboard</Link>
                </li>
              </ul>
            </nav>
          )}
          <div className="header__user">
            <span>
              {user.name} <span className="visually-hidden">signed in as </span>({ROLE_LABELS[user.role]}, {user.agencyName})
            </span>
            <SignOutButton />
          </div>
        </div>
      </header>
      <main id="main-content" className="width-container" tabIndex={-1}>
        {children}
      </main>
    </>
  );
}
