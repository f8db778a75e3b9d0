// The benchmark's table, as Markdown and JSON, under bench/results/.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { RouteBundle } from './bundles';
import type { LoadResult } from './measure';
import type { SqlTiming } from './sql-timing';

export type Machine = {
  cpus: number;
  cpuModel: string;
  memoryGb: number;
  node: string;
  postgres?: string;
  os: string;
  /** 1, 5 and 15-minute load averages: other work on the machine shows here. */
  loadAverage?: { before: number[]; after: number[] };
};

export function describeMachine(postgres?: string): Machine {
  let cpuModel = os.cpus()[0]?.model ?? 'unknown';
  try {
    const cpuinfo = execFileSync('cat', ['/proc/cpuinfo'], { encoding: 'utf8' });
    cpuModel = /^model name\s*:\s*(.+)$/m.exec(cpuinfo)?.[1]?.trim() ?? cpuModel;
  } catch {
    // not Linux: os.cpus() it is
  }
  let cpus = os.availableParallelism?.() ?? os.cpus().length;
  try {
    cpus = Number(execFileSync('nproc', { encoding: 'utf8' }).trim()) || cpus;
  } catch {
    // no nproc
  }
  return { cpus, cpuModel, memoryGb: Math.round((os.totalmem() / 1024 ** 3) * 10) / 10, node: process.version, postgres, os: `${os.type()} ${os.release()}` };
}

/** The one-connection run of each test (one instance): seconds measured and of warm-up. */
export const ALONE = { duration: 5, warmup: 1 };

/** What the issue asks of each test (for the table, not assertions). */
export type Target = { p95Ms?: number; minRps?: number; noErrors?: boolean };

export type Row = {
  key: string;
  test: string;
  path: string;
  load: LoadResult;
  /** The same requests from one connection, one at a time: the app's own time, without queueing behind other requests. */
  alone?: LoadResult;
  sql?: SqlTiming & { commitMs?: number; totalMs: number };
  /** The app's time for one request (p50 with one connection) / the database's time for the same data. */
  ratio?: number;
  /** p50 under the full load / the database's time (queueing included). */
  loadedRatio?: number;
  target: Target;
  /** Whether the target (and the 3× rule) is met; null when there is none. */
  met: boolean | null;
  notes: string[];
};

export type WriteCheck = {
  /** How many actions the status updates wrote to (one per connection). */
  actions: number;
  clientSuccesses: number;
  /** Done by the server for requests in flight when a run stopped (their answers never came). */
  unacknowledged: number;
  versionIncrements: number;
  eventsWritten: number;
  /** Per action, client successes == version increments == events written. */
  consistent: boolean;
  mismatches: { actionId: string; successes: number; unacknowledged: number; increments: number; events: number }[];
};

export type Variant = {
  instances: number;
  servers: string[];
  rows: Row[];
  writes?: WriteCheck;
  chain?: { ok: boolean; checked: number; fromId: number; lastId: number; problem?: { id: number; reason: string } };
  sessionsAcrossInstances?: { ok: boolean; detail: string };
  throttle?: { present: boolean; holds: boolean | null; attempts: { instance: number; status: number; retryAfter: string | null }[]; detail: string };
};

export type BenchReport = {
  startedAt: string;
  finishedAt: string;
  totalSeconds: number;
  command: string;
  machine: Machine;
  scale: number;
  counts: Record<string, number>;
  data: { generatedNow: boolean; generationSeconds?: number; copySeconds: number };
  build: { distDir: string; built: boolean; serverStartSeconds: number };
  load: { connections: number; durationSeconds: number; warmupSeconds: number; generator: string };
  variants: Variant[];
  /** Every event the run wrote, checked onto the generated (already verified) chain. */
  runChain?: { ok: boolean; checked: number; fromId: number; lastId: number; problem?: { id: number; reason: string } };
  bundles: RouteBundle[];
  appChainCheck?: { present: boolean; ok?: boolean; detail?: unknown; seconds?: number };
  targets: { name: string; met: boolean | null; detail: string }[];
  notes: string[];
};

const ms = (value: number | undefined) => (value === undefined || !Number.isFinite(value) ? '–' : value >= 100 ? value.toFixed(0) : value.toFixed(1));
const mark = (met: boolean | null) => (met === null ? '' : met ? '✓' : '✗');
const thousands = (value: number) => value.toLocaleString('en-GB');

function targetText(row: Row) {
  const parts: string[] = [];
  if (row.target.p95Ms) parts.push(`p95 < ${row.target.p95Ms} ms`);
  if (row.target.minRps) parts.push(`> ${row.target.minRps} req/s`);
  if (row.target.noErrors) parts.push('no errors');
  parts.push('≤ 3× DB');
  return parts.join(', ');
}

