// `npm run db:seed`: loads the Rochdale demo data, unless it is already there
// (idempotent). Uses DATABASE_URL, or the embedded database in .data/.
import { createPrismaClient } from '@/lib/db/client';
import { migrateForApp, withLocalDatabase } from '@/scripts/database';
import { DEMO_PASSWORD, DEMO_USERS, seedDemoData } from './seed/index';

await withLocalDatabase(async (urls) => {
  await migrateForApp(urls);
  const db = createPrismaClient(urls.appUrl, 1);
  try {
    const { created } = await seedDemoData(db);
    if (!created) {
      console.log('Demo data already present: nothing changed.');
      return;
    }
    console.log(`Demo data created: the Rochdale review and its history, and the serious case review's current plan. Logins (password ${DEMO_PASSWORD}):`);
    for (const user of DEMO_USERS) {
      console.log(`  ${user.email.padEnd(36)} ${user.role.padEnd(9)} ${user.name} (${user.agencyShortName})`);
    }
  } finally {
    await db.$disconnect();
  }
});
