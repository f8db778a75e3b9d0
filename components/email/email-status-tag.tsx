import type { EmailStatus } from '@/lib/generated/prisma/enums';
import { EMAIL_STATUS_WORDS } from '@/lib/email/status-words';

const COLOURS: Record<EmailStatus, string> = {
  QUEUED: 'tag tag--blue',
  SENDING: 'tag tag--blue',
  SENT: 'tag tag--green',
  HELD: 'tag',
  FAILED: 'tag tag--red',
  CANCELLED: 'tag',
};

/** An email's status in words (colour alone fails WCAG 1.4.1); failed stands out. */
export function EmailStatusTag({ status }: { status: EmailStatus }) {
  return <strong className={COLOURS[status]}>{EMAIL_STATUS_WORDS[status]}</strong>;
}
