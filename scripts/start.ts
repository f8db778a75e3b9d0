// `npm start`: everything a fresh clone needs to serve the app.
// - DATABASE_URL unset: starts the embedded PostgreSQL (data in .data/, kept
//   across restarts), migrates it, seeds the demo data once, prints the logins.
// - DATABASE_URL set: uses that server, migrates it (as MIGRATION_DATABASE_URL
//   when set, the owner of the tables), starts nothing else and seeds nothing
//   (production has no default users: see `npm run user:create-admin`).
// Either way the app itself connects as a role that is neither superuser nor
// owner, and may only INSERT and SELECT the history (docs/decisions/0014).
// Builds the app first when there is no build of the current sources.
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import fs from 'node:fs/promises';
import path from 'node:path';
import { createPrismaClient } from '@/lib/db/client';
import { DEMO_PASSWORD, DEMO_TOTP_SECRET, DEMO_USERS, seedDemoData } from '@/prisma/seed/index';
import {
  appRoleProblems,
  configuredDatabaseUrls,
  createDatabase,
  defaultDataRoot,
  embeddedUrls,
  migrateForApp,
  projectRoot,
  useEmbeddedAuthSecret,
  run,
  startEmbeddedPostgres,
  useEmbeddedTotpKey,
  writeUrlFiles,
} from './database';
import { checkTotpEncryptionKey, sealPlainTotpSecrets } from '@/lib/auth/totp-secret-at-rest';

// No Next.js telemetry from the build or the server this starts (they
// inherit it; next.config.js sets it too, for any other way of running next).
process.env.NEXT_TELEMETRY_DISABLED = '1';

const port = Number(process.env.PORT ?? 3000);
const dataRoot = defaultDataRoot();
const embedded = !process.env.DATABASE_URL;

function log(message: string) {
  console.log(`[followthrough] ${message}`);
}

/** A fingerprint of everything that goes into `next build`. */
async function sourceFingerprint(): Promise<string> {
  const hash = createHash('sha256');
  const roots = ['app', 'components', 'lib', 'types', 'prisma/schema.prisma', 'next.config.js', 'tsconfig.json', 'package-lock.json'];
  async function add(entry: string) {
    const full = path.join(projectRoot, entry);
    if (!existsSync(full) || entry === 'lib/generated') return;
    const stat = await fs.stat(full);
    if (stat.isDirectory()) {
      for (const child of (await fs.readdir(full)).sort()) await add(path.join(entry, child));
    } else {
      hash.update(entry).update(await fs.readFile(full));
    }
  }
  for (const root of roots) await add(root);
  return hash.digest('hex');
}

async function buildIfNeeded() {
  const distDir = path.join(projectRoot, process.env.NEXT_DIST_DIR || '.next');
  const fingerprintFile = path.join(distDir, 'followthrough-sources');
  const fingerprint = await sourceFingerprint();
  const built = existsSync(path.join(distDir, 'BUILD_ID')) &&
    (await fs.readFile(fingerprintFile, 'utf8').catch(() => '')) === fingerprint;
  if (built) return;
  log('Building the app (first run, or the sources changed)...');
  await run('prisma', ['generate']);
  await run('next', ['build']);
  await fs.writeFile(fingerprintFile, fingerprint);
}

