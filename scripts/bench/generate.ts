// npm run bench:data -- --scale N [--no-check]
// Generates N partnerships' data (scale 1: 20 reviews, 600 recommendations
// with ~1,060 actions, ~21,000 history events; scale 50: national, 30,000
// recommendations, ~53,000 actions, ~1,050,000 events) into a
// database of its own, `bench_scale_N`, on the benchmark's embedded
// PostgreSQL in .data/bench, then checks it: counts, every current value
// against its history, and the hash chain. The benchmark never writes to
// that database: each run works on a fresh copy of it (see run.ts).
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import fs from 'node:fs/promises';
import path from 'node:path';
import { parseArgs } from 'node:util';
import pg from 'pg';
import { createDatabase, dropDatabase, type EmbeddedDatabase, migrateDeploy, projectRoot, startEmbeddedPostgres } from '../database';
import { checkChain } from './chain-check';
import { checkCoherence, type Coherence, type Counts, countRows } from './coherence';
import { benchPgClient, chainStagedEvents, loadPartnership, startLoad, withoutSecondaryIndexes } from './load';
import { simulatePartnership } from './simulate';

/** The simulated history ends here; the benchmark's "a year ago" report is as at 2025-11-01. */
export const BENCH_END = new Date('2026-11-01T00:00:00Z');
export const BENCH_YEARS = 6;
export const benchDataRoot = () => path.join(projectRoot, '.data/bench');
export const benchDatabaseName = (scale: number) => `bench_scale_${scale}`;

/** A small but real PDF, so evidence rows carry file bytes like real ones. */
const FILE = Buffer.from(`%PDF-1.4\n% benchmark evidence\n${'x'.repeat(2000)}\n%%EOF\n`);

export type Generated = {
  scale: number;
  seconds: number;
  counts: Counts;
  lastEventId: number;
  lastHash: string | null;
  coherence?: Coherence;
  chain?: { ok: boolean; checked: number; problem?: { id: number; reason: string } };
  /** Fingerprint of the generator's sources: data from another version is regenerated. */
  generator: string;
};

/** Changes when the simulation or the loading changes. */
export async function generatorFingerprint() {
  const hash = createHash('sha256');
  for (const file of ['simulate.ts', 'load.ts']) hash.update(await fs.readFile(path.join(import.meta.dirname, file)));
  return hash.digest('hex').slice(0, 16);
}

/**
 * Loads `scale` partnerships into an empty, migrated database, one
 * partnership at a time, then chains the history events in time order.
 */
export async function generateInto(databaseUrl: string, scale: number, options: { check?: boolean; log?: (message: string) => void } = {}): Promise<Generated> {
  const log = options.log ?? (() => {});
  const started = Date.now();
  const client = benchPgClient(databaseUrl);
  await client.connect();
  try {
    await client.query('SET synchronous_commit = off');
    const state = await startLoad(client);
    for (let i = 0; i < scale; i++) {
      await client.query('BEGIN');
      await loadPartnership(client, simulatePartnership(i, { end: BENCH_END, years: BENCH_YEARS, fileBytes: FILE }), i, state);
      await client.query('COMMIT');
      if ((i + 1) % 10 === 0 || i + 1 === scale) log(`  loaded ${i + 1} of ${scale} partnerships (${state.stagedEvents} events staged) in ${secondsSince(started)} s`);
    }
    await client.query('BEGIN');
    // More memory for the index builds and the time-order sort of the staged events.
    await client.query(`SET LOCAL maintenance_work_mem = '256MB'`);
    await client.query(`SET LOCAL work_mem = '128MB'`);
    const chained = await withoutSecondaryIndexes(client, 'HistoryEvent', () => chainStagedEvents(client, { log }));
    await client.query('COMMIT');
    log(`  chained ${chained.count} events in time order in ${secondsSince(started)} s`);
    await client.query(`SELECT setval(pg_get_serial_sequence('"HistoryEvent"', 'id'), $1)`, [Math.max(1, chained.lastId)]);
    await client.query('VACUUM ANALYZE');
    const counts = await countRows(client);
    const result: Generated = { scale, seconds: 0, counts, lastEventId: chained.lastId, lastHash: chained.lastHash, generator: await generatorFingerprint() };
    result.seconds = Number(secondsSince(started));
    log(`Generated scale ${scale} in ${result.seconds} s: ${JSON.stringify(counts)}`);
    if (options.check !== false) {
      const checkStarted = Date.now();
      result.coherence = await checkCoherence(databaseUrl);
      const chain = await checkChain(databaseUrl);
      result.chain = { ok: chain.ok, checked: chain.checked, problem: chain.problem };
      for (const check of result.coherence.checks) {
        log(`  ${check.failing === 0 ? 'ok  ' : 'FAIL'} ${check.name}${check.failing ? `: ${check.failing} rows, e.g. ${check.examples.join(', ')}` : ''}`);
      }
      log(`  ${chain.ok ? 'ok  ' : 'FAIL'} the hash chain verifies (${chain.checked} events)${chain.problem ? `: event ${chain.problem.id}, ${chain.problem.reason}` : ''}`);
      log(`Checked in ${secondsSince(checkStarted)} s`);
    }
    return result;
  } finally {
    await client.end();
  }
}

