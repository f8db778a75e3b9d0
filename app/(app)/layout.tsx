import Link from 'next/link';
import { NavLink } from '@/components/nav-link';
import { SignOutButton } from '@/components/sign-out-button';
import { can } from '@/lib/auth/permissions';
import { requireUser } from '@/lib/auth/session';
import { ROLE_LABELS } from '@/lib/labels';

// Every page below needs a signed-in user; each page also asks for the user
// itself (layouts are not re-run on every navigation), so this is not the check.
export default async function SignedInLayout({ children }: { children: React.ReactNode }) {
  const user = await requireUser();
  return (
    <>
      <header className="header">
        <div className="header__inner width-container">
          <Link href="/" className="header__name">
            Followthrough
          </Link>
          <nav aria-label="Main">
            <ul className="header__nav">
              <li>
                <NavLink href="/">Dashboard</NavLink>
              </li>
              <li>
                <NavLink href="/recommendations">Recommendations</NavLink>
              </li>
              <li>
                <NavLink href="/reports">Reports</NavLink>
              </li>
              {can(user, 'user:manage') ? (
                <li>
                  <NavLink href="/admin/users">Users</NavLink>
                </li>
              ) : null}
            </ul>
          </nav>
          <div className="header__user">
            <span>
              {user.name} <span className="visually-hidden">signed in as </span>({ROLE_LABELS[user.role]}, {user.agencyName})
            </span>
            <Link href="/account/password">Password</Link>
            <Link href="/account/two-factor">Two-factor sign-in</Link>
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
