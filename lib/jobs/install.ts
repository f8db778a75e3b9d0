// Installs pg-boss's schema and our queues, as the owner of the tables, at
// migration time; then lets the app's role use them. pg-boss makes a table
// per queue, so the queues are made here too: the app's role, which may not
// create tables (decision 0014), only reads and writes them.
import pg from 'pg';
import PgBoss from 'pg-boss';
import { JOBS_SCHEMA, PGBOSS_CRON_QUEUE, SCHEDULED_JOBS } from './queues';

export async function installJobQueue(ownerUrl: string, appRole: string | null): Promise<void> {
  const boss = new PgBoss({ connectionString: ownerUrl, schema: JOBS_SCHEMA, supervise: false, schedule: false, max: 2 });
  boss.on('error', () => undefined);
  await boss.start();
  try {
    for (const name of [...Object.keys(SCHEDULED_JOBS), PGBOSS_CRON_QUEUE]) {
      // A job not done in 30 minutes is failed (a round over national data takes seconds); no retries:
      // the next slot runs it again, and each notice and email is made once by its key.
      await boss.createQueue(name, { name, policy: 'standard', retryLimit: 0, expireInSeconds: 30 * 60 });
    }
  } finally {
    await boss.stop({ graceful: false, wait: true });
  }
  if (!appRole) return;
  const client = new pg.Client({ connectionString: ownerUrl });
  await client.connect();
  try {
    const app = pg.escapeIdentifier(appRole);
    await client.query(`GRANT USAGE ON SCHEMA ${JOBS_SCHEMA} TO ${app};
GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA ${JOBS_SCHEMA} TO ${app};
GRANT EXECUTE ON ALL FUNCTIONS IN SCHEMA ${JOBS_SCHEMA} TO ${app};`);
  } finally {
    await client.end();
  }
}
