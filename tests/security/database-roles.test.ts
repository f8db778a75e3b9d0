// Issue 15, item 2: the app connects as a role that is neither superuser nor
// owner of the tables, and may only INSERT and SELECT the history (and the
// comment texts and evidence files its events cover by hash). The rewrite a
// probe made as the superuser (`SET LOCAL session_replication_role = replica`,
// then UPDATE an event and recompute its hash) is refused at its first step.
// Every other test file runs the app's code as this role too
// (tests/support/database-per-file.ts), so the app does all its work with it.
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { createPrismaClient } from '@/lib/db/client';
import { seedDemoData } from '@/prisma/seed/index';
import {
  APP_ROLE,
  APPEND_ONLY_TABLES,
  appRoleProblems,
  createDatabase,
  type DatabaseRole,
  dropDatabase,
  type EmbeddedDatabase,
  migrateDeploy,
  migrateForApp,
  OWNER_ROLE,
} from '@/scripts/database';

const APP_URL = process.env.DATABASE_URL!;
const SUPERUSER_URL = process.env.TEST_SUPERUSER_DATABASE_URL!;

/** This test run's cluster, as scripts/database.ts sees one (the roles' passwords are the cluster's own). */
const cluster: EmbeddedDatabase = {
  url(database: string, role: DatabaseRole = 'superuser') {
    const url = new URL(inject(role === 'superuser' ? 'clusterUrl' : role === 'owner' ? 'ownerClusterUrl' : 'appClusterUrl'));
    url.pathname = `/${database}`;
    return url.toString();
  },
  stop: async () => {},
};
const OWNER_URL = (() => {
  const url = new URL(cluster.url('postgres', 'owner'));
  url.pathname = new URL(APP_URL).pathname;
  return url.toString();
})();

let app: pg.Client;
beforeAll(async () => {
  app = new pg.Client({ connectionString: APP_URL });
  await app.connect();
});
afterAll(async () => {
  await app.end();
});

/** Runs `sql` as the app's role in a transaction that is always rolled back; the error message, or null when it worked. */
async function asApp(sql: string): Promise<string | null> {
  await app.query('BEGIN');
  try {
    await app.query(sql);
    return null;
  } catch (error) {
    return (error as Error).message;
  } finally {
    await app.query('ROLLBACK');
  }
}

