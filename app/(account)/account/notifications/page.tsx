import type { Metadata } from 'next';
import Link from '@/components/link';
import { NoticeEmailForm } from '@/components/account/notice-email-form';
import { requireUser } from '@/lib/auth/session';
import { getNoticeEmail } from '@/lib/notices/preferences';
import { setNoticeEmailAction } from './actions';

export const metadata: Metadata = { title: 'Reminder emails' };

export default async function ReminderEmailsPage() {
  const user = await requireUser();
  const noticeEmail = await getNoticeEmail(user);
  return (
    <>
      <h1>
        <span className="caption">Your account</span>
        Reminder emails
      </h1>
      <p>
        Followthrough reminds you about actions you lead (due soon, overdue, no progress for a while) and, if you are a reviewer,
        evidence waiting for assessment. Every notice is always on your <Link href="/notifications">Notifications</Link> page; here
        you choose whether they also come by email.
      </p>
      <NoticeEmailForm noticeEmail={noticeEmail} action={setNoticeEmailAction} />
    </>
  );
}