async function main() {
  if (process.env.FOLLOWTHROUGH_FRESH === '1') await fs.rm(dataRoot, { recursive: true, force: true });
  await fs.mkdir(dataRoot, { recursive: true });

  let urls = configuredDatabaseUrls();
  let stopDatabase = async () => {};
  if (!urls) {
    const cluster = await startEmbeddedPostgres({ dataDir: path.join(dataRoot, 'postgres'), ephemeral: process.env.FOLLOWTHROUGH_FRESH === '1' });
    stopDatabase = cluster.stop;
    await createDatabase(cluster, 'followthrough');
    urls = embeddedUrls(cluster);
    // For tools and tests that need to reach the same database.
    await writeUrlFiles(dataRoot, urls);
    log(`Embedded PostgreSQL is running (data in ${path.relative(projectRoot, dataRoot)}/postgres).`);
  }
  const databaseUrl = urls.appUrl;

  let secret = process.env.NEXTAUTH_SECRET;
  if (!secret) {
    if (!embedded) throw new Error('Set NEXTAUTH_SECRET (at least 32 random bytes) when using an external DATABASE_URL.');
    secret = await useEmbeddedAuthSecret(dataRoot);
  }
  // Two-factor secrets are sealed under a key outside the database (the server inherits it).
  if (embedded) await useEmbeddedTotpKey(dataRoot);
  checkTotpEncryptionKey();

  await migrateForApp(urls);
  const problems = await appRoleProblems(databaseUrl);
  if (problems.length > 0) {
    // The embedded database always has its two roles: a problem there is a bug.
    if (embedded) throw new Error(`The app's database role is not least privilege: ${problems.join('; ')}`);
    for (const problem of problems) log(`WARNING: ${problem}.`);
    log('WARNING: give the app its own role and set MIGRATION_DATABASE_URL to the owner (README, "Your own PostgreSQL").');
  }
  const db = createPrismaClient(databaseUrl, 1);
  try {
    // Stored in plain text by a version before sealing: sealed now, before anyone signs in.
    const sealed = await sealPlainTotpSecrets(db);
    if (sealed > 0) log(`Sealed ${sealed} two-factor secret${sealed === 1 ? '' : 's'} stored in plain text by an earlier version.`);
    if (embedded) {
      const { created } = await seedDemoData(db);
      if (created) log('Loaded the demo data: the Rochdale review of 2012, and a current plan (the serious case review).');
    }
  } finally {
    await db.$disconnect();
  }
  await buildIfNeeded();

  const url = process.env.NEXTAUTH_URL ?? `http://localhost:${port}`;
  const server = spawn(path.join(projectRoot, 'node_modules/.bin/next'), ['start', '-p', String(port)], {
    cwd: projectRoot,
    env: { ...process.env, DATABASE_URL: databaseUrl, NEXTAUTH_SECRET: secret, NEXTAUTH_URL: url, NODE_ENV: 'production' },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  server.stdout.on('data', (chunk: Buffer) => {
    process.stdout.write(chunk);
    if (chunk.toString().includes('Ready')) {
      log(`Followthrough is ready at ${url}`);
      if (embedded) {
        log(`Demo logins (password for each: ${DEMO_PASSWORD}):`);
        for (const user of DEMO_USERS) log(`  ${user.role.padEnd(8)} ${user.email.padEnd(34)} ${user.name}`);
        log(`Admins and reviewers also need a code from an authenticator app: add the demo key ${DEMO_TOTP_SECRET}`);
        log('(time-based, 6 digits, 30 seconds), or run `npm run demo:code` for the current code.');
      }
    }
  });

  // The scheduled jobs (the notice round, weekly digests, email delivery: decision 0018) run here, beside the
  // server rather than in it: a Next.js instrumentation hook that started them cost every request about a fifth
  // of its throughput (measured: bench/results, issue 13). pg-boss runs each slot once however many instances run.
  let jobs: { stop(options?: object): Promise<void> } | null = null;
  if (process.env.FOLLOWTHROUGH_JOBS !== 'off') {
    Object.assign(process.env, { DATABASE_URL: databaseUrl, NEXTAUTH_SECRET: secret, NEXTAUTH_URL: url });
    const { startJobs } = await import('@/lib/jobs/worker');
    jobs = await startJobs().catch((error: unknown) => {
      // The app serves without its schedule rather than not at all; the log says why.
      log(`WARNING: the scheduled jobs did not start: ${(error as Error).message}`);
      return null;
    });
  }

  let stopping = false;
  async function shutdown(code: number) {
    if (stopping) return;
    stopping = true;
    server.kill('SIGTERM');
    await jobs?.stop({ graceful: true, wait: true, timeout: 10_000 }).catch(() => undefined);
    await stopDatabase();
    process.exit(code);
  }
  server.on('exit', (code) => void shutdown(code ?? 1));
  process.on('SIGINT', () => void shutdown(0));
  process.on('SIGTERM', () => void shutdown(0));
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
