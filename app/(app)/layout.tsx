import { NavLink } from '@/components/nav-link';
import { Suspense } from 'react';
import { IdleWarning } from '@/components/idle-warning';
import { ServiceNavigation } from '@/components/service-navigation';
import { SiteHeader } from '@/components/site-header';
import { can } from '@/lib/auth/permissions';
import { requireUser } from '@/lib/auth/session';
import { countUnreadNotices } from '@/lib/notices/notices';

// Every page below needs a signed-in user; each page also asks for the user
// itself (layouts are not re-run on every navigation), so this is not the check.
export default async function SignedInLayout({ children }: { children: React.ReactNode }) {
  const user = await requireUser();
  const unread = await countUnreadNotices(user);
  return (
    <>
      <SiteHeader user={user}>
        <ServiceNavigation>
            <li>
              <NavLink href="/">Dashboard</NavLink>
            </li>
            <li>
              <NavLink href="/reviews">Reviews</NavLink>
            </li>
            <li>
              {/* An owner starts on their own agency's recommendations (the filter can be cleared). */}
              <NavLink href={user.role === 'OWNER' ? `/recommendations?agency=${encodeURIComponent(user.agencyId)}` : '/recommendations'}>
                Recommendations
              </NavLink>
            </li>
            <li>
              {/* The same for actions: an owner's agency's part of every recommendation it shares. */}
              <NavLink href={user.role === 'OWNER' ? `/actions?agency=${encodeURIComponent(user.agencyId)}` : '/actions'}>Actions</NavLink>
            </li>
            <li>
              <NavLink href="/reports">Reports</NavLink>
            </li>
            <li>
              <NavLink href="/notifications">
                Notifications
                {unread ? (
                  <>
                    {' '}
                    <span className="nav-count">{unread}</span>
                    <span className="visually-hidden"> unread</span>
                  </>
                ) : null}
              </NavLink>
            </li>
            {can(user, 'user:manage') ? (
              <li>
                <NavLink href="/admin/users">Users</NavLink>
              </li>
            ) : null}
            {can(user, 'agency:manage') ? (
              <li>
                <NavLink href="/admin/agencies">Agencies</NavLink>
              </li>
            ) : null}
            {can(user, 'notice-rules:edit') ? (
              <li>
                <NavLink href="/admin/notices">Notice rules</NavLink>
              </li>
            ) : null}
            {can(user, 'outbox:manage') ? (
              <li>
                <NavLink href="/admin/emails">Emails</NavLink>
              </li>
            ) : null}
        </ServiceNavigation>
      </SiteHeader>
      <main id="main-content" className="width-container" tabIndex={-1}>
        {children}
      </main>
      <Suspense fallback={null}>
        <IdleWarning />
      </Suspense>
    </>
  );
}
