import type { Metadata } from 'next';
import Link from '@/components/link';
import { NoticeSettingsForm } from '@/components/notices/notice-settings-form';
import { AdminOnly } from '@/components/users/admin-only';
import { can } from '@/lib/auth/permissions';
import { requireUser } from '@/lib/auth/session';
import { getNoticeSettings } from '@/lib/notices/settings';
import { updateNoticeSettingsAction } from './actions';

export const metadata: Metadata = { title: 'Notice rules' };

/** The admin's thresholds for reminders and escalations (lib/notices/rules.ts applies them). */
export default async function NoticeRulesPage() {
  const user = await requireUser();
  if (!can(user, 'notice-rules:edit')) {
    return (
      <>
        <h1>Notice rules</h1>
        <AdminOnly what="change the notice rules" only="Only admins can change them." />
      </>
    );
  }
  const settings = await getNoticeSettings(user);
  return (
    <>
      <h1>Notice rules</h1>
      <p>
        When Followthrough reminds people about actions and evidence, and when it escalates an overdue action. Every notice is on the
        recipient&apos;s <Link href="/notifications">Notifications</Link> page, and by email as each person chooses.
      </p>
      <div className="notification" role="note" aria-labelledby="escalation-heading">
        <h2 className="notification__title" id="escalation-heading">
          Escalations cannot be switched off, only timed
        </h2>
        <p>
          An overdue action always goes to its agency&apos;s senior lead, and later to the business managers (the admins), by email at
          once, whatever each person has chosen for reminders. An agency without a senior lead has its overdue actions escalated
          straight to the business managers: <Link href="/admin/agencies">choose each agency&apos;s senior lead</Link>.
        </p>
      </div>
      <p>Changes apply from the next round of notices (a round reads the rules once, as it starts). A notice already sent is never sent again.</p>
      <NoticeSettingsForm
        settings={{
          version: settings.version,
          dueSoonDays: settings.dueSoonDays.join(', '),
          stalledDays: String(settings.stalledDays),
          evidenceWaitingDays: String(settings.evidenceWaitingDays),
          seniorLeadAfterDays: String(settings.seniorLeadAfterDays),
          managerAfterDays: String(settings.managerAfterDays),
        }}
        action={updateNoticeSettingsAction}
      />
    </>
  );
}
