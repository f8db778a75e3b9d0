// Bulk-loads simulated partnerships into PostgreSQL: multi-row INSERTs from
// arrays (unnest), thousands of rows a statement, never through the app.
//
// History events are chained (lib/audit/chain.ts) in the order they happened
// across every partnership, as the app would have written them: each
// partnership's events go to an unlogged staging table first, then one pass
// reads them back in time order, gives them ids and hashes, and appends them
// to "HistoryEvent". Memory stays bounded: one partnership, or one batch of
// events, at a time.
import pg from 'pg';
import { type ChainContent, eventHash } from '@/lib/audit/chain';
import { hashPassword } from '@/lib/auth/password';
import { dayOf } from '@/lib/days';
import { BENCH_PASSWORD, type Partnership, type Row } from './simulate';

type Column = [name: string, type: string];

const TABLES: Record<Exclude<keyof Partnership, 'events'>, { table: string; columns: Column[] }> = {
  agencies: { table: 'Agency', columns: [['id', 'text'], ['name', 'text'], ['shortName', 'text'], ['isBoard', 'boolean'], ['createdAt', 'timestamp(3)'], ['updatedAt', 'timestamp(3)']] },
  users: { table: 'User', columns: [['id', 'text'], ['email', 'text'], ['name', 'text'], ['role', '"Role"'], ['agencyId', 'text'], ['passwordHash', 'text'], ['createdAt', 'timestamp(3)'], ['updatedAt', 'timestamp(3)']] },
  reviews: { table: 'Review', columns: [['id', 'text'], ['title', 'text'], ['kind', '"ReviewKind"'], ['commissioningBody', 'text'], ['publishedOn', 'date'], ['status', '"ReviewStatus"'], ['summary', 'text'], ['createdAt', 'timestamp(3)'], ['updatedAt', 'timestamp(3)']] },
  findings: { table: 'Finding', columns: [['id', 'text'], ['reviewId', 'text'], ['reference', 'text'], ['text', 'text'], ['theme', 'text'], ['severity', '"Severity"'], ['createdAt', 'timestamp(3)'], ['updatedAt', 'timestamp(3)']] },
  recommendations: {
    table: 'Recommendation',
    // Owner, dates, status and progress times: its actions' rolled up.
    columns: [
      ['id', 'text'], ['reviewId', 'text'], ['reference', 'text'], ['text', 'text'], ['response', '"ResponseKind"'], ['ownerAgencyId', 'text'], ['leadOfficerId', 'text'],
      ['priority', '"Priority"'], ['originalDueDate', 'date'], ['dueDate', 'date'], ['status', '"RecommendationStatus"'], ['statusChangedAt', 'timestamp(3)'],
      ['lastProgressAt', 'timestamp(3)'], ['version', 'integer'], ['createdAt', 'timestamp(3)'], ['updatedAt', 'timestamp(3)'],
    ],
  },
  actions: {
    table: 'Action',
    columns: [
      ['id', 'text'], ['recommendationId', 'text'], ['reference', 'text'], ['text', 'text'], ['ownerAgencyId', 'text'], ['leadOfficerId', 'text'],
      ['originalDueDate', 'date'], ['dueDate', 'date'], ['dueDateChangeReason', 'text'], ['status', '"RecommendationStatus"'], ['statusChangedAt', 'timestamp(3)'],
      ['lastProgressAt', 'timestamp(3)'], ['progressNote', 'text'], ['ragOverride', '"Rag"'], ['ragOverrideJustification', 'text'], ['ragOverrideById', 'text'],
      ['ragOverrideAt', 'timestamp(3)'], ['archivedAt', 'timestamp(3)'], ['version', 'integer'], ['createdAt', 'timestamp(3)'], ['updatedAt', 'timestamp(3)'],
    ],
  },
  links: { table: '_FindingToRecommendation', columns: [['A', 'text'], ['B', 'text']] },
  measures: { table: 'Measure', columns: [['id', 'text'], ['recommendationId', 'text'], ['actionId', 'text'], ['name', 'text'], ['unit', 'text'], ['target', 'numeric'], ['currentValue', 'numeric'], ['version', 'integer'], ['createdAt', 'timestamp(3)'], ['updatedAt', 'timestamp(3)']] },
  evidence: { table: 'Evidence', columns: [['id', 'text'], ['recommendationId', 'text'], ['actionId', 'text'], ['title', 'text'], ['description', 'text'], ['kind', '"EvidenceKind"'], ['submittedById', 'text'], ['submittedAt', 'timestamp(3)'], ['assessment', '"Assessment"'], ['assessedById', 'text'], ['assessedAt', 'timestamp(3)'], ['version', 'integer']] },
  files: { table: 'EvidenceFile', columns: [['id', 'text'], ['evidenceId', 'text'], ['fileName', 'text'], ['mediaType', 'text'], ['size', 'integer'], ['sha256', 'text'], ['content', 'bytea'], ['createdAt', 'timestamp(3)']] },
  comments: { table: 'Comment', columns: [['id', 'text'], ['recommendationId', 'text'], ['authorId', 'text'], ['body', 'text'], ['createdAt', 'timestamp(3)']] },
};

