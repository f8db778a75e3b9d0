// Checks that generated data tells one story: every current value is what
// its history says it is (set-based SQL over every row), every
// recommendation's owner, dates and status are its live actions' rolled up
// (lib/actions/roll-up.ts), the app's own report replay arrives at the
// current rows (for a sample of reviews), and the counts are what the scale
// promises.
import pg from 'pg';
import { type ActionForRollUp, rollUp } from '@/lib/actions/roll-up';
import { dayOf, storedDate } from '@/lib/days';
import { type ReportEvent, replay } from '@/lib/reports/replay';
import { benchPgClient } from './load';

export type Counts = {
  agencies: number;
  users: number;
  reviews: number;
  findings: number;
  recommendations: number;
  actions: number;
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
            (SELECT count(*) FROM "Recommendation")::int AS recommendations, (SELECT count(*) FROM "Action")::int AS actions,
            (SELECT count(*) FROM "Measure")::int AS measures,
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
  'action version = its last subjectVersion = 1 + its versioned changes': `
    SELECT a.id FROM "Action" a
    LEFT JOIN (SELECT "subjectId", max("subjectVersion") AS last, count(DISTINCT "subjectVersion") AS n FROM "HistoryEvent"
               WHERE "subjectType" = 'action' GROUP BY 1) e ON e."subjectId" = a.id
    WHERE e.last IS DISTINCT FROM a.version OR e.n IS DISTINCT FROM a.version::bigint`,
  'action reference, text, owner agency and lead officer = its history': `
    SELECT a.id FROM "Action" a
    LEFT JOIN (SELECT "subjectId", "after" FROM "HistoryEvent" WHERE kind = 'action.created') c ON c."subjectId" = a.id
    LEFT JOIN (SELECT DISTINCT ON ("subjectId") "subjectId", "after"->>'reference' AS reference FROM "HistoryEvent"
               WHERE kind = 'action.updated' AND "after" ? 'reference' ORDER BY "subjectId", id DESC) ur ON ur."subjectId" = a.id
    LEFT JOIN (SELECT DISTINCT ON ("subjectId") "subjectId", "after" FROM "HistoryEvent"
               WHERE kind = 'action.updated' AND "after" ? 'text' ORDER BY "subjectId", id DESC) ut ON ut."subjectId" = a.id
    LEFT JOIN (SELECT DISTINCT ON ("subjectId") "subjectId", "after" FROM "HistoryEvent"
               WHERE kind = 'action.updated' AND "after" ? 'ownerAgencyId' ORDER BY "subjectId", id DESC) uo ON uo."subjectId" = a.id
    WHERE c."subjectId" IS NULL
       OR coalesce(ur.reference, c."after"->>'reference') IS DISTINCT FROM a.reference
       OR coalesce(ut."after", c."after")->>'text' IS DISTINCT FROM a.text
       OR coalesce(uo."after", c."after")->>'ownerAgencyId' IS DISTINCT FROM a."ownerAgencyId"
       OR coalesce(uo."after", c."after")->>'leadOfficerId' IS DISTINCT FROM a."leadOfficerId"`,
  'action status = the last status in its history': `
    SELECT a.id FROM "Action" a
    LEFT JOIN (SELECT DISTINCT ON ("subjectId") "subjectId", "after"->>'status' AS status FROM "HistoryEvent"
               WHERE kind IN ('action.created', 'action.status_changed') ORDER BY "subjectId", id DESC) e ON e."subjectId" = a.id
    WHERE e.status IS DISTINCT FROM a.status::text`,
  'action statusChangedAt = its last status change (or creation)': `
    SELECT a.id FROM "Action" a
    LEFT JOIN (SELECT DISTINCT ON ("subjectId") "subjectId", "occurredAt" FROM "HistoryEvent"
               WHERE kind IN ('action.created', 'action.status_changed') ORDER BY "subjectId", id DESC) e ON e."subjectId" = a.id
    WHERE e."occurredAt" IS DISTINCT FROM a."statusChangedAt"`,
  'action due dates and the reason for the last move = its history': `
    SELECT a.id FROM "Action" a
    LEFT JOIN (SELECT DISTINCT ON ("subjectId") "subjectId", ("after"->>'dueDate')::timestamp::date AS due,
                      CASE WHEN kind = 'action.due_date_changed' THEN note END AS reason FROM "HistoryEvent"
               WHERE kind IN ('action.created', 'action.due_date_changed') ORDER BY "subjectId", id DESC) e ON e."subjectId" = a.id
    LEFT JOIN (SELECT "subjectId", ("after"->>'originalDueDate')::timestamp::date AS original FROM "HistoryEvent"
               WHERE kind = 'action.created') c ON c."subjectId" = a.id
    WHERE e.due IS DISTINCT FROM a."dueDate" OR c.original IS DISTINCT FROM a."originalDueDate" OR e.reason IS DISTINCT FROM a."dueDateChangeReason"`,
  'action progress note = the last note of a status change or progress update': `
    SELECT a.id FROM "Action" a
    LEFT JOIN (SELECT DISTINCT ON ("subjectId") "subjectId", note FROM "HistoryEvent"
               WHERE kind IN ('action.status_changed', 'action.progress_updated') ORDER BY "subjectId", id DESC) e ON e."subjectId" = a.id
    WHERE e.note IS DISTINCT FROM a."progressNote"`,
  'action lastProgressAt = its last update of substance (status, note, its measures, its evidence)': `
    SELECT a.id FROM "Action" a
    LEFT JOIN (
      SELECT "subjectId" AS "actionId", max("occurredAt") AS at FROM "HistoryEvent"
      WHERE kind IN ('action.created', 'action.status_changed', 'action.progress_updated') GROUP BY 1
      UNION ALL
      SELECT m."actionId", max(e."occurredAt") FROM "HistoryEvent" e JOIN "Measure" m ON m.id = e."subjectId" WHERE e.kind = 'measure.updated' GROUP BY 1
      UNION ALL
      SELECT "after"->>'actionId', max("occurredAt") FROM "HistoryEvent" WHERE kind = 'evidence.submitted' GROUP BY 1
    ) e ON e."actionId" = a.id
    GROUP BY a.id, a."lastProgressAt"
    HAVING max(e.at) IS DISTINCT FROM a."lastProgressAt"`,
  'action RAG override = its last override or withdrawal': `
    SELECT a.id FROM "Action" a
    LEFT JOIN (SELECT DISTINCT ON ("subjectId") "subjectId", "after"->>'rating' AS rating, "after"->>'justification' AS justification, "actorId", "occurredAt" FROM "HistoryEvent"
               WHERE kind IN ('action.rag_overridden', 'action.rag_override_withdrawn') ORDER BY "subjectId", id DESC) e ON e."subjectId" = a.id
    WHERE e.rating IS DISTINCT FROM a."ragOverride"::text OR e.justification IS DISTINCT FROM a."ragOverrideJustification"
       OR (a."ragOverride" IS NOT NULL AND (e."actorId" IS DISTINCT FROM a."ragOverrideById" OR e."occurredAt" IS DISTINCT FROM a."ragOverrideAt"))
       OR (a."ragOverride" IS NULL AND (a."ragOverrideById" IS NOT NULL OR a."ragOverrideAt" IS NOT NULL))`,
  'measure and evidence belong to the action their history names': `
    SELECT m.id FROM "Measure" m
    LEFT JOIN (SELECT "subjectId", "after"->>'actionId' AS action FROM "HistoryEvent" WHERE kind = 'measure.created') e ON e."subjectId" = m.id
    JOIN "Action" a ON a.id = m."actionId"
    WHERE e.action IS DISTINCT FROM m."actionId" OR a."recommendationId" <> m."recommendationId"
    UNION ALL
    SELECT v.id FROM "Evidence" v
    LEFT JOIN (SELECT "subjectId", "after"->>'actionId' AS action FROM "HistoryEvent" WHERE kind = 'evidence.submitted') e ON e."subjectId" = v.id
    JOIN "Action" a ON a.id = v."actionId"
    WHERE e.action IS DISTINCT FROM v."actionId" OR a."recommendationId" <> v."recommendationId"`,
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
    checks.push(await checkRollUp(client));
    checks.push(await checkReplay(client, options.replayReviews ?? 20));
    return { ok: checks.every((check) => check.failing === 0), checks };
  } finally {
    await client.end();
  }
}

