// Checks that generated data tells one story: every current value is what
// its history says it is (set-based SQL over every row), the app's own
// report replay arrives at the current rows (for a sample of reviews), and
// the counts are what the scale promises.
import pg from 'pg';
import { dayOf } from '@/lib/days';
import { type ReportEvent, replay } from '@/lib/reports/replay';
import { benchPgClient } from './load';

export type Counts = {
  agencies: number;
  users: number;
  reviews: number;
  findings: number;
  recommendations: number;
  measures: number;
  evidence: number;
  evidenceFiles: number;
  comments: number;
  events: number;
};

export async function countRows(client: pg.Client): Promise<Counts> {
  const { rows } = await client.query(
    `SELECT (SELECT count(*) FROM "Agency")::int AS agencies, (SELECT count(*) FROM "User")::int AS users,
            (SELECT count(*) FROM "Review")::int AS reviews, (SELECT count(*) FROM "Finding")::int AS findings,
            (SELECT count(*) FROM "Recommendation")::int AS recommendations, (SELECT count(*) FROM "Measure")::int AS measures,
            (SELECT count(*) FROM "Evidence")::int AS evidence, (SELECT count(*) FROM "EvidenceFile")::int AS "evidenceFiles",
            (SELECT count(*) FROM "Comment")::int AS comments, (SELECT count(*) FROM "HistoryEvent")::int AS events`,
  );
  return rows[0] as Counts;
}

/** Each query returns the ids of rows whose current value differs from what the history says. */
const CHECKS: Record<string, string> = {
  'recommendation version = its last subjectVersion = 1 + its versioned changes': `
    SELECT r.id FROM "Recommendation" r
    LEFT JOIN (SELECT "subjectId", max("subjectVersion") AS last, count(DISTINCT "subjectVersion") AS n FROM "HistoryEvent"
               WHERE "subjectType" = 'recommendation' GROUP BY 1) e ON e."subjectId" = r.id
    WHERE e.last IS DISTINCT FROM r.version OR e.n IS DISTINCT FROM r.version::bigint`,
  'recommendation status = the last status in its history': `
    SELECT r.id FROM "Recommendation" r
    LEFT JOIN (SELECT DISTINCT ON ("subjectId") "subjectId", "after"->>'status' AS status FROM "HistoryEvent"
               WHERE kind IN ('recommendation.created', 'recommendation.status_changed') ORDER BY "subjectId", id DESC) e ON e."subjectId" = r.id
    WHERE e.status IS DISTINCT FROM r.status::text`,
  'recommendation statusChangedAt = its last status change (or creation)': `
    SELECT r.id FROM "Recommendation" r
    LEFT JOIN (SELECT DISTINCT ON ("subjectId") "subjectId", "occurredAt" FROM "HistoryEvent"
               WHERE kind IN ('recommendation.created', 'recommendation.status_changed') ORDER BY "subjectId", id DESC) e ON e."subjectId" = r.id
    WHERE e."occurredAt" IS DISTINCT FROM r."statusChangedAt"`,
  'recommendation due dates = its history': `
    SELECT r.id FROM "Recommendation" r
    LEFT JOIN (SELECT DISTINCT ON ("subjectId") "subjectId", ("after"->>'dueDate')::timestamp::date AS due FROM "HistoryEvent"
               WHERE kind IN ('recommendation.created', 'recommendation.due_date_changed') ORDER BY "subjectId", id DESC) e ON e."subjectId" = r.id
    LEFT JOIN (SELECT "subjectId", ("after"->>'originalDueDate')::timestamp::date AS original FROM "HistoryEvent"
               WHERE kind = 'recommendation.created') c ON c."subjectId" = r.id
    WHERE e.due IS DISTINCT FROM r."dueDate" OR c.original IS DISTINCT FROM r."originalDueDate"`,
  'recommendation progress note = the last note of a status change or progress update': `
    SELECT r.id FROM "Recommendation" r
    LEFT JOIN (SELECT DISTINCT ON ("subjectId") "subjectId", note FROM "HistoryEvent"
               WHERE kind IN ('recommendation.status_changed', 'recommendation.progress_updated') ORDER BY "subjectId", id DESC) e ON e."subjectId" = r.id
    WHERE e.note IS DISTINCT FROM r."progressNote"`,
  'recommendation lastProgressAt = its last update of substance': `
    SELECT r.id FROM "Recommendation" r
    LEFT JOIN (SELECT "recommendationId", max("occurredAt") AS at FROM "HistoryEvent"
               WHERE kind IN ('recommendation.created', 'recommendation.status_changed', 'recommendation.progress_updated', 'measure.updated', 'evidence.submitted')
               GROUP BY 1) e ON e."recommendationId" = r.id
    WHERE e.at IS DISTINCT FROM r."lastProgressAt"`,
  'measure version and current value = its history': `
    SELECT m.id FROM "Measure" m
    LEFT JOIN (SELECT DISTINCT ON ("subjectId") "subjectId", "subjectVersion" AS version, coalesce(("after"->>'currentValue')::numeric, 0) AS value
               FROM "HistoryEvent" WHERE "subjectType" = 'measure' ORDER BY "subjectId", id DESC) e ON e."subjectId" = m.id
    WHERE e.version IS DISTINCT FROM m.version OR e.value IS DISTINCT FROM m."currentValue"`,
  'evidence version and assessment = its history': `
    SELECT v.id FROM "Evidence" v
    LEFT JOIN (SELECT DISTINCT ON ("subjectId") "subjectId", "subjectVersion" AS version, coalesce("after"->>'assessment', 'PENDING') AS assessment
               FROM "HistoryEvent" WHERE "subjectType" = 'evidence' ORDER BY "subjectId", id DESC) e ON e."subjectId" = v.id
    WHERE e.version IS DISTINCT FROM v.version OR e.assessment IS DISTINCT FROM v.assessment::text`,
  'every comment has its one event, by its author': `
    SELECT c.id FROM "Comment" c
    LEFT JOIN (SELECT "subjectId", count(*) AS n, min("actorId") AS actor FROM "HistoryEvent" WHERE kind = 'comment.added' GROUP BY 1) e ON e."subjectId" = c.id
    WHERE e.n IS DISTINCT FROM 1 OR e.actor IS DISTINCT FROM c."authorId"`,
  'event ids follow time (the chain is in the order things happened)': `
    SELECT id::text FROM (SELECT id, "occurredAt", lag("occurredAt") OVER (ORDER BY id) AS previous FROM "HistoryEvent") e
    WHERE e."occurredAt" < e.previous`,
};

