// npm run bench:reminders [-- --scale 50]
//
// One round of notices (lib/notices/run-round.ts) over a fresh copy of the
// benchmark's national data, as the first round ever (every notice due is
// new) and then again the same day (every notice already made), through the
// same function `npm run reminders:run` calls, in one process; then the
// week's digests, and every email rendered into the outbox (no SMTP server:
// what delivery does but the network). Writes
// bench/results/<time>-reminders-scale<N>.md.
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import pg from 'pg';
import { projectRoot, startEmbeddedPostgres } from '../database';
import { BENCH_END, benchDataRoot, copyDatabase, ensureData, parseScale } from './generate';
import { describeMachine } from './report';

const log = (message: string) => console.log(`[bench:reminders] ${message}`);
const { values: args } = parseArgs({ options: { scale: { type: 'string', default: '50' }, 'results-dir': { type: 'string', default: path.join(projectRoot, 'bench', 'results') } } });
const scale = parseScale(args.scale, 50);

const started = Date.now();
const loadBefore = os.loadavg();
const cluster = await startEmbeddedPostgres({ dataDir: path.join(benchDataRoot(), 'postgres') });
const name = `bench_reminders_scale_${scale}`;
try {
  await ensureData(cluster, scale, false, log);
  const { url, postgres } = await copyDatabase(cluster, name, scale);
  process.env.DATABASE_URL = url;
  // Digests carry an unsubscribe link signed with the app's secret.
  process.env.NEXTAUTH_SECRET ||= 'bench secret: signs the digests\' unsubscribe links';
  const { db } = await import('@/lib/db');
  const { runNoticeRound } = await import('@/lib/notices/run-round');
  const { composeDigests } = await import('@/lib/email/digest');
  const { deliverAllDue } = await import('@/lib/email/deliver');
  const [counts] = await db.$queryRaw<{ actions: bigint; evidence: bigint; events: bigint }[]>`
    SELECT (SELECT count(*) FROM "Action" WHERE "archivedAt" IS NULL) AS actions, (SELECT count(*) FROM "Evidence" WHERE assessment = 'PENDING') AS evidence, (SELECT count(*) FROM "HistoryEvent") AS events`;
  // The generated history ends on BENCH_END: the round runs that day, as it would have.
  const now = new Date(BENCH_END.getTime() + 8 * 3_600_000);
  const day = BENCH_END.toISOString().slice(0, 10);
  const time = async (label: string) => {
    const t = process.hrtime.bigint();
    const result = await runNoticeRound(now);
    const seconds = Number(process.hrtime.bigint() - t) / 1e9;
    log(`${label}: ${seconds.toFixed(2)} s, ${result.considered} due, ${result.sent} new`);
    return { label, seconds, result };
  };
  const first = await time('First round (every notice due is new)');
  const second = await time('The same day again (every notice already made)');
  const digestStarted = process.hrtime.bigint();
  const { digests } = await composeDigests(now);
  const digestSeconds = Number(process.hrtime.bigint() - digestStarted) / 1e9;
  log(`Weekly digests: ${digests} in ${digestSeconds.toFixed(2)} s`);
  // Every email due, rendered into the outbox in batches, as the every-minute delivery job would.
  const deliveryStarted = process.hrtime.bigint();
  const delivered = await deliverAllDue({ now, transport: null, limit: 500, budgetMs: 10 * 60_000 });
  const rendered = delivered.held + delivered.cancelled;
  const deliverySeconds = Number(process.hrtime.bigint() - deliveryStarted) / 1e9;
  log(`Emails rendered into the outbox: ${rendered} in ${deliverySeconds.toFixed(2)} s`);
  const machine = describeMachine(postgres);
  const at = new Date();
  const lines = [
    `## A round of notices at scale ${scale}`,
    '',
    `Over a copy of the benchmark's data (${Number(counts!.actions).toLocaleString('en-GB')} live actions, ${Number(counts!.evidence).toLocaleString('en-GB')} pieces of evidence awaiting assessment, ${Number(counts!.events).toLocaleString('en-GB')} history events), on ${day}, the day its history ends, through \`runNoticeRound\` in one process.`,
    '',
    `Machine: ${machine.cpus} × ${machine.cpuModel}, ${machine.memoryGb} GB memory; Node.js ${machine.node}; ${postgres}. Run ${at.toISOString()} (\`npm run bench:reminders\`), ${((Date.now() - started) / 1000).toFixed(0)} s in all. Load average (1 min) ${loadBefore[0]!.toFixed(1)} before, ${os.loadavg()[0]!.toFixed(1)} after.`,
    '',
    '| round | seconds | notices due | made | by rule |',
    '|---|--:|--:|--:|---|',
    ...[first, second].map((r) => `| ${r.label} | ${r.seconds.toFixed(2)} | ${r.result.considered.toLocaleString('en-GB')} | ${r.result.sent.toLocaleString('en-GB')} | ${Object.entries(r.result.byRule).map(([rule, n]) => `${rule} ${n.toLocaleString('en-GB')}`).join(', ') || '–'} |`),
    '',
    `Then the week's digests: ${digests.toLocaleString('en-GB')} made in ${digestSeconds.toFixed(2)} s; with the first round's ${first.result.emailsQueued.toLocaleString('en-GB')} emails at once (escalations, one per person), ${rendered.toLocaleString('en-GB')} emails rendered into the outbox in ${deliverySeconds.toFixed(2)} s (batches of 500; no SMTP server, so no network).`,
    '',
    `- Target: a round in under 60 s: ${Math.max(first.seconds, second.seconds) < 60 ? '✓' : '✗'}.`,
    `- ${second.result.sent === 0 ? '✓' : '✗'} the second round made nothing (each notice once).`,
  ];
  const markdown = `${lines.join('\n')}\n`;
  const dir = path.resolve(args['results-dir']!);
  await fs.mkdir(dir, { recursive: true });
  const out = path.join(dir, `${at.toISOString().replace(/[:.]/g, '-')}-reminders-scale${scale}.md`);
  await fs.writeFile(out, markdown);
  console.log(`\n${markdown}`);
  await db.$disconnect();
  const client = new pg.Client({ connectionString: cluster.url('postgres') });
  await client.connect();
  await client.query(`DROP DATABASE IF EXISTS ${pg.escapeIdentifier(name)} WITH (FORCE)`);
  await client.end();
  if (second.result.sent !== 0) process.exitCode = 1;
} finally {
  await cluster.stop();
}
