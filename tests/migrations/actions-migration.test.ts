// The actions migration (20261128150000_actions) on a database the previous
// version made: every recommendation becomes one with a single action that
// carries all that was the recommendation's, with the recommendation's id.
import { randomBytes } from 'node:crypto';
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const MIGRATIONS = path.join(process.cwd(), 'prisma', 'migrations');
const ACTIONS = '20261128150000_actions';

const name = `migrate_${randomBytes(6).toString('hex')}`;
const superuserUrl = new URL(process.env.TEST_SUPERUSER_DATABASE_URL!);
const databaseUrl = new URL(superuserUrl);
databaseUrl.pathname = `/${name}`;
let client: pg.Client;

async function migrationsBefore(last: string) {
  const names = (await readdir(MIGRATIONS, { withFileTypes: true })).filter((entry) => entry.isDirectory()).map((entry) => entry.name).sort();
  return names.filter((migration) => migration < last);
}

const apply = async (migration: string) => client.query(await readFile(path.join(MIGRATIONS, migration, 'migration.sql'), 'utf8'));

beforeAll(async () => {
  const admin = new pg.Client({ connectionString: superuserUrl.toString() });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  client = new pg.Client({ connectionString: databaseUrl.toString() });
  await client.connect();
  for (const migration of await migrationsBefore(ACTIONS)) await apply(migration);

  // What the previous version stored: two agencies, a lead officer, a review, two recommendations
  // (one with a moved due date, a RAG override, a progress note, evidence and a measure; one archived).
  await client.query(`
    INSERT INTO "Agency" (id, name, "shortName", "updatedAt") VALUES ('police', 'Greater Manchester Police', 'Police', now()), ('csc', 'Children''s social care', 'CSC', now());
    INSERT INTO "User" (id, email, name, role, "agencyId", "passwordHash", "updatedAt") VALUES ('lead', 'lead@x.test', 'Police lead', 'OWNER', 'police', 'x', now());
    INSERT INTO "Review" (id, title, kind, "commissioningBody", "updatedAt") VALUES ('review', 'A review', 'SERIOUS_CASE_REVIEW', 'Board', now());
    INSERT INTO "Recommendation" (id, "reviewId", reference, text, "ownerAgencyId", "leadOfficerId", "originalDueDate", "dueDate", "dueDateChangeReason",
      status, "statusChangedAt", "lastProgressAt", "progressNote", "ragOverride", "ragOverrideJustification", "ragOverrideById", "ragOverrideAt", version, "createdAt", "updatedAt")
    VALUES ('r1', 'review', 'R1', 'Brief every officer', 'police', 'lead', '2013-03-31', '2013-09-30', 'Training delayed',
      'IN_PROGRESS', '2013-01-10 09:00', '2013-02-01 10:00', 'Half briefed', 'AMBER', 'Agreed at the board', 'lead', '2013-02-02 10:00', 7, '2012-12-01 09:00', '2013-02-02 10:00');
    INSERT INTO "Recommendation" (id, "reviewId", reference, text, "ownerAgencyId", "originalDueDate", "dueDate", status, "archivedAt", "updatedAt")
    VALUES ('r2', 'review', 'R2', 'Withdrawn', 'csc', '2013-06-30', '2013-06-30', 'NOT_STARTED', '2013-01-01', now());
    INSERT INTO "Measure" (id, "recommendationId", name, unit, target, "currentValue", "updatedAt") VALUES ('m1', 'r1', 'Officers briefed', 'officers', 6000, 3000, now());
    INSERT INTO "Evidence" (id, "recommendationId", title, kind, url, "submittedById") VALUES ('e1', 'r1', 'Registers', 'TRAINING_RECORD', 'https://x.test', 'lead');
  `);
  await apply(ACTIONS);
});

afterAll(async () => {
  await client?.end();
  const admin = new pg.Client({ connectionString: superuserUrl.toString() });
  await admin.connect();
  await admin.query(`DROP DATABASE IF EXISTS ${name}`);
  await admin.end();
});

describe('the actions migration', () => {
  it("gives each recommendation one action, with the recommendation's id, carrying its owner, dates, status, note and RAG override", async () => {
    const { rows } = await client.query(`
      SELECT id, "recommendationId", reference, text, "ownerAgencyId", "leadOfficerId", to_char("originalDueDate", 'YYYY-MM-DD') AS "originalDueDate",
             to_char("dueDate", 'YYYY-MM-DD') AS "dueDate", "dueDateChangeReason", status::text, "statusChangedAt", "lastProgressAt", "progressNote",
             "ragOverride"::text, "ragOverrideJustification", "ragOverrideById", "archivedAt", version, "createdAt"
      FROM "Action" ORDER BY id`);
    expect(rows).toEqual([
      {
        id: 'r1',
        recommendationId: 'r1',
        reference: '1',
        text: null,
        ownerAgencyId: 'police',
        leadOfficerId: 'lead',
        originalDueDate: '2013-03-31',
        dueDate: '2013-09-30',
        dueDateChangeReason: 'Training delayed',
        status: 'IN_PROGRESS',
        statusChangedAt: new Date('2013-01-10T09:00:00'),
        lastProgressAt: new Date('2013-02-01T10:00:00'),
        progressNote: 'Half briefed',
        ragOverride: 'AMBER',
        ragOverrideJustification: 'Agreed at the board',
        ragOverrideById: 'lead',
        archivedAt: null,
        version: 1,
        createdAt: new Date('2012-12-01T09:00:00'),
      },
      expect.objectContaining({ id: 'r2', recommendationId: 'r2', reference: '1', ownerAgencyId: 'csc', status: 'NOT_STARTED', archivedAt: null }),
    ]);
  });

  it('hands the evidence and measures to that action, and keeps only rolled-up values on the recommendation', async () => {
    expect((await client.query('SELECT id, "actionId", "recommendationId" FROM "Evidence"')).rows).toEqual([{ id: 'e1', actionId: 'r1', recommendationId: 'r1' }]);
    expect((await client.query('SELECT id, "actionId", "recommendationId" FROM "Measure"')).rows).toEqual([{ id: 'm1', actionId: 'r1', recommendationId: 'r1' }]);
    const columns = await client.query(`SELECT column_name FROM information_schema.columns WHERE table_name = 'Recommendation'`);
    const names = columns.rows.map((row: { column_name: string }) => row.column_name);
    expect(names).toEqual(expect.arrayContaining(['status', 'dueDate', 'originalDueDate', 'ownerAgencyId', 'leadOfficerId', 'lastProgressAt']));
    expect(names).not.toEqual(expect.arrayContaining(['ragOverride']));
    expect(names.filter((column: string) => ['progressNote', 'dueDateChangeReason', 'ragOverrideJustification'].includes(column))).toEqual([]);
    // The recommendation's own row is otherwise untouched.
    expect((await client.query(`SELECT version, status::text FROM "Recommendation" WHERE id = 'r1'`)).rows).toEqual([{ version: 7, status: 'IN_PROGRESS' }]);
  });
});
