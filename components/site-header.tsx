import Link from '@/components/link';
import { NavLink } from '@/components/nav-link';
import { SignOutButton } from '@/components/sign-out-button';
import type { Role } from '@/lib/generated/prisma/enums';
import { ROLE_LABELS } from '@/lib/labels';

type HeaderUser = { name: string; role: Role; agencyName: string };

/**
 * The header of every page: the service name (a link home when `home` is
 * set), the main navigation, and who is signed in with a way to sign out.
 */
export function SiteHeader({
  user,
  home = true,
  children,
}: {
  user?: HeaderUser;
  home?: boolean;
  /** The navigation, and any account links, for this part of the site. */
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
        {children}
        {user ? (
          <div className="header__user">
            <span>
              {user.name} <span className="visually-hidden">signed in as </span>({ROLE_LABELS[user.role]}, {user.agencyName})
            </span>
            <SignOutButton />
          </div>
        ) : null}
      </div>
    </header>
  );
}

/** The signed-in user's own pages, as items of the main navigation. */
export function AccountNavItems() {
  return (
    <>
      <li>
        <NavLink href="/account/password">Password</NavLink>
      </li>
      <li>
        <NavLink href="/account/two-factor">Two-factor sign-in</NavLink>
      </li>
    </>
  );
}
