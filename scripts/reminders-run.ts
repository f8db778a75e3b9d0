// npm run reminders:run: one round of notices now, with the same rules and
// the same once-only keys as every scheduled round (lib/notices/run-round.ts),
// on the database `npm start` uses (or DATABASE_URL's); then the emails due
// (to SMTP_URL's server, or kept in the outbox without one). With --digest,
// the weekly digests too. Prints what it made and sent.
import { defaultDataRoot, useEmbeddedAuthSecret, withLocalDatabase } from './database';

// The app's secret: an email's unsubscribe link is signed with it, and must work in the app. The embedded
// database's is kept beside it, as `npm start` keeps it; one's own server's is NEXTAUTH_SECRET.
if (!process.env.DATABASE_URL) await useEmbeddedAuthSecret(defaultDataRoot());
if (!process.env.NEXTAUTH_SECRET) {
  console.error("Set NEXTAUTH_SECRET to the app's own: links in emails are signed with it.");
  process.exit(1);
}

await withLocalDatabase(async ({ appUrl }) => {
  process.env.DATABASE_URL = appUrl;
  const { runNoticeRound } = await import('@/lib/notices/run-round');
  const { NOTICE_RULE_WORDS } = await import('@/lib/notices/rule-words');
  const { composeDigests } = await import('@/lib/email/digest');
  const { deliverAllDue } = await import('@/lib/email/deliver');
  const { db } = await import('@/lib/db');
  const started = Date.now();
  const result = await runNoticeRound();
  const seconds = ((Date.now() - started) / 1000).toFixed(1);
  console.log(`Notice round for ${result.day}: ${result.considered} notices due, ${result.sent} new (the rest were made by an earlier round), in ${seconds} s.`);
  for (const [rule, count] of Object.entries(result.byRule)) console.log(`  ${NOTICE_RULE_WORDS[rule] ?? rule}: ${count}`);
  console.log(`Emails queued at once (escalations, and reminders for those who want them as they happen): ${result.emailsQueued}.`);
  if (process.argv.includes('--digest')) console.log(`Weekly digests made: ${(await composeDigests()).digests}.`);
  const total = await deliverAllDue({ limit: 200, budgetMs: 10 * 60_000 });
  const where = process.env.SMTP_URL ? 'to SMTP_URL' : 'none sent: SMTP_URL is not set, so they are in the outbox (Admin, Emails)';
  console.log(`Emails: ${total.sent} sent, ${total.held} kept in the outbox, ${total.retrying} to try again, ${total.failed} failed, ${total.cancelled} no longer needed (${where}).`);
  await db.$disconnect();
});