export function renderMarkdown(report: BenchReport): string {
  const m = report.machine;
  const loadAverage = m.loadAverage ? ` Load average (1 min) ${m.loadAverage.before[0]} before, ${m.loadAverage.after[0]} after.` : '';
  const c = report.counts;
  const lines: string[] = [];
  lines.push(`## Benchmark at scale ${report.scale}`, '');
  lines.push(
    `${thousands(c.reviews ?? 0)} reviews, ${thousands(c.recommendations ?? 0)} recommendations${c.actions ? ` (${thousands(c.actions)} actions)` : ''}, ${thousands(c.events ?? 0)} history events, ` +
      `${thousands(c.users ?? 0)} users in ${thousands(c.agencies ?? 0)} agencies, ${thousands(c.evidence ?? 0)} pieces of evidence, ${thousands(c.comments ?? 0)} comments.`,
    '',
  );
  lines.push(
    `Machine: ${m.cpus} × ${m.cpuModel}, ${m.memoryGb} GB memory, ${m.os}; Node.js ${m.node}; ${m.postgres ?? 'PostgreSQL'} (embedded, default settings). ` +
      `Load: autocannon, ${report.load.connections} connections (each one signed-in owner), ${report.load.durationSeconds} s per test after ${report.load.warmupSeconds} s of warm-up, on the same machine. ` +
      `"Alone": the same requests from one connection, one at a time (${ALONE.duration} s after ${ALONE.warmup} s), on one instance: the app's time for a request, which the database's own time (DB ms) is compared with. ` +
      `Run ${report.startedAt}, ${Math.round(report.totalSeconds)} s in all (\`${report.command}\`).${loadAverage}`,
    '',
  );
  for (const variant of report.variants) {
    lines.push(`### ${variant.instances === 1 ? 'One app instance' : `${variant.instances} app instances on one database`}`, '');
    lines.push('| test | req/s | p50 ms | p95 ms | p99 ms | errors | alone p50 ms | DB ms | alone ÷ DB | kB/response | target | met |');
    lines.push('|---|--:|--:|--:|--:|--:|--:|--:|--:|--:|---|:-:|');
    for (const row of variant.rows) {
      const l = row.load;
      lines.push(
        `| ${row.test} | ${thousands(Math.round(l.rps))} | ${ms(l.latencyMs.p50)} | ${ms(l.latencyMs.p95)} | ${ms(l.latencyMs.p99)} | ${l.errors.total} | ` +
          `${ms(row.alone?.latencyMs.p50)} | ${ms(row.sql?.totalMs)} | ${row.ratio === undefined ? '–' : `${row.ratio.toFixed(1)}×`} | ${l.responseKb === undefined ? '–' : l.responseKb.toFixed(1)} | ${targetText(row)} | ${mark(row.met)} |`,
      );
    }
    lines.push('');
    if (variant.writes) {
      const w = variant.writes;
      lines.push(
        `- Status updates: ${thousands(w.clientSuccesses)} acknowledged on ${w.actions} actions (+ ${w.unacknowledged} done by the server whose answers never came: in flight when a run stopped); ` +
          `${thousands(w.versionIncrements)} version increments and ${thousands(w.eventsWritten)} progress events in the database: ` +
          `${w.consistent ? 'no write lost, none extra ✓' : `MISMATCH ✗ (${w.mismatches.length} actions)`}.`,
      );
    }
    if (variant.chain) {
      lines.push(
        `- Hash chain after the run: ${variant.chain.ok ? '✓ verifies' : '✗ BROKEN'} (${thousands(variant.chain.checked)} events written during the run, ids ${variant.chain.fromId + 1}–${variant.chain.lastId}, checked onto the generated chain)` +
          `${variant.chain.problem ? `: event ${variant.chain.problem.id}, ${variant.chain.problem.reason}` : ''}.`,
      );
    }
    if (variant.sessionsAcrossInstances) lines.push(`- Sessions across instances: ${variant.sessionsAcrossInstances.ok ? '✓' : '✗'} ${variant.sessionsAcrossInstances.detail}`);
    if (variant.throttle) lines.push(`- Login throttling across instances: ${variant.throttle.present ? mark(variant.throttle.holds) : 'not present'} ${variant.throttle.detail}`);
    lines.push('');
  }
  if (report.runChain) {
    const r = report.runChain;
    lines.push(
      `Hash chain over every event this run wrote (${thousands(r.checked)}: sign-ins, the SQL timing's own updates, the load), onto the generated chain: ${r.ok ? '✓ verifies' : `✗ BROKEN at event ${r.problem?.id}: ${r.problem?.reason}`}.`,
      '',
    );
  }
  if (report.appChainCheck?.present) {
    lines.push(
      `Whole chain, by lib/audit/verify-chain.ts at the end: ${report.appChainCheck.ok ? '✓ verifies' : '✗ does not verify'}${report.appChainCheck.seconds ? ` (${report.appChainCheck.seconds} s)` : ''}.`,
      '',
    );
  }
  lines.push('### First-load JavaScript per route (gzip)', '');
  lines.push('| route | kB | target ≤ 150 kB |', '|---|--:|:-:|');
  for (const bundle of report.bundles) lines.push(`| \`${bundle.route}\` | ${bundle.gzipKb.toFixed(1)} | ${mark(bundle.gzipKb <= 150)} |`);
  lines.push('');
  lines.push('### Targets', '');
  for (const target of report.targets) lines.push(`- ${mark(target.met) || '–'} ${target.name}: ${target.detail}`);
  lines.push('');
  if (report.notes.length) {
    lines.push('### Notes', '');
    for (const note of report.notes) lines.push(`- ${note}`);
    lines.push('');
  }
  return lines.join('\n');
}

/** Writes <ISO timestamp>-scale<N>.md/.json and latest.md/.json into `dir`; returns the paths. */
export async function writeReport(report: BenchReport, dir: string) {
  await fs.mkdir(dir, { recursive: true });
  const stamp = report.startedAt.replace(/[:.]/g, '-');
  const base = path.join(dir, `${stamp}-scale${report.scale}`);
  const markdown = renderMarkdown(report);
  const json = `${JSON.stringify(report, null, 2)}\n`;
  await fs.writeFile(`${base}.md`, markdown);
  await fs.writeFile(`${base}.json`, json);
  await fs.writeFile(path.join(dir, 'latest.md'), markdown);
  await fs.writeFile(path.join(dir, 'latest.json'), json);
  return { markdown: `${base}.md`, json: `${base}.json`, text: markdown };
}
