import 'server-only';
import nodemailer from 'nodemailer';
import SMTPTransport from 'nodemailer/lib/smtp-transport';

/** What the delivery job needs from a mail transport (nodemailer's, or a test's). */
export type MailTransport = {
  sendMail(message: { from: string; to: string; subject: string; text: string; html: string; headers?: Record<string, string> }): Promise<{ messageId?: string }>;
};

/** Who the app's emails come from (EMAIL_FROM), with a default for the embedded set-up. */
export const emailFrom = () => process.env.EMAIL_FROM || 'Followthrough <followthrough@localhost>';

/**
 * Nodemailer to the SMTP server in `url` (SMTP_URL: `smtp://user:pass@host:587`,
 * or `smtps://` for TLS from the start). Short timeouts: a server that does
 * not answer makes the attempt fail and retry later, not hang the job. Null
 * without a URL: emails then stay in the outbox for admins to read.
 */
export function smtpTransport(url = process.env.SMTP_URL, timeoutMs = 10_000): MailTransport | null {
  if (!url) return null;
  // Through SMTPTransport: createTransport(url-or-options-with-url) drops every other option.
  return nodemailer.createTransport(new SMTPTransport({ url, connectionTimeout: timeoutMs, greetingTimeout: timeoutMs, socketTimeout: 2 * timeoutMs }));
}
