import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { afterAll, expect, inject } from 'vitest';
import { readEvent, type StoredPayload } from '@/lib/audit/event-catalogue';
import { TEMPLATE_DATABASE } from './global-setup';

// Runs before each test file: clone the migrated template into a database of
// the file's own, so files never see each other's data and can run in parallel.
// The code under test connects as the app's role, as in production
// (DATABASE_URL); what only someone with more power could do (tampering
// "behind the app's back", whole-table snapshots) uses the superuser's
// connection, TEST_SUPERUSER_DATABASE_URL.
const name = `test_${randomBytes(6).toString('hex')}`;
const superuserUrl = new URL(inject('clusterUrl'));
const admin = new pg.Client({ connectionString: superuserUrl.toString() });
await admin.connect();
await admin.query(`CREATE DATABASE ${name} TEMPLATE ${TEMPLATE_DATABASE}`);
await admin.end();
superuserUrl.pathname = `/${name}`;
const appUrl = new URL(inject('appClusterUrl'));
appUrl.pathname = `/${name}`;
process.env.DATABASE_URL = appUrl.toString();
process.env.TEST_SUPERUSER_DATABASE_URL = superuserUrl.toString();
// Two-factor secrets are sealed under a key kept outside the database: one per test file.
process.env.TOTP_ENCRYPTION_KEY = randomBytes(32).toString('base64');

// After the file's tests: every history event they stored must read through
// the catalogue (lib/audit/event-catalogue.ts). A use case writing a shape the
// catalogue does not describe fails here, in the file that wrote it.
afterAll(async () => {
  const client = new pg.Client({ connectionString: process.env.DATABASE_URL });
  await client.connect();
  try {
    const { rows } = await client.query<StoredPayload & { id: number }>('SELECT id, kind, before, after FROM "HistoryEvent" ORDER BY id');
    const unreadable = rows.flatMap((row) => {
      try {
        readEvent(row);
        return [];
      } catch (error) {
        return [`event ${row.id}: ${(error as Error).message}`];
      }
    });
    expect(unreadable, 'stored history events the catalogue cannot read').toEqual([]);
  } finally {
    await client.end();
  }
});
