// Next.js calls register() once as each server instance starts: this one
// starts the scheduled jobs (the notice round, the weekly digest, email
// delivery) on the app's PostgreSQL through pg-boss, which runs each slot
// once however many instances there are (decision 0018). FOLLOWTHROUGH_JOBS=off
// leaves them to another instance (the end-to-end tests and the benchmark
// switch them off, so that a 06:00 round never lands in the middle of a test).
export async function register() {
  if (process.env.NEXT_RUNTIME !== 'nodejs' || process.env.FOLLOWTHROUGH_JOBS === 'off') return;
  const { startJobs } = await import('./lib/jobs/worker');
  try {
    await startJobs();
  } catch (error) {
    // The app serves without its schedule rather than not at all; the log says why.
    console.error('[followthrough] The scheduled jobs did not start:', error);
  }
}
