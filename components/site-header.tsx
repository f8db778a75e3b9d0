import Link from '@/components/link';
import { SignOutButton } from '@/components/sign-out-button';
import type { Role } from '@/lib/generated/prisma/enums';
import { ROLE_LABELS } from '@/lib/labels';

type HeaderUser = { name: string; role: Role; agencyName: string };

/**
 * The header of every page: the service name (a link home when `home` is
 * set), who is signed in with their own pages (password, two-factor sign-in,
 * reminder emails; when `accountLinks`) and a way to sign out, then the main navigation.
 */
export function SiteHeader({
  user,
  home = true,
  accountLinks = true,
  children,
}: {
  user?: HeaderUser;
  home?: boolean;
  /** Links to the user's own pages: not while they must finish a step first. */
  accountLinks?: boolean;
  /** The navigation for this part of the site (a ServiceNavigation). */
  children?: React.ReactNode;
}) {
  return (
    <header className="header">
      <div className="header__inner width-container">
        {home ? (
          <Link href="/" className="header__name">
            Followthrough
          </Link>
        ) : (
          <span className="header__name">Followthrough</span>
        )}
        {user ? (
          <div className="header__user">
            <span>
              {user.name} <span className="visually-hidden">signed in as </span>
              <span className="header__role">
                ({ROLE_LABELS[user.role]}, {user.agencyName})
              </span>
            </span>
            <ul className="header__account">
              {accountLinks ? (
                <>
                  <li>
                    <Link href="/account/password">Password</Link>
                  </li>
                  <li>
                    <Link href="/account/two-factor">Two-factor sign-in</Link>
                  </li>
                  <li>
                    <Link href="/account/notifications">Reminder emails</Link>
                  </li>
                </>
              ) : null}
              <li>
                <SignOutButton />
              </li>
            </ul>
          </div>
        ) : null}
        {children}
      </div>
    </header>
  );
}