const secondsSince = (start: number) => ((Date.now() - start) / 1000).toFixed(1);

export const metadataFile = (scale: number) => path.join(benchDataRoot(), `${benchDatabaseName(scale)}.json`);

/** What the last generation of this scale recorded, or null if there is none. */
export async function readGenerated(scale: number): Promise<Generated | null> {
  const file = metadataFile(scale);
  if (!existsSync(file)) return null;
  return JSON.parse(await fs.readFile(file, 'utf8')) as Generated;
}

/** (Re)creates `bench_scale_N` on the cluster, migrated and filled, and records what it made. */
export async function generate(cluster: EmbeddedDatabase, scale: number, options: { check?: boolean; log?: (message: string) => void } = {}) {
  const log = options.log ?? console.log;
  const database = benchDatabaseName(scale);
  await fs.rm(metadataFile(scale), { force: true });
  await dropDatabase(cluster, database);
  await createDatabase(cluster, database);
  const url = cluster.url(database);
  await migrateDeploy(url);
  const result = await generateInto(url, scale, { ...options, log });
  const failed = result.coherence?.ok === false || result.chain?.ok === false;
  if (failed) throw new Error(`The generated data at scale ${scale} is not coherent (see above)`);
  await fs.writeFile(metadataFile(scale), JSON.stringify(result, null, 2));
  return { url, result };
}

export function parseScale(value: string | undefined, fallback: number) {
  const scale = Number(value ?? fallback);
  if (!Number.isInteger(scale) || scale < 1 || scale > 200) throw new Error('--scale must be a whole number from 1 to 200');
  return scale;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const { values } = parseArgs({ options: { scale: { type: 'string', default: '1' }, 'no-check': { type: 'boolean', default: false } } });
  const scale = parseScale(values.scale, 1);
  const cluster = await startEmbeddedPostgres({ dataDir: path.join(benchDataRoot(), 'postgres') });
  try {
    await generate(cluster, scale, { check: !values['no-check'] });
  } catch (error) {
    console.error(error instanceof Error ? error.message : error);
    process.exitCode = 1;
  } finally {
    await cluster.stop();
  }
}

/** The generated database for `scale`: made now when missing, asked for, or made by another version of the generator. */
export async function ensureData(cluster: EmbeddedDatabase, scale: number, regenerate: boolean, log: (message: string) => void) {
  const meta = await readGenerated(scale);
  const client = new pg.Client({ connectionString: cluster.url('postgres') });
  await client.connect();
  const { rowCount } = await client.query(`SELECT 1 FROM pg_database WHERE datname = $1`, [benchDatabaseName(scale)]);
  await client.end();
  const fingerprint = await generatorFingerprint();
  const stale = meta && meta.generator !== fingerprint;
  if (!regenerate && rowCount && meta && !stale) return { generatedNow: false, meta };
  log(stale ? `The generator changed since scale ${scale} was generated: generating again` : `Generating the data for scale ${scale}`);
  const started = Date.now();
  const { result } = await generate(cluster, scale, { log: (m) => log(m.trim()) });
  return { generatedNow: true, meta: result, generationSeconds: Math.round((Date.now() - started) / 100) / 10 };
}

/**
 * A fresh copy `name` of the generated database, so that every run starts
 * from the same data, migrated to the schema of the code measured (a
 * migration added since the data was generated applies to the copy).
 */
export async function copyDatabase(cluster: EmbeddedDatabase, name: string, scale: number) {
  await dropDatabase(cluster, name);
  const client = new pg.Client({ connectionString: cluster.url('postgres') });
  await client.connect();
  try {
    await client.query(`CREATE DATABASE ${pg.escapeIdentifier(name)} TEMPLATE ${pg.escapeIdentifier(benchDatabaseName(scale))} STRATEGY FILE_COPY`);
    const { rows } = await client.query<{ server_version: string }>('SHOW server_version');
    await migrateDeploy(cluster.url(name));
    return { url: cluster.url(name), postgres: `PostgreSQL ${rows[0]!.server_version}` };
  } finally {
    await client.end();
  }
}
