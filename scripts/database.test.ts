import pg from 'pg';
import { describe, expect, it } from 'vitest';
import { allMigrationsApplied } from './database';

describe('allMigrationsApplied', () => {
  it('is true for a migrated database, so a restart skips Prisma entirely', async () => {
    expect(await allMigrationsApplied(process.env.DATABASE_URL!)).toBe(true);
  });

  it('is false for an empty database and when one migration is missing', async () => {
    const url = new URL(process.env.DATABASE_URL!);
    const admin = new pg.Client({ connectionString: url.toString() });
    await admin.connect();
    const empty = `${url.pathname.slice(1)}_empty`;
    await admin.query(`CREATE DATABASE ${empty}`);
    url.pathname = `/${empty}`;
    expect(await allMigrationsApplied(url.toString())).toBe(false);

    // The history trigger does not cover Prisma's own table.
    await admin.query(`DELETE FROM _prisma_migrations WHERE migration_name = (SELECT max(migration_name) FROM _prisma_migrations)`);
    expect(await allMigrationsApplied(process.env.DATABASE_URL!)).toBe(false);
    await admin.end();
  });
});
