import { NavLink } from '@/components/nav-link';
import { AccountNavItems, SiteHeader } from '@/components/site-header';
import { can } from '@/lib/auth/permissions';
import { requireUser } from '@/lib/auth/session';

// Every page below needs a signed-in user; each page also asks for the user
// itself (layouts are not re-run on every navigation), so this is not the check.
export default async function SignedInLayout({ children }: { children: React.ReactNode }) {
  const user = await requireUser();
  return (
    <>
      <SiteHeader user={user}>
        <nav aria-label="Main">
          <ul className="header__nav">
            <li>
              <NavLink href="/">Dashboard</NavLink>
            </li>
            <li>
              <NavLink href="/reviews">Reviews</NavLink>
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
            <AccountNavItems />
          </ul>
        </nav>
      </SiteHeader>
      <main id="main-content" className="width-container" tabIndex={-1}>
        {children}
      </main>
    </>
  );
}