export type Coherence = { ok: boolean; checks: { name: string; failing: number; examples: string[] }[] };

/** Runs every check; a failing check lists up to five of its rows. */
export async function checkCoherence(databaseUrl: string, options: { replayReviews?: number } = {}): Promise<Coherence> {
  const client = benchPgClient(databaseUrl);
  await client.connect();
  try {
    const checks: Coherence['checks'] = [];
    for (const [name, sql] of Object.entries(CHECKS)) {
      const { rows } = await client.query<{ id: string }>(`SELECT id FROM (${sql}) AS failing`);
      checks.push({ name, failing: rows.length, examples: rows.slice(0, 5).map((row) => row.id) });
    }
    checks.push(await checkReplay(client, options.replayReviews ?? 20));
    return { ok: checks.every((check) => check.failing === 0), checks };
  } finally {
    await client.end();
  }
}

/** The report's replay (lib/reports/replay.ts) of every event of a sample of reviews gives the current rows. */
async function checkReplay(client: pg.Client, reviewCount: number) {
  const name = `the report's replay of history gives the current rows (${reviewCount} reviews, spread evenly)`;
  const { rows: reviews } = await client.query<{ id: string }>(
    `SELECT id FROM (SELECT id, row_number() OVER (ORDER BY id) AS n, count(*) OVER () AS total FROM "Review") r
     WHERE (n - 1) % greatest(1, total / $1) = 0 ORDER BY n LIMIT $1`,
    [reviewCount],
  );
  const failing: string[] = [];
  for (const { id } of reviews) {
    const { rows: events } = await client.query<ReportEvent>(
      `SELECT id, "occurredAt", kind, "subjectId", "reviewId", "recommendationId", "actorId", "before", "after", note
       FROM "HistoryEvent" WHERE "reviewId" = $1 AND "subjectType" IN ('recommendation', 'measure', 'evidence') ORDER BY id`,
      [id],
    );
    const state = replay(events, new Date(8.64e15));
    const { rows: recommendations } = await client.query(
      `SELECT id, status::text AS status, "dueDate", "originalDueDate", "lastProgressAt", "progressNote", priority::text AS priority,
              "ownerAgencyId", "leadOfficerId", reference, text
       FROM "Recommendation" WHERE "reviewId" = $1`,
      [id],
    );
    if (recommendations.length !== state.recommendations.size) failing.push(`${id}: ${state.recommendations.size} replayed, ${recommendations.length} stored`);
    for (const row of recommendations) {
      const replayed = state.recommendations.get(row.id);
      const same =
        replayed &&
        replayed.status === row.status &&
        // benchPgClient reads a `date` column as its day ('YYYY-MM-DD').
        dayOf(replayed.dueDate) === row.dueDate &&
        dayOf(replayed.originalDueDate) === row.originalDueDate &&
        replayed.lastProgressAt.getTime() === row.lastProgressAt.getTime() &&
        replayed.latestNote === row.progressNote &&
        replayed.priority === row.priority &&
        replayed.ownerAgencyId === row.ownerAgencyId &&
        replayed.leadOfficerId === row.leadOfficerId &&
        replayed.reference === row.reference &&
        replayed.text === row.text;
      if (!same) failing.push(row.id);
    }
    const { rows: measures } = await client.query(
      `SELECT m.id, m."currentValue"::float8 AS value, m.target::float8 AS target FROM "Measure" m JOIN "Recommendation" r ON r.id = m."recommendationId" WHERE r."reviewId" = $1`,
      [id],
    );
    for (const row of measures) {
      const replayed = state.measures.get(row.id);
      if (!replayed || replayed.currentValue !== row.value || replayed.target !== row.target) failing.push(row.id);
    }
    const { rows: evidence } = await client.query(
      `SELECT v.id, v.assessment::text AS assessment, v."submittedAt" FROM "Evidence" v JOIN "Recommendation" r ON r.id = v."recommendationId" WHERE r."reviewId" = $1`,
      [id],
    );
    for (const row of evidence) {
      const replayed = state.evidence.get(row.id);
      if (!replayed || replayed.assessment !== row.assessment || replayed.submittedAt.getTime() !== row.submittedAt.getTime()) failing.push(row.id);
    }
  }
  return { name, failing: failing.length, examples: failing.slice(0, 5) };
}