/** A `date` column as benchPgClient reads it ('YYYY-MM-DD'), as Prisma gives it (midnight UTC). */
const dateOf = (text: string) => storedDate(text);

/** Every live recommendation's owner, lead, dates, status and progress times are `rollUp` of its live actions. */
async function checkRollUp(client: pg.Client) {
  const name = 'recommendation owner, lead, dates, status and progress times = rollUp of its live actions (lib/actions/roll-up.ts)';
  const { rows: actions } = await client.query<{
    recommendationId: string;
    reference: string;
    status: ActionForRollUp['status'];
    ownerAgencyId: string;
    leadOfficerId: string | null;
    dueDate: string;
    originalDueDate: string;
    statusChangedAt: Date;
    lastProgressAt: Date;
  }>(
    `SELECT "recommendationId", reference, status::text AS status, "ownerAgencyId", "leadOfficerId", "dueDate", "originalDueDate", "statusChangedAt", "lastProgressAt"
     FROM "Action" WHERE "archivedAt" IS NULL`,
  );
  const byRecommendation = new Map<string, ActionForRollUp[]>();
  for (const row of actions) {
    const list = byRecommendation.get(row.recommendationId) ?? [];
    list.push({ ...row, dueDate: dateOf(row.dueDate), originalDueDate: dateOf(row.originalDueDate) });
    byRecommendation.set(row.recommendationId, list);
  }
  const { rows: recommendations } = await client.query<{
    id: string;
    status: string;
    ownerAgencyId: string;
    leadOfficerId: string | null;
    dueDate: string;
    originalDueDate: string;
    statusChangedAt: Date;
    lastProgressAt: Date;
  }>(
    `SELECT id, status::text AS status, "ownerAgencyId", "leadOfficerId", "dueDate", "originalDueDate", "statusChangedAt", "lastProgressAt"
     FROM "Recommendation" WHERE "archivedAt" IS NULL`,
  );
  const failing: string[] = [];
  for (const row of recommendations) {
    const rolled = rollUp(byRecommendation.get(row.id) ?? []);
    const same =
      rolled !== null &&
      rolled.status === row.status &&
      rolled.ownerAgencyId === row.ownerAgencyId &&
      rolled.leadOfficerId === row.leadOfficerId &&
      dayOf(rolled.dueDate) === row.dueDate &&
      dayOf(rolled.originalDueDate) === row.originalDueDate &&
      rolled.statusChangedAt.getTime() === row.statusChangedAt.getTime() &&
      rolled.lastProgressAt.getTime() === row.lastProgressAt.getTime();
    if (!same) failing.push(row.id);
  }
  return { name, failing: failing.length, examples: failing.slice(0, 5) };
}

