// Loads the Rochdale demo data into DATABASE_URL, unless it is already there.
// Run as: tsx --conditions=react-server prisma/seed.ts
// (the condition makes the `server-only` import resolve to an empty module).
//
// `@/prisma/seed` resolves to this file rather than to seed/index.ts, so it
// also re-exports the seed's API and runs only when executed directly.
import { realpathSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { createPrismaClient } from '@/lib/db/client';
import { DEMO_PASSWORD, DEMO_USERS, seedDemoData } from './seed/index';

export { DEMO_PASSWORD, DEMO_USERS, seedDemoData };
export type { DemoUser } from './seed/index';

const entry = process.argv[1];
const isMain = entry !== undefined && import.meta.url === pathToFileURL(realpathSync(entry)).href;

if (isMain) {
  if (!process.env.DATABASE_URL) {
    console.error('DATABASE_URL is not set.');
    process.exit(1);
  }
  const db = createPrismaClient(process.env.DATABASE_URL!);
  try {
    const { created } = await seedDemoData(db);
    if (created) {
      console.log(`Demo data created: the Rochdale review and its history. Logins (password ${DEMO_PASSWORD}):`);
      for (const user of DEMO_USERS) {
        console.log(`  ${user.email.padEnd(36)} ${user.role.padEnd(9)} ${user.name} (${user.agencyShortName})`);
      }
    } else {
      console.log('Demo data already present: nothing changed.');
    }
  } catch (error) {
    console.error('Seeding the demo data failed:', error);
    process.exitCode = 1;
  } finally {
    await db.$disconnect();
  }
}