/** The event content columns, as in "HistoryEvent" (ids and hashes are added when chaining). */
const CONTENT_COLUMNS: Column[] = [
  ['occurredAt', 'timestamp(3)'], ['actorId', 'text'], ['subjectType', 'text'], ['subjectId', 'text'], ['subjectVersion', 'integer'], ['kind', 'text'],
  ['before', 'jsonb'], ['after', 'jsonb'], ['note', 'text'], ['reviewId', 'text'], ['recommendationId', 'text'],
];
const STAGING = 'bench_event_staging';
const STAGING_COLUMNS: Column[] = [['seq', 'bigint'], ...CONTENT_COLUMNS];
const EVENT_COLUMNS: Column[] = [['id', 'integer'], ...CONTENT_COLUMNS, ['prevHash', 'text'], ['hash', 'text']];

const BATCH = 5000;
/** Events of partnership i get staging sequence numbers from i * SEQ_BLOCK: ties in time keep partnership order, then creation order. */
const SEQ_BLOCK = 100_000_000;

/** UTC, as Prisma reads timestamp(3) (pg's default would read it as local time); dates stay text (YYYY-MM-DD). */
function utcTimestamp(text: string) {
  return new Date(`${text.replace(' ', 'T')}Z`);
}

export function benchPgClient(connectionString: string) {
  return new pg.Client({
    connectionString,
    types: {
      getTypeParser: ((oid: number, format?: 'text' | 'binary') =>
        oid === pg.types.builtins.TIMESTAMP
          ? utcTimestamp
          : oid === pg.types.builtins.DATE
            ? (text: string) => text
            : pg.types.getTypeParser(oid, format)) as typeof pg.types.getTypeParser,
    },
  });
}

async function insert(client: pg.Client, table: string, columns: Column[], rows: Row[]) {
  for (let start = 0; start < rows.length; start += BATCH) {
    const batch = rows.slice(start, start + BATCH);
    const arrays = columns.map(([name, type]) =>
      batch.map((row) => {
        const value = row[name];
        if (value === undefined || value === null) return null;
        if (type === 'jsonb' && typeof value !== 'string') return JSON.stringify(value);
        // As text (pg would send local time): timestamps in UTC as Prisma stores them, dates as the day they hold.
        if (value instanceof Date) return type === 'date' ? dayOf(value) : value.toISOString().replace('Z', '');
        return value;
      }),
    );
    // bytea and enums travel as text arrays and are cast on the server.
    const selects = columns.map(([, type], i) => {
      const arrayType = type === 'bytea' ? 'bytea[]' : type.startsWith('"') || type === 'jsonb' ? 'text[]' : `${type}[]`;
      return `$${i + 1}::${arrayType}`;
    });
    const casts = columns.map(([name, type]) => (type.startsWith('"') || type === 'jsonb' ? `"${name}"::${type}` : `"${name}"`));
    await client.query(
      `INSERT INTO "${table}" (${columns.map(([n]) => `"${n}"`).join(', ')})
       SELECT ${casts.join(', ')} FROM unnest(${selects.join(', ')}) AS t(${columns.map(([n]) => `"${n}"`).join(', ')})`,
      arrays,
    );
  }
}

export type LoadState = { partnerships: number; stagedEvents: number; passwordHash?: string };

/** Creates the staging table for events (unlogged: it is dropped once the events are chained). */
export async function startLoad(client: pg.Client): Promise<LoadState> {
  await client.query(`DROP TABLE IF EXISTS ${STAGING}`);
  await client.query(
    `CREATE UNLOGGED TABLE ${STAGING} (${STAGING_COLUMNS.map(([name, type]) => `"${name}" ${type.startsWith('"') ? 'text' : type}`).join(', ')})`,
  );
  return { partnerships: 0, stagedEvents: 0 };
}

