import { redirect } from 'next/navigation';
import { NavLink } from '@/components/nav-link';
import { ServiceNavigation } from '@/components/service-navigation';
import { SiteHeader } from '@/components/site-header';
import { pendingAccountStep } from '@/lib/auth/account-steps';
import { getSessionUser } from '@/lib/auth/session';

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
      <SiteHeader user={user} home={!pending} accountLinks={!pending}>
        {pending ? null : (
          <ServiceNavigation>
            <li>
              <NavLink href="/">Dashboard</NavLink>
            </li>
          </ServiceNavigation>
        )}
      </SiteHeader>
      <main id="main-content" className="width-container" tabIndex={-1}>
        {children}
      </main>
    </>
  );
}
