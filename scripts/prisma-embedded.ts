// Runs a Prisma CLI command against the local database (see withLocalDatabase).
// For migration authors: npm run prisma -- migrate dev --name add_something
import { run, withLocalDatabase } from './database';

// As the owner of the tables: migrations change them.
await withLocalDatabase(({ ownerUrl }) => run('prisma', process.argv.slice(2), { DATABASE_URL: ownerUrl }));
