// The scheduled jobs, on PostgreSQL through pg-boss (decision 0018). Plain
// data, read both by the install at migration time (scripts/database.ts) and
// by the workers the app starts (lib/jobs/worker.ts).

/** pg-boss's schema in the app's database. */
export const JOBS_SCHEMA = 'pgboss';

/** When each runs, as cron in UK time: pg-boss makes one job per slot, whatever the number of instances. */
export const SCHEDULED_JOBS = {
  /** The day's notices (lib/notices/run-round.ts), early, before people start work. */
  notice_round: '0 6 * * *',
  /** The weekly digests, Monday morning. */
  email_digest: '0 7 * * 1',
  /** Sends what is due in the outbox, retries included, every minute. */
  email_delivery: '* * * * *',
} as const;

export type JobName = keyof typeof SCHEDULED_JOBS;

export const JOBS_TIME_ZONE = 'Europe/London';

/** pg-boss's own queue for cron jobs, made with ours so the app's role never needs to create tables. */
export const PGBOSS_CRON_QUEUE = '__pgboss__send-it';
