import 'server-only';
import PgBoss from 'pg-boss';
import { composeDigests } from '@/lib/email/digest';
import { deliverAllDue } from '@/lib/email/deliver';
import { runNoticeRound } from '@/lib/notices/run-round';
import { JOBS_SCHEMA, JOBS_TIME_ZONE, type JobName, SCHEDULED_JOBS } from './queues';

/** What each scheduled job does. Each is safe to run twice: every notice, digest and email is made once by its key. */
export const JOB_HANDLERS: Record<JobName, () => Promise<unknown>> = {
  notice_round: async () => ({ round: await runNoticeRound(), delivery: await deliverAllDue() }),
  email_digest: async () => ({ digests: await composeDigests(), delivery: await deliverAllDue() }),
  email_delivery: () => deliverAllDue(),
};

/**
 * Starts this instance's pg-boss: the schedule (one job per slot, however
 * many instances start it) and a worker for each job. The schema and queues
 * were made at migration time (lib/jobs/install.ts); this role only uses
 * them. Returns the boss, to stop it.
 */
export async function startJobs({
  connectionString = process.env.DATABASE_URL!,
  handlers = JOB_HANDLERS,
  schedule = SCHEDULED_JOBS,
  options = {},
}: {
  connectionString?: string;
  handlers?: Record<JobName, () => Promise<unknown>>;
  /** When each runs (tests run them every minute). */
  schedule?: Record<JobName, string>;
  options?: Partial<PgBoss.ConstructorOptions>;
} = {}): Promise<PgBoss> {
  const boss = new PgBoss({ connectionString, schema: JOBS_SCHEMA, migrate: false, max: 3, ...options });
  boss.on('error', (error) => console.error('[followthrough] job queue:', error));
  await boss.start();
  for (const [name, cron] of Object.entries(schedule) as [JobName, string][]) {
    await boss.schedule(name, cron, {}, { tz: JOBS_TIME_ZONE });
    await boss.work(name, { pollingIntervalSeconds: 2 }, async () => {
      await handlers[name]();
    });
  }
  return boss;
}