/** Loads one partnership's rows, and stages its events for chaining. */
export async function loadPartnership(client: pg.Client, data: Partnership, index: number, state: LoadState) {
  state.passwordHash ??= await hashPassword(BENCH_PASSWORD);
  const users = data.users.map((user) => ({ ...user, passwordHash: state.passwordHash }));
  for (const key of Object.keys(TABLES) as (keyof typeof TABLES)[]) {
    const { table, columns } = TABLES[key];
    await insert(client, table, columns, key === 'users' ? users : data[key]);
  }
  const staged = data.events.map((event, i) => ({ ...event, seq: index * SEQ_BLOCK + i }));
  await insert(client, STAGING, STAGING_COLUMNS, staged);
  state.partnerships++;
  state.stagedEvents += staged.length;
}

type StagedRow = {
  ms: string;
  actorId: string | null;
  subjectType: string;
  subjectId: string;
  subjectVersion: number | null;
  kind: string;
  before: string | null;
  after: string | null;
  note: string | null;
  reviewId: string | null;
  recommendationId: string | null;
};

/**
 * Gives the staged events ids in the order they happened and appends them
 * to "HistoryEvent", each hashed onto the one before (the first onto
 * `prevHash`, null for an empty history). Returns the last id and hash.
 */
export async function chainStagedEvents(client: pg.Client, options: { firstId?: number; prevHash?: string | null; log?: (m: string) => void } = {}) {
  let id = options.firstId ?? 1;
  let prevHash = options.prevHash ?? null;
  const cursor = 'bench_staged_events';
  await client.query(
    `DECLARE ${cursor} NO SCROLL CURSOR FOR
       SELECT (extract(epoch FROM "occurredAt") * 1000)::bigint AS ms, "actorId", "subjectType", "subjectId", "subjectVersion", kind,
              "before"::text AS "before", "after"::text AS "after", note, "reviewId", "recommendationId"
       FROM ${STAGING} ORDER BY "occurredAt", seq`,
  );
  let done = 0;
  for (;;) {
    const { rows } = await client.query<StagedRow>(`FETCH ${BATCH * 2} FROM ${cursor}`);
    if (rows.length === 0) break;
    const events: Row[] = [];
    for (const row of rows) {
      const content: ChainContent = {
        occurredAt: new Date(Number(row.ms)),
        actorId: row.actorId,
        subjectType: row.subjectType,
        subjectId: row.subjectId,
        subjectVersion: row.subjectVersion,
        kind: row.kind,
        // As the app reads them back: jsonb parsed.
        before: row.before === null ? null : JSON.parse(row.before),
        after: row.after === null ? null : JSON.parse(row.after),
        note: row.note,
        reviewId: row.reviewId,
        recommendationId: row.recommendationId,
      };
      const hash = eventHash(prevHash, content);
      events.push({ ...content, before: row.before, after: row.after, id: id++, prevHash, hash });
      prevHash = hash;
    }
    await insert(client, 'HistoryEvent', EVENT_COLUMNS, events);
    done += rows.length;
    if (options.log && done % 200_000 < BATCH * 2) options.log(`  chained ${done} events`);
  }
  await client.query(`CLOSE ${cursor}`);
  await client.query(`DROP TABLE ${STAGING}`);
  return { lastId: id - 1, lastHash: prevHash, count: done };
}

/**
 * Runs `task` with a table's secondary indexes (not its primary key) dropped,
 * then builds them again from their own definitions: a bulk load then builds
 * each index once instead of updating it a million times.
 */
export async function withoutSecondaryIndexes<T>(client: pg.Client, table: string, task: () => Promise<T>): Promise<T> {
  const { rows } = await client.query<{ name: string; definition: string }>(
    `SELECT i.indexname AS name, i.indexdef AS definition FROM pg_indexes i
     WHERE i.schemaname = current_schema() AND i.tablename = $1
       AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conname = i.indexname)`,
    [table],
  );
  for (const { name } of rows) await client.query(`DROP INDEX ${pg.escapeIdentifier(name)}`);
  const result = await task();
  for (const { definition } of rows) await client.query(definition);
  return result;
}
