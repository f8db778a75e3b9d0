import type { Metadata } from 'next';
import { TwoFactorSettings } from '@/components/account/two-factor-settings';
import { requireUser } from '@/lib/auth/session';
import { getTwoFactorStatus } from '@/lib/auth/two-factor';
import { formatDateTime } from '@/lib/days';
import { confirmEnrolmentAction, disableTwoFactorAction, startEnrolmentAction } from './actions';

export const metadata: Metadata = { title: 'Two-factor sign-in' };

export default async function TwoFactorPage() {
  // The page an admin or reviewer without two-factor is sent to, and the only one they may see.
  const user = await requireUser({ allow: 'two-factor-enrolment' });
  const status = await getTwoFactorStatus(user);
  return (
    <>
      <h1>
        <span className="caption">Your account</span>
        Two-factor sign-in
      </h1>
      <TwoFactorSettings
        enabled={status.enabled}
        enabledAt={status.enabledAt ? formatDateTime(status.enabledAt) : null}
        required={status.required}
        recoveryCodesLeft={status.recoveryCodesLeft}
        start={startEnrolmentAction}
        confirm={confirmEnrolmentAction}
        disable={disableTwoFactorAction}
      />
    </>
  );
}
