import type { EmailStatus } from '@/lib/generated/prisma/enums';

/** Each email status in words, for the outbox. */
export const EMAIL_STATUS_WORDS: Record<EmailStatus, string> = {
  QUEUED: 'Queued',
  SENDING: 'Sending',
  SENT: 'Sent',
  HELD: 'In the outbox',
  FAILED: 'Failed',
  CANCELLED: 'Not sent',
};

export const EMAIL_KIND_WORDS: Record<string, string> = { notice: 'Reminders', escalation: 'Escalation', digest: 'Weekly digest' };
