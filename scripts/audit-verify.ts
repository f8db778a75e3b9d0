// `npm run audit:verify`: checks the whole hash chain of the history (every
// event's hash against its content, and every link to the event before it)
// and names the first broken link; and reads every event through the event
// catalogue; prints the history fingerprint of the latest event.
// `-- --expect <id>:<hash>` also checks that a fingerprint printed on an old
// report (a board pack) is still in the chain. Exit code 0: intact, readable
// (and the fingerprint found); 1: not; 2: could not check. Uses DATABASE_URL,
// or the embedded database in .data/.
import { createPrismaClient } from '@/lib/db/client';
import { fingerprintOf, parseFingerprint } from '@/lib/audit/fingerprint';
import { verifyChain } from '@/lib/audit/verify-chain';
import { appRoleProblems, withLocalDatabase } from './database';

let exitCode = 0;
const expectIndex = process.argv.indexOf('--expect');
const expectText = expectIndex >= 0 ? (process.argv[expectIndex + 1] ?? '') : null;
const expect = expectText === null ? undefined : parseFingerprint(expectText);
if (expect === null) {
  console.error(`Not a history fingerprint: "${expectText}" (it looks like 1234:0123456789abcdef).`);
  process.exit(2);
}
try {
  await withLocalDatabase(async ({ appUrl }) => {
    const db = createPrismaClient(appUrl, 1);
    try {
      const started = performance.now();
      const result = await verifyChain(db, { expect });
      const seconds = (performance.now() - started) / 1000;
      const events = `${result.checked.toLocaleString('en-GB')} history event${result.checked === 1 ? '' : 's'}`;
      if (result.firstBroken) {
        exitCode = 1;
        console.error(`BROKEN at event ${result.firstBroken.id}: ${result.firstBroken.reason}`);
        console.error(
          result.lastId === null
            ? 'No event before it verifies.'
            : `The ${(result.checked - 1).toLocaleString('en-GB')} events before it verify, up to event ${result.lastId} (hash ${result.lastHash}).`,
        );
      } else {
        console.log(`Verified ${events}: the chain is intact.`);
        if (result.lastId !== null) {
          console.log(`Latest event ${result.lastId}, hash ${result.lastHash} (keep it elsewhere: a later check that does not reach it shows events were cut off the end).`);
          console.log(`History fingerprint ${fingerprintOf({ id: result.lastId, hash: result.lastHash })}.`);
        }
        console.log(`Took ${seconds.toFixed(1)} s.`);
      }
      if (result.alteredContent.count > 0) {
        exitCode = 1;
        console.error(`${result.alteredContent.count.toLocaleString('en-GB')} comments or evidence files are not what their events recorded:`);
        for (const event of result.alteredContent.first) console.error(`  event ${event.id}: ${event.reason}`);
      }
      if (result.unreadable.count > 0) {
        exitCode = 1;
        console.error(`${result.unreadable.count.toLocaleString('en-GB')} events match no version of their kind in lib/audit/event-catalogue.ts:`);
        for (const event of result.unreadable.first) console.error(`  event ${event.id}: ${event.reason}`);
      } else if (!result.firstBroken) {
        console.log('Every event reads through the history event catalogue.');
      }
      if (expect && !result.firstBroken) {
        const fingerprint = `${expect.id}:${expect.hashPrefix}`;
        if (result.expected === 'found') {
          console.log(`The history holds fingerprint ${fingerprint}: nothing up to that event has changed since it was printed.`);
        } else {
          exitCode = 1;
          console.error(
            result.expected === 'different'
              ? `Fingerprint ${fingerprint} does NOT match: event ${expect.id} has another hash, so the history up to it was rewritten.`
              : `Fingerprint ${fingerprint} is NOT in the history: event ${expect.id} is missing (the history was cut short, or this is another database).`,
          );
        }
      }
      // Not a failure of the chain, but what would let it be rewritten unseen.
      for (const problem of await appRoleProblems(appUrl)) console.error(`WARNING: ${problem}.`);
    } finally {
      await db.$disconnect();
    }
  });
} catch (error) {
  exitCode = 2;
  console.error('Could not check the history:', error instanceof Error ? error.message : error);
}
process.exit(exitCode);