/** The report's replay (lib/reports/replay.ts) of every event of a sample of reviews gives the current rows. */
async function checkReplay(client: pg.Client, reviewCount: number) {
  const name = `the report's replay of history gives the current rows, actions and their roll-up included (${reviewCount} reviews, spread evenly)`;
  const { rows: reviews } = await client.query<{ id: string }>(
    `SELECT id FROM (SELECT id, row_number() OVER (ORDER BY id) AS n, count(*) OVER () AS total FROM "Review") r
     WHERE (n - 1) % greatest(1, total / $1) = 0 ORDER BY n LIMIT $1`,
    [reviewCount],
  );
  const failing: string[] = [];
  for (const { id } of reviews) {
    const { rows: events } = await client.query<ReportEvent>(
      `SELECT id, "occurredAt", kind, "subjectId", "reviewId", "recommendationId", "actorId", "before", "after", note
       FROM "HistoryEvent" WHERE "reviewId" = $1 AND "subjectType" IN ('recommendation', 'action', 'measure', 'evidence') ORDER BY id`,
      [id],
    );
    const state = replay(events, new Date(8.64e15));
    const { rows: recommendations } = await client.query(
      `SELECT id, status::text AS status, "dueDate", "originalDueDate", "statusChangedAt", "lastProgressAt", priority::text AS priority,
              "ownerAgencyId", "leadOfficerId", reference, text, version
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
        replayed.statusChangedAt.getTime() === row.statusChangedAt.getTime() &&
        replayed.lastProgressAt.getTime() === row.lastProgressAt.getTime() &&
        replayed.priority === row.priority &&
        replayed.ownerAgencyId === row.ownerAgencyId &&
        replayed.leadOfficerId === row.leadOfficerId &&
        replayed.reference === row.reference &&
        replayed.text === row.text &&
        replayed.version === row.version;
      if (!same) failing.push(row.id);
    }
    const { rows: actions } = await client.query(
      `SELECT a.id, a."recommendationId", a.reference, a.text, a.status::text AS status, a."ownerAgencyId", a."leadOfficerId", a."dueDate", a."originalDueDate",
              a."dueDateChangeReason", a."statusChangedAt", a."lastProgressAt", a."progressNote", a."ragOverride"::text AS "ragOverride", a."archivedAt", a.version
       FROM "Action" a JOIN "Recommendation" r ON r.id = a."recommendationId" WHERE r."reviewId" = $1`,
      [id],
    );
    const replayedActions = [...state.actions.values()].filter((action) => state.recommendations.has(action.recommendationId));
    if (actions.length !== replayedActions.length) failing.push(`${id}: ${replayedActions.length} actions replayed, ${actions.length} stored`);
    for (const row of actions) {
      const replayed = state.actions.get(row.id);
      const same =
        replayed &&
        replayed.recommendationId === row.recommendationId &&
        replayed.reference === row.reference &&
        replayed.text === row.text &&
        replayed.status === row.status &&
        replayed.ownerAgencyId === row.ownerAgencyId &&
        replayed.leadOfficerId === row.leadOfficerId &&
        dayOf(replayed.dueDate) === row.dueDate &&
        dayOf(replayed.originalDueDate) === row.originalDueDate &&
        replayed.dueDateChangeReason === row.dueDateChangeReason &&
        replayed.statusChangedAt.getTime() === row.statusChangedAt.getTime() &&
        replayed.lastProgressAt.getTime() === row.lastProgressAt.getTime() &&
        replayed.latestNote === row.progressNote &&
        replayed.ragOverride === row.ragOverride &&
        replayed.archived === (row.archivedAt !== null) &&
        replayed.version === row.version;
      if (!same) failing.push(row.id);
    }
    const { rows: measures } = await client.query(
      `SELECT m.id, m."actionId", m."currentValue"::float8 AS value, m.target::float8 AS target FROM "Measure" m JOIN "Recommendation" r ON r.id = m."recommendationId" WHERE r."reviewId" = $1`,
      [id],
    );
    for (const row of measures) {
      const replayed = state.measures.get(row.id);
      if (!replayed || replayed.actionId !== row.actionId || replayed.currentValue !== row.value || replayed.target !== row.target) failing.push(row.id);
    }
    const { rows: evidence } = await client.query(
      `SELECT v.id, v."actionId", v.assessment::text AS assessment, v."submittedAt" FROM "Evidence" v JOIN "Recommendation" r ON r.id = v."recommendationId" WHERE r."reviewId" = $1`,
      [id],
    );
    for (const row of evidence) {
      const replayed = state.evidence.get(row.id);
      if (!replayed || replayed.actionId !== row.actionId || replayed.assessment !== row.assessment || replayed.submittedAt.getTime() !== row.submittedAt.getTime()) failing.push(row.id);
    }
  }
  return { name, failing: failing.length, examples: failing.slice(0, 5) };
}
