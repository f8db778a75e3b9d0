import type { Metadata } from 'next';
import { ChangePasswordForm } from '@/components/users/change-password-form';
import { requireUser } from '@/lib/auth/session';
import { changePasswordAction } from './actions';

export const metadata: Metadata = { title: 'Change your password' };

export default async function ChangePasswordPage() {
  // The one page a user who must change their password may see first.
  const user = await requireUser({ allow: 'password-change' });
  return (
    <>
      <h1>
        <span className="caption">Your account</span>
        Change your password
      </h1>
      {user.mustChangePassword ? (
        <div className="notification" role="status">
          <h2 className="notification__title">You must choose a new password before you continue</h2>
          <p>
            An admin set the password you signed in with, so someone else knows it. Choose one that only you know. Until you do, you
            cannot use the rest of Followthrough.
          </p>
        </div>
      ) : null}
      <ChangePasswordForm action={changePasswordAction} />
    </>
  );
}
