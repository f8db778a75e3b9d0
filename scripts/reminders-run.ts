// npm run reminders:run: one round of notices now, with the same rules and
// the same once-only keys as every round (lib/notices/run-round.ts), on the
// database `npm start` uses (or DATABASE_URL's). Prints what it made.
import { withLocalDatabase } from './database';

await withLocalDatabase(async ({ appUrl }) => {
  process.env.DATABASE_URL = appUrl;
  const { runNoticeRound } = await import('@/lib/notices/run-round');
  const { NOTICE_RULE_WORDS } = await import('@/lib/notices/rule-words');
  const { db } = await import('@/lib/db');
  const started = Date.now();
  const result = await runNoticeRound();
  const seconds = ((Date.now() - started) / 1000).toFixed(1);
  console.log(`Notice round for ${result.day}: ${result.considered} notices due, ${result.sent} new (the rest were made by an earlier round), in ${seconds} s.`);
  for (const [rule, count] of Object.entries(result.byRule)) console.log(`  ${NOTICE_RULE_WORDS[rule] ?? rule}: ${count}`);
  await db.$disconnect();
});
