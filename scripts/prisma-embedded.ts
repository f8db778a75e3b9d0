// Runs a Prisma CLI command against the local database: DATABASE_URL when it
// is set, otherwise the embedded PostgreSQL in .data/. For migration authors:
//   npm run prisma -- migrate dev --name add_something
import path from 'node:path';
import { createDatabase, projectRoot, run, startEmbeddedPostgres } from './database';

const args = process.argv.slice(2);
let databaseUrl = process.env.DATABASE_URL;
let stop = async () => {};
if (!databaseUrl) {
  const cluster = await startEmbeddedPostgres({ dataDir: path.join(projectRoot, '.data/postgres') });
  await createDatabase(cluster, 'followthrough');
  databaseUrl = cluster.url('followthrough');
  stop = cluster.stop;
}
try {
  await run('prisma', args, { DATABASE_URL: databaseUrl });
} finally {
  await stop();
}