describe("the app's database role", () => {
  it('is neither superuser nor owner, and has only SELECT and INSERT on the history, comments and evidence files', async () => {
    const { rows } = await app.query<{ role: string; superuser: boolean; createrole: boolean; createdb: boolean }>(
      `SELECT current_user AS role, rolsuper AS superuser, rolcreaterole AS createrole, rolcreatedb AS createdb FROM pg_roles WHERE rolname = current_user`,
    );
    expect(rows).toEqual([{ role: APP_ROLE, superuser: false, createrole: false, createdb: false }]);
    expect(await appRoleProblems(APP_URL)).toEqual([]);
    for (const table of APPEND_ONLY_TABLES) {
      const { rows: privileges } = await app.query<{ privilege: string; held: boolean }>(
        `SELECT privilege, has_table_privilege($1, privilege) AS held FROM unnest(ARRAY['SELECT', 'INSERT', 'UPDATE', 'DELETE', 'TRUNCATE', 'TRIGGER', 'REFERENCES']) AS privilege`,
        [`public."${table}"`],
      );
      expect(privileges.filter((p) => p.held).map((p) => p.privilege), table).toEqual(['SELECT', 'INSERT']);
    }
    // Every table it works on it does not own.
    const { rows: owners } = await app.query<{ owner: string }>(
      `SELECT DISTINCT pg_get_userbyid(c.relowner) AS owner FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = 'public' AND c.relkind = 'r'`,
    );
    expect(owners).toEqual([{ owner: OWNER_ROLE }]);
  });

  it("refuses the probe's rewrite at its first step, and every other way round the history's safeguards", async () => {
    const attempts: [string, string, RegExp][] = [
      ['switch triggers off for the session', `SET LOCAL session_replication_role = replica`, /permission denied to set parameter/],
      ['rewrite a note', `UPDATE "HistoryEvent" SET note = 'rewritten' WHERE id = (SELECT max(id) FROM "HistoryEvent")`, /permission denied for table "?HistoryEvent"?/],
      ['delete an event', `DELETE FROM "HistoryEvent" WHERE id = (SELECT max(id) FROM "HistoryEvent")`, /permission denied for table "?HistoryEvent"?/],
      ['empty the history', `TRUNCATE "HistoryEvent"`, /permission denied for table "?HistoryEvent"?/],
      ['disable the append-only trigger', `ALTER TABLE "HistoryEvent" DISABLE TRIGGER history_event_no_update_or_delete`, /must be owner of table "?HistoryEvent"?/],
      ['drop the trigger', `DROP TRIGGER history_event_no_update_or_delete ON "HistoryEvent"`, /must be owner of (table|relation) "?HistoryEvent"?/],
      ['replace the trigger function', `CREATE OR REPLACE FUNCTION history_event_is_append_only() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RETURN NEW; END $$`, /must be owner of function|permission denied for schema public/],
      ['become the owner', `SET ROLE ${OWNER_ROLE}`, /permission denied to set role/],
      ['move the id sequence', `SELECT setval(pg_get_serial_sequence('"HistoryEvent"', 'id'), 1)`, /permission denied for sequence/],
      ['create a table', `CREATE TABLE saved_event (id int)`, /permission denied for schema public/],
      ['rewrite a comment', `UPDATE "Comment" SET body = 'rewritten'`, /permission denied for table "?Comment"?/],
      ['replace an evidence file', `UPDATE "EvidenceFile" SET content = 'x'`, /permission denied for table "?EvidenceFile"?/],
      ['read the migrations', `SELECT * FROM _prisma_migrations`, /permission denied for table "?_prisma_migrations"?/],
    ];
    for (const [what, sql, refusal] of attempts) expect(await asApp(sql), what).toMatch(refusal);
    // Controls: the app's own work still works.
    expect(await asApp(`INSERT INTO "SignInThrottle" (key) VALUES ('roles-test')`)).toBeNull();
    expect(await asApp(`UPDATE "User" SET "lastSignInAt" = now()`)).toBeNull();
    expect(await asApp(`SELECT count(*) FROM "HistoryEvent"`)).toBeNull();
    expect(await asApp(`SELECT history_chain_head()`)).toBeNull();
  });

  it('names what is wrong with a role that is not least privilege', async () => {
    const superuser = await appRoleProblems(SUPERUSER_URL);
    expect(superuser).toHaveLength(1);
    expect(superuser[0]).toMatch(/a superuser: it could switch off the history's safeguards/);
    const owner = await appRoleProblems(OWNER_URL);
    expect(owner[0]).toMatch(new RegExp(`connects as ${OWNER_ROLE}, which owns the tables`));
    expect(owner.join('\n')).toMatch(/UPDATE, DELETE, TRUNCATE, TRIGGER on "HistoryEvent"/);
  });
});

describe('a database made before the roles (everything owned by the superuser)', () => {
  it('is handed to the owner, migrated as the owner, and served as the app', { timeout: 120_000 }, async () => {
    const name = `legacy_${randomBytes(4).toString('hex')}`;
    const admin = new pg.Client({ connectionString: cluster.url('postgres') });
    await admin.connect();
    try {
      await admin.query(`CREATE DATABASE ${name}`);
      // As earlier versions did: migrated as the superuser.
      await migrateDeploy(cluster.url(name));
      const owners = async () => {
        const client = new pg.Client({ connectionString: cluster.url(name) });
        await client.connect();
        try {
          const { rows } = await client.query<{ owner: string }>(`
            SELECT DISTINCT pg_get_userbyid(owner) AS owner FROM (
              SELECT c.relowner AS owner FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = 'public'
              UNION ALL SELECT t.typowner FROM pg_type t JOIN pg_namespace n ON n.oid = t.typnamespace WHERE n.nspname = 'public'
              UNION ALL SELECT p.proowner FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace WHERE n.nspname = 'public'
              UNION ALL SELECT datdba FROM pg_database WHERE datname = current_database()) o`);
          return rows.map((row) => row.owner);
        } finally {
          await client.end();
        }
      };
      expect(await owners()).toEqual(['postgres']);

      await createDatabase(cluster, name);
      expect(await owners()).toEqual([OWNER_ROLE]);
      const urls = { ownerUrl: cluster.url(name, 'owner'), appUrl: cluster.url(name, 'app') };
      await migrateForApp(urls);
      expect(await appRoleProblems(urls.appUrl)).toEqual([]);
      // Twice changes nothing.
      await createDatabase(cluster, name);
      await migrateForApp(urls);
      expect(await appRoleProblems(urls.appUrl)).toEqual([]);

      const db = createPrismaClient(urls.appUrl, 1);
      try {
        expect(await seedDemoData(db)).toEqual({ created: true });
        expect(await db.historyEvent.count()).toBeGreaterThan(50);
      } finally {
        await db.$disconnect();
      }
    } finally {
      await dropDatabase(cluster, name);
      await admin.end();
    }
  });
});
