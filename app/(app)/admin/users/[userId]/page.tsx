import type { Metadata } from 'next';
import Link from '@/components/link';
import { cache } from 'react';
import { orNotFound } from '@/app/(app)/or-not-found';
import { AdminOnly } from '@/components/users/admin-only';
import { DeactivateUserForm, ReactivateUserForm } from '@/components/users/account-status-form';
import { EditUserForm } from '@/components/users/edit-user-form';
import { ResetPasswordForm } from '@/components/users/reset-password-form';
import { ResetTwoFactorForm } from '@/components/users/reset-two-factor-form';
import { listAgencyNames } from '@/lib/agencies/list-agencies';
import { requiresTwoFactor } from '@/lib/auth/account-steps';
import { can } from '@/lib/auth/permissions';
import { requireUser } from '@/lib/auth/session';
import { ROLE_LABELS } from '@/lib/labels';
import { formatDateTime } from '@/lib/days';
import { getUser } from '@/lib/users/get-user';
import { deactivateUserAction, reactivateUserAction, resetPasswordAction, resetTwoFactorAction, updateUserAction } from './actions';

type Props = { params: Promise<{ userId: string }> };

// Shared by the metadata and the page: one load per request. Null for anyone but an admin.
const load = cache(async (id: string) => {
  const actor = await requireUser();
  if (!can(actor, 'user:manage')) return { actor, user: null };
  return { actor, user: await orNotFound(getUser(actor, id)) };
});

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { user } = await load((await params).userId);
  return { title: user ? `User: ${user.email}` : 'User' };
}

export default async function UserPage({ params }: Props) {
  const { actor, user } = await load((await params).userId);
  if (!user) {
    return (
      <>
        <h1>User</h1>
        <AdminOnly what="see or manage users" />
      </>
    );
  }
  const agencies = await listAgencyNames(actor);
  const isSelf = user.id === actor.id;
  return (
    <>
      <p className="small">
        <Link href="/admin/users">Users</Link>
      </p>
      <h1>
        <span className="caption">{user.email}</span>
        {user.name}
      </h1>

      <dl className="summary-list">
        <div className="summary-list__row">
          <dt>Status</dt>
          <dd>
            {user.active ? <strong className="tag tag--green">Active</strong> : <strong className="tag">Deactivated</strong>}
            {user.active && user.mustChangePassword ? (
              <>
                {' '}
                <strong className="tag tag--amber">Must change password</strong>
              </>
            ) : null}
          </dd>
        </div>
        <div className="summary-list__row">
          <dt>Role</dt>
          <dd>{ROLE_LABELS[user.role]}</dd>
        </div>
        <div className="summary-list__row">
          <dt>Agency</dt>
          <dd>{user.agency.name}</dd>
        </div>
        <div className="summary-list__row">
          <dt>Last sign-in</dt>
          <dd>{user.lastSignInAt ? formatDateTime(user.lastSignInAt) : 'Never'}</dd>
        </div>
        <div className="summary-list__row">
          <dt>Two-factor sign-in</dt>
          <dd>{user.totpEnabledAt ? `On since ${formatDateTime(user.totpEnabledAt)}` : 'Off'}</dd>
        </div>
        <div className="summary-list__row">
          <dt>Password last changed by them</dt>
          <dd>{user.passwordChangedAt ? formatDateTime(user.passwordChangedAt) : 'Never'}</dd>
        </div>
        <div className="summary-list__row">
          <dt>Added</dt>
          <dd>{formatDateTime(user.createdAt)}</dd>
        </div>
      </dl>

      <EditUserForm
        user={{ id: user.id, name: user.name, role: user.role, agencyId: user.agency.id }}
        agencies={agencies}
        isSelf={isSelf}
        action={updateUserAction}
      />

      <h2>Password</h2>
      {isSelf ? (
        <p>
          This is your own account: <Link href="/account/password">change your password</Link> instead (it asks for your current one).
        </p>
      ) : (
        <ResetPasswordForm id={user.id} email={user.email} action={resetPasswordAction} />
      )}

      <h2>Two-factor sign-in</h2>
      {isSelf ? (
        <p>
          This is your own account: <Link href="/account/two-factor">manage your two-factor sign-in</Link> instead.
        </p>
      ) : user.totpEnabledAt ? (
        <ResetTwoFactorForm id={user.id} email={user.email} action={resetTwoFactorAction} />
      ) : (
        <p>
          Not set up.{requiresTwoFactor(user.role) ? ' Their role needs it: they will be asked to set it up when they next sign in.' : ''}
        </p>
      )}

      <h2>Access</h2>
      {isSelf ? (
        <p>This is your own account: another admin must deactivate it.</p>
      ) : user.active ? (
        <DeactivateUserForm id={user.id} email={user.email} action={deactivateUserAction} />
      ) : (
        <>
          <p>This user is deactivated: they cannot sign in.</p>
          <ReactivateUserForm id={user.id} email={user.email} action={reactivateUserAction} />
        </>
      )}
    </>
  );
}
