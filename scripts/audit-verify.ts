// `npm run audit:verify`: checks the whole hash chain of the history (every
// event's hash against its content, and every link to the event before it)
// and names the first broken link; and reads every event through the event
// catalogue. Exit code 0: intact and readable; 1: broken, or an event no
// version of its kind reads; 2: could not check. Uses DATABASE_URL, or the embedded database in .data/.
import { createPrismaClient } from '@/lib/db/client';
import { verifyChain } from '@/lib/audit/verify-chain';
import { withLocalDatabase } from './database';

let exitCode = 0;
try {
  await withLocalDatabase(async (databaseUrl) => {
    const db = createPrismaClient(databaseUrl, 1);
    try {
      const started = performance.now();
      const result = await verifyChain(db);
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
        }
        console.log(`Took ${seconds.toFixed(1)} s.`);
      }
      if (result.unreadable.count > 0) {
        exitCode = 1;
        console.error(`${result.unreadable.count.toLocaleString('en-GB')} events match no version of their kind in lib/audit/event-catalogue.ts:`);
        for (const event of result.unreadable.first) console.error(`  event ${event.id}: ${event.reason}`);
      } else if (!result.firstBroken) {
        console.log('Every event reads through the history event catalogue.');
      }
    } finally {
      await db.$disconnect();
    }
  });
} catch (error) {
  exitCode = 2;
  console.error('Could not check the history:', error instanceof Error ? error.message : error);
}
process.exit(exitCode);
