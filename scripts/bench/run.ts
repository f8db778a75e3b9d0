// npm run bench [-- --scale N] [--instances 1|2|both] [--duration S] [--warmup S]
//               [--connections C] [--regenerate] [--sql-repetitions R]
//
// Builds and starts the production app on generated data (scripts/bench/
// generate.ts) and measures each page and the status update (a progress note
// on an action) under load,
// with the SQL each one needs timed straight against PostgreSQL, then
// writes the table to bench/results/. By default it runs one instance, then
// two on the same database, when the time allows (the whole run stays under
// 15 minutes at scale 50). See bench/README.md.
import fs from 'node:fs/promises';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import pg from 'pg';
import { ukDay } from '@/lib/days';
import { dropDatabase, type EmbeddedDatabase, projectRoot, startEmbeddedPostgres } from '../database';
import { firstLoadJs, scriptsInHtml } from './bundles';
import { appVerifyChain, checkChain } from './chain-check';
import { countRows } from './coherence';
import { BENCH_END, benchDataRoot, copyDatabase, ensureData, parseScale } from './generate';
import { type LoadOptions, type LoadResult, measure } from './measure';
import { ALONE, type BenchReport, describeMachine, type Row, type Variant, type WriteCheck, writeReport } from './report';
import {
  AS_AT,
  actionsQuery,
  type Fixture,
  judge,
  listQuery,
  pageScenario,
  pathFor,
  type Session,
  statusUpdatePath,
  statusUpdateScenario,
  summariseTargets,
  TESTS,
  type TestKey,
  type UpdateProgressAction,
  type WriteTracker,
  newWriteTracker,
} from './scenarios';
import { type SignInResult, type BenchServer, signIn, startServer } from './server';
import { BENCH_PASSWORD, benchEmail } from './simulate';
import { type CapturingClient, commitCostMs, createCapturingClient, type SqlTiming, type Statement, timeStatements } from './sql-timing';

/** Fixed, so that a session signed in on one instance is valid on the other (never used outside the benchmark). */
export const BENCH_SECRET = 'followthrough-benchmark-secret-not-for-production-0001';
export const BENCH_DIST_DIR = '.next-bench';
const TIME_BUDGET_S = 14 * 60;
/** How many connections' data the SQL is captured and timed for. */
const SQL_SAMPLE = 3;

function parseOptions() {
  return parseArgs({
    options: {
      scale: { type: 'string', default: '50' },
      instances: { type: 'string', default: 'both' },
      duration: { type: 'string', default: '15' },
      warmup: { type: 'string', default: '3' },
      connections: { type: 'string', default: '10' },
      'sql-repetitions': { type: 'string', default: '30' },
      regenerate: { type: 'boolean', default: false },
      'results-dir': { type: 'string', default: 'bench/results' },
      /** Only these tests, comma-separated keys (list, recommendation, dashboard, status, reportNow, reportAsAt, actions, actionsAgency): for working on one. */
      tests: { type: 'string' },
    },
  }).values;
}

const log = (message: string) => console.log(`[bench] ${message}`);
const seconds = (from: number) => Math.round((Date.now() - from) / 100) / 10;

/**
 * Each connection's user (an owner), their agency, an action of that agency in
 * progress (its status updates), a recommendation the agency leads in progress
 * (its page views), and a review with years of history.
 */
export async function chooseFixtures(client: pg.Client, scale: number, connections: number): Promise<{ fixtures: Fixture[]; captureActions: string[]; throttleEmail: string }> {
  const fixtures: Fixture[] = [];
  // Recommendations already chosen: no connection's page views read a recommendation another connection writes to.
  const used = new Set<string>();
  const inProgressAction = async (agencyId: string) => {
    const { rows } = await client.query<{ id: string; recommendationId: string; status: string }>(
      `SELECT a.id, a."recommendationId", a.status::text AS status FROM "Action" a JOIN "Recommendation" r ON r.id = a."recommendationId"
       WHERE a."ownerAgencyId" = $1 AND a.status = 'IN_PROGRESS' AND a."archivedAt" IS NULL AND r."archivedAt" IS NULL
         AND NOT (a."recommendationId" = ANY($2)) ORDER BY a.id LIMIT 1`,
      [agencyId, [...used]],
    );
    const action = rows[0];
    if (!action) throw new Error(`No action in progress left for ${agencyId}`);
    used.add(action.recommendationId);
    return action;
  };
  for (let c = 0; c < connections; c++) {
    const partnership = Math.floor((c * scale) / connections) % scale;
    const userIndex = 6 + (c % 34);
    const email = benchEmail(partnership, userIndex);
    const { rows: users } = await client.query<{ id: string; name: string; agencyId: string }>(
      `SELECT id, name, "agencyId" FROM "User" WHERE email = $1 AND role = 'OWNER' AND active`,
      [email],
    );
    const user = users[0];
    if (!user) throw new Error(`No owner ${email} in the generated data`);
    const action = await inProgressAction(user.agencyId);
    const { rows: views } = await client.query<{ id: string }>(
      `SELECT id FROM "Recommendation"
       WHERE "ownerAgencyId" = $1 AND status = 'IN_PROGRESS' AND "archivedAt" IS NULL AND NOT (id = ANY($2)) ORDER BY id LIMIT 1`,
      [user.agencyId, [...used]],
    );
    const view = views[0];
    if (!view) throw new Error(`Not enough recommendations in progress for ${user.agencyId}`);
    used.add(view.id);
    // A review of this partnership published about two years before the report date: history before and after it.
    const { rows: reviews } = await client.query<{ id: string }>(
      `SELECT id FROM "Review" WHERE id LIKE $1 AND "archivedAt" IS NULL
       ORDER BY abs("publishedOn" - date '2023-11-01'), id LIMIT 1 OFFSET $2`,
      [`p${partnership}-review-%`, c % 3],
    );
    fixtures.push({
      connection: c,
      userId: user.id,
      email,
      name: user.name,
      agencyId: user.agencyId,
      actionId: action.id,
      recommendationId: action.recommendationId,
      viewRecommendationId: view.id,
      status: action.status,
      reviewId: reviews[0]!.id,
    });
  }
  // A spare action of each of the first connections' agencies, for timing the status update's SQL.
  const captureActions: string[] = [];
  for (const fixture of fixtures.slice(0, SQL_SAMPLE)) captureActions.push((await inProgressAction(fixture.agencyId)).id);
  return { fixtures, captureActions, throttleEmail: benchEmail(scale - 1, 39) };
}

async function portIsFree(port: number) {
  return new Promise<boolean>((resolve) => {
    const server = net.createServer();
    server.once('error', () => resolve(false));
    server.listen(port, () => server.close(() => resolve(true)));
  });
}

async function choosePort(preferred: number) {
  for (let port = preferred; port < preferred + 50; port++) if (await portIsFree(port)) return port;
  throw new Error(`No free port from ${preferred}`);
}

/**
 * The update-progress form's Server Action (updateProgressAction), from the
 * build's server reference manifest: the action page's when it has one, else
 * the recommendation page's.
 */
export async function updateProgressAction(distDir: string): Promise<UpdateProgressAction> {
  const manifest = JSON.parse(await fs.readFile(path.join(distDir, 'server/server-reference-manifest.json'), 'utf8')) as {
    node: Record<string, { filename?: string; exportedName?: string }>;
  };
  const find = (file: string) =>
    Object.entries(manifest.node).find(([, entry]) => entry.exportedName === 'updateProgressAction' && entry.filename?.includes(file))?.[0];
  const onActionPage = find('actions/[actionId]/actions');
  if (onActionPage) return { id: onActionPage, page: 'action' };
  const onRecommendationPage = find('recommendations/[recommendationId]/actions');
  if (onRecommendationPage) return { id: onRecommendationPage, page: 'recommendation' };
  throw new Error('updateProgressAction is not in the build’s server-reference-manifest.json');
}

/** The app's page routes in the build ("/actions", "/recommendations/[recommendationId]", ...). */
async function builtRoutes(distDir: string) {
  const routes = JSON.parse(await fs.readFile(path.join(distDir, 'app-path-routes-manifest.json'), 'utf8')) as Record<string, string>;
  return new Set(Object.values(routes));
}

async function decodeClaims(sessionToken: string | null): Promise<Session['claims']> {
  if (!sessionToken) return null;
  const { decode } = await import('next-auth/jwt');
  const token = await decode({ token: sessionToken, secret: BENCH_SECRET });
  return token ? { id: token.sub, sessionVersion: token.sessionVersion as number | undefined, sessionId: token.sessionId as string | undefined } : null;
}

/** Signs every connection's user in, connection c on servers[(c + shift) % n]. */
async function signInAll(fixtures: Fixture[], servers: BenchServer[], shift: number): Promise<Session[]> {
  const sessions: Session[] = [];
  for (const fixture of fixtures) {
    const server = servers[(fixture.connection + shift) % servers.length]!;
    const result: SignInResult = await signIn(server.origin, fixture.email, BENCH_PASSWORD);
    if (!result.cookie) throw new Error(`Signing in ${fixture.email} on ${server.origin} failed: HTTP ${result.status} ${result.body.slice(0, 200)}`);
    sessions.push({ cookie: result.cookie, claims: await decodeClaims(result.sessionToken) });
  }
  return sessions;
}

/** Every session opens its recommendation's page (its user's name in the header) on the server its connection will use. */
async function checkSessions(fixtures: Fixture[], sessions: Session[], servers: BenchServer[], signedInShift: number) {
  let ok = 0;
  const failures: string[] = [];
  for (const fixture of fixtures) {
    const server = servers[fixture.connection % servers.length]!;
    const response = await fetch(`${server.origin}/recommendations/${fixture.viewRecommendationId}`, { headers: { Cookie: sessions[fixture.connection]!.cookie }, redirect: 'manual' });
    const html = await response.text();
    if (response.status === 200 && html.includes(fixture.name)) ok++;
    else failures.push(`${fixture.email} on ${server.origin}: HTTP ${response.status}`);
  }
  const cross = servers.length > 1 && signedInShift % servers.length !== 0;
  return {
    ok: failures.length === 0,
    detail: `${ok} of ${fixtures.length} sessions ${cross ? 'signed in on one instance opened a page, as their user, on the other' : 'open a page as their user'}${failures.length ? `; failed: ${failures.slice(0, 3).join('; ')}` : ''}.`,
  };
}

async function maxEventId(client: pg.Client) {
  const { rows } = await client.query<{ id: number | null }>(`SELECT max(id) AS id FROM "HistoryEvent"`);
  return rows[0]?.id ?? 0;
}

/**
 * No write lost, none made up: per action, the version moved on by exactly
 * the updates acknowledged (plus those the server did for requests cut off
 * when a run stopped, counted apart), and there is one progress event for each.
 */
async function checkWrites(client: pg.Client, fixtures: Fixture[], before: Map<string, number>, afterEventId: number, tracker: WriteTracker): Promise<WriteCheck> {
  const ids = fixtures.map((f) => f.actionId);
  const { rows: versions } = await client.query<{ id: string; version: number }>(`SELECT id, version FROM "Action" WHERE id = ANY($1)`, [ids]);
  const { rows: events } = await client.query<{ id: string; n: number }>(
    `SELECT "subjectId" AS id, count(*)::int AS n FROM "HistoryEvent"
     WHERE id > $1 AND kind = 'action.progress_updated' AND "subjectId" = ANY($2) GROUP BY 1`,
    [afterEventId, ids],
  );
  const eventsBy = new Map(events.map((row) => [row.id, row.n]));
  const versionBy = new Map(versions.map((row) => [row.id, row.version]));
  const mismatches: WriteCheck['mismatches'] = [];
  let clientSuccesses = 0;
  let unacknowledged = 0;
  let versionIncrements = 0;
  let eventsWritten = 0;
  for (const id of ids) {
    const successes = tracker.successes.get(id) ?? 0;
    const cutOff = tracker.unacknowledged.get(id) ?? 0;
    const increments = (versionBy.get(id) ?? 0) - (before.get(id) ?? 0);
    const written = eventsBy.get(id) ?? 0;
    clientSuccesses += successes;
    unacknowledged += cutOff;
    versionIncrements += increments;
    eventsWritten += written;
    if (successes + cutOff !== increments || increments !== written) mismatches.push({ actionId: id, successes, unacknowledged: cutOff, increments, events: written });
  }
  return { actions: ids.length, clientSuccesses, unacknowledged, versionIncrements, eventsWritten, consistent: mismatches.length === 0, mismatches };
}

/** Twelve wrong passwords for one account, alternating between the instances. */
async function checkThrottling(servers: BenchServer[], email: string): Promise<NonNullable<Variant['throttle']>> {
  const attempts: NonNullable<Variant['throttle']>['attempts'] = [];
  for (let i = 0; i < 12; i++) {
    const instance = i % servers.length;
    const result = await signIn(servers[instance]!.origin, email, `wrong-password-${i}`);
    attempts.push({ instance: instance + 1, status: result.status, retryAfter: result.retryAfter });
  }
  const throttled = attempts.filter((a) => a.status === 429);
  const summary = attempts.map((a, i) => `${i + 1}:${a.status}@${a.instance}`).join(' ');
  if (throttled.length === 0) {
    return { present: false, holds: null, attempts, detail: `(no attempt of 12 was refused with 429: ${summary})` };
  }
  const first = attempts.findIndex((a) => a.status === 429);
  const later = attempts.slice(first);
  const fromBoth = new Set(throttled.map((a) => a.instance)).size === servers.length;
  const holds = later.every((a) => a.status === 429) && fromBoth && later.every((a) => a.retryAfter !== null);
  return {
    present: true,
    holds,
    attempts,
    detail: `attempts 1–${first} refused as wrong (HTTP ${[...new Set(attempts.slice(0, first).map((a) => a.status))].join('/')}), attempts ${first + 1}–12 got 429 with Retry-After ` +
      `${fromBoth ? 'from both instances' : 'from one instance only'}${later.every((a) => a.status === 429) ? '' : ' (not all later attempts were refused)'} (status@instance: ${summary}).`,
  };
}

/** Loaders that do what each page's data loading does, in-process, for capturing its SQL. */
async function pageLoaders() {
  const { findSessionUser, toActor } = await import('@/lib/auth/session-user');
  const { listFilterOptions, listRecommendations } = await import('@/lib/recommendations/list-recommendations');
  const { parseListParams } = await import('@/lib/recommendations/list-recommendations.schema');
  const { getRecommendation } = await import('@/lib/recommendations/get-recommendation');
  const { getWorkQueue } = await import('@/lib/dashboard/get-work-queue');
  const { DASHBOARD_REVIEWS, listReviews } = await import('@/lib/reviews/list-reviews');
  const { getReport } = await import('@/lib/reports/get-report');
  const { listActions } = await import('@/lib/actions/list-actions');
  const { reportQuerySchema } = await import('@/lib/reports/report-query.schema');
  const { updateProgress } = await import('@/lib/actions/update-progress');
  type Actor = Parameters<typeof getRecommendation>[0];
  return {
    findSessionUser: findSessionUser as (claims: Session['claims']) => Promise<Actor | null>,
    toActor,
    list: (user: Actor, query: string) => {
      const { filters } = parseListParams(new URLSearchParams(query));
      return Promise.all([listRecommendations(user, filters), listFilterOptions(user, filters)]);
    },
    recommendation: (user: Actor, id: string) => getRecommendation(user, id),
    dashboard: (user: Actor) => Promise.all([getWorkQueue(user), listReviews(user, { perPage: DASHBOARD_REVIEWS })]),
    report: (user: Actor, reviewId: string, asAt: string) => getReport(user, reviewId, reportQuerySchema.parse({ asAt, since: '' })),
    // The actions list's data loading (app/(app)/actions/page.tsx): its rows, and the filters' choices as the recommendations list has them.
    actions: (user: Actor, query: string) => {
      const { filters } = parseListParams(new URLSearchParams(query));
      return Promise.all([listActions(user, filters), listFilterOptions(user, filters)]);
    },
    statusUpdate: (user: Actor, input: { actionId: string; version: number; status: string; note: string }) =>
      updateProgress(user, input as Parameters<typeof updateProgress>[1]),
  };
}

/**
 * The database's own time per test: each page's statements, captured for
 * the first few connections' data, timed through pg; the mean of their medians.
 */
export async function timeSql(
  url: string,
  capturing: CapturingClient,
  fixtures: Fixture[],
  sessions: Session[],
  captureActions: string[],
  repetitions: number,
  notes: string[],
  tests: typeof TESTS,
): Promise<Map<TestKey, SqlTiming & { commitMs?: number; totalMs: number; variants: number }>> {
  const loaders = await pageLoaders();
  const db = capturing.client;
  const results = new Map<TestKey, SqlTiming & { commitMs?: number; totalMs: number; variants: number }>();
  const sample = fixtures.slice(0, SQL_SAMPLE);
  let sessionCaptured = true;
  const actorFor = async (fixture: Fixture) => {
    // The per-request session lookup, as every page and action does it.
    const { result: user, statements } = await capturing.capture(() => loaders.findSessionUser(sessions[fixture.connection]!.claims));
    if (user) return { user, sessionStatements: statements };
    sessionCaptured = false;
    const row = await db.user.findUniqueOrThrow({ where: { id: fixture.userId }, include: { agency: true } });
    const actor = { ...loaders.toActor(row), twoFactorEnabled: false, sessionId: '' };
    return { user: actor as unknown as NonNullable<Awaited<ReturnType<typeof loaders.findSessionUser>>>, sessionStatements: [] as Statement[] };
  };
  const commitMs = await commitCostMs(url);
  for (const { key } of tests) {
    const timings: SqlTiming[] = [];
    for (const fixture of sample) {
      const { user, sessionStatements } = await actorFor(fixture);
      let statements: Statement[];
      if (key === 'status') {
        const actionId = captureActions[fixture.connection]!;
        const current = await db.action.findUniqueOrThrow({ where: { id: actionId }, select: { version: true, status: true } });
        const captured = await capturing.capture(() =>
          loaders.statusUpdate(user, { actionId, version: current.version, status: current.status, note: 'Benchmark: timing the SQL' }),
        );
        // Replayed in a transaction that is rolled back: claim the version the row has now.
        statements = captured.statements.map((s) =>
          /SET version = version \+ 1/.test(s.sql) ? { sql: s.sql, params: [s.params[0], current.version + 1] } : s,
        );
      } else {
        const captured = await capturing.capture(async () => {
          switch (key) {
            case 'list':
              return loaders.list(user, listQuery(fixture));
            case 'recommendation':
              return loaders.recommendation(user, fixture.viewRecommendationId);
            case 'dashboard':
              return loaders.dashboard(user);
            case 'reportNow':
              return loaders.report(user, fixture.reviewId, '');
            case 'reportAsAt':
              return loaders.report(user, fixture.reviewId, AS_AT);
            case 'actions':
            case 'actionsAgency':
              return loaders.actions(user, actionsQuery(key, fixture));
          }
        });
        statements = captured.statements;
      }
      timings.push(await timeStatements(url, [...sessionStatements, ...statements], { repetitions, write: key === 'status' }));
    }
    const mean = (pick: (t: SqlTiming) => number) => Math.round((timings.reduce((sum, t) => sum + pick(t), 0) / timings.length) * 100) / 100;
    const base = timings[0]!;
    const medianMs = mean((t) => t.medianMs);
    results.set(key, {
      ...base,
      medianMs,
      minMs: mean((t) => t.minMs),
      statements: Math.round(mean((t) => t.statements)),
      commitMs: key === 'status' ? commitMs : undefined,
      totalMs: Math.round((medianMs + (key === 'status' ? commitMs : 0)) * 100) / 100,
      variants: timings.length,
    });
  }
  if (!sessionCaptured) notes.push('The session lookup could not be replayed in-process (lib/auth/session-user.ts refused the claims), so its statements are not in the database times.');
  return results;
}

async function runVariant(options: {
  instances: number;
  servers: BenchServer[];
  fixtures: Fixture[];
  url: string;
  updateProgress: UpdateProgressAction;
  load: Omit<LoadOptions, 'urls'>;
  sql: Map<TestKey, SqlTiming & { commitMs?: number; totalMs: number }>;
  throttleEmail: string | null;
  tests: typeof TESTS;
}): Promise<Variant> {
  const { servers, fixtures } = options;
  const client = new pg.Client({ connectionString: options.url });
  await client.connect();
  try {
    const chainFrom = await maxEventId(client);
    // With two instances, every connection's session is signed in on the instance it does not use.
    const shift = servers.length > 1 ? 1 : 0;
    log(`  signing in ${fixtures.length} owners${shift ? ' (each on the other instance)' : ''}`);
    const sessions = await signInAll(fixtures, servers, shift);
    const sessionsCheck = await checkSessions(fixtures, sessions, servers, shift);
    if (!sessionsCheck.ok) log(`  sessions: ${sessionsCheck.detail}`);
    const urls = servers.map((s) => s.origin);
    // One connection, one request at a time, on one instance: the app's own time per request.
    const aloneLoad = options.instances === 1 ? { ...options.load, connections: 1, duration: ALONE.duration, warmup: ALONE.warmup, urls: urls.slice(0, 1) } : undefined;
    const rows: Row[] = [];
    let writes: WriteCheck | undefined;
    for (const { key, test, target } of options.tests) {
      let result: LoadResult;
      let alone: LoadResult | undefined;
      if (key === 'status') {
        const { rows: current } = await client.query<{ id: string; version: number }>(`SELECT id, version FROM "Action" WHERE id = ANY($1)`, [
          fixtures.map((f) => f.actionId),
        ]);
        const before = new Map(current.map((row) => [row.id, row.version]));
        const tracker = newWriteTracker(fixtures, before);
        const eventsFrom = await maxEventId(client);
        const currentVersions = async (ids: string[]) => {
          const { rows } = await client.query<{ id: string; version: number }>(`SELECT id, version FROM "Action" WHERE id = ANY($1)`, [ids]);
          return new Map(rows.map((row) => [row.id, row.version]));
        };
        // The same tracker through both runs: the write check covers every update either made.
        const scenario = statusUpdateScenario(options.updateProgress, fixtures, sessions, tracker, currentVersions);
        alone = aloneLoad ? await measure(scenario, aloneLoad) : undefined;
        result = await measure(scenario, { ...options.load, urls });
        writes = await checkWrites(client, fixtures, before, eventsFrom, tracker);
      } else {
        const scenario = pageScenario(key, (fixture) => pathFor(key, fixture), fixtures, sessions);
        alone = aloneLoad ? await measure(scenario, aloneLoad) : undefined;
        result = await measure(scenario, { ...options.load, urls });
      }
      const sql = options.sql.get(key);
      const over = (ms: number | undefined) => (sql && sql.totalMs > 0 && ms !== undefined ? Math.round((ms / sql.totalMs) * 10) / 10 : undefined);
      const partial = {
        key,
        test,
        path: key === 'status' ? `POST ${statusUpdatePath(options.updateProgress, { ...fixtures[0]!, actionId: '<id>', recommendationId: '<id>' })} (Next-Action)` : pathFor(key, fixtures[0]!),
        load: result,
        alone,
        sql,
        ratio: over(alone?.latencyMs.p50),
        loadedRatio: over(result.latencyMs.p50),
        target,
      };
      const row: Row = { ...partial, ...judge(partial) };
      rows.push(row);
      log(
        `  ${test}: ${result.rps} req/s, p50 ${result.latencyMs.p50} ms, p95 ${result.latencyMs.p95} ms, p99 ${result.latencyMs.p99} ms, ${result.errors.total} errors` +
          `${alone ? `; alone p50 ${alone.latencyMs.p50} ms` : ''}${sql ? `; DB ${sql.totalMs} ms${partial.ratio !== undefined ? ` (${partial.ratio}×)` : ''}` : ''}`,
      );
    }
    if (writes) log(`  writes: ${writes.clientSuccesses} acknowledged, ${writes.versionIncrements} version increments, ${writes.eventsWritten} events: ${writes.consistent ? 'consistent' : 'MISMATCH'}`);
    const chain = await checkChain(options.url, { afterId: chainFrom });
    log(`  chain from event ${chainFrom}: ${chain.ok ? 'verifies' : `BROKEN at ${chain.problem?.id}: ${chain.problem?.reason}`} (${chain.checked} new events)`);
    const throttle = options.throttleEmail && servers.length > 1 ? await checkThrottling(servers, options.throttleEmail) : undefined;
    if (throttle) log(`  throttling: ${throttle.present ? (throttle.holds ? 'holds across instances' : 'present, does not hold') : 'not present'}`);
    return {
      instances: options.instances,
      servers: urls,
      rows,
      writes,
      chain: { ok: chain.ok, checked: chain.checked, fromId: chain.fromId, lastId: chain.lastId, problem: chain.problem },
      sessionsAcrossInstances: sessionsCheck,
      throttle,
    };
  } finally {
    await client.end();
  }
}

/** Compares the first-load JS the manifests give for a route with the scripts its served HTML loads. */
async function crossCheckBundle(origin: string, cookie: string, route: string, manifestKb: number | undefined) {
  const response = await fetch(`${origin}${route}`, { headers: { Cookie: cookie } });
  const scripts = scriptsInHtml(await response.text()).filter((src) => src.startsWith('/_next/'));
  const { gzipSync } = await import('node:zlib');
  let gzip = 0;
  for (const src of scripts) gzip += gzipSync(Buffer.from(await (await fetch(`${origin}${src}`)).arrayBuffer()), { level: 9 }).length;
  return `First-load JS of ${route} as its served HTML loads it (${scripts.length} scripts): ${(gzip / 1024).toFixed(1)} kB gzip; from the build manifests: ${manifestKb ?? '–'} kB.`;
}

/**
 * Starts `count` servers on one build. Only the first may build; if a later
 * one builds anyway (the sources changed meanwhile: other work in the same
 * checkout), the earlier ones are serving a replaced build, so all restart.
 */
async function startServers(count: number, url: string, logDir: string): Promise<BenchServer[]> {
  for (let attempt = 1; attempt <= 3; attempt++) {
    const servers: BenchServer[] = [];
    let rebuilt = false;
    for (let i = 0; i < count; i++) {
      const port = await choosePort((servers.at(-1)?.port ?? 3400) + 1);
      log(`Starting app instance ${i + 1} on port ${port}${i === 0 ? ` (builds into ${BENCH_DIST_DIR} when the sources changed)` : ''}...`);
      const server = await startServer({ port, databaseUrl: url, secret: BENCH_SECRET, distDir: BENCH_DIST_DIR, logFile: path.join(logDir, `server-${i + 1}.log`) });
      servers.push(server);
      log(`  ready in ${server.startSeconds} s${server.built ? ' (built)' : ''}`);
      if (i > 0 && server.built) rebuilt = true;
    }
    if (!rebuilt) return servers;
    log('The sources changed while the servers started, so the app was built again: restarting every instance on the new build');
    for (const server of servers) await server.stop();
  }
  throw new Error('The sources kept changing while the servers started');
}

async function main() {
  const args = parseOptions();
  const started = Date.now();
  const startedAt = new Date().toISOString();
  const scale = parseScale(args.scale, 50);
  const duration = Number(args.duration);
  const warmup = Number(args.warmup);
  const connections = Number(args.connections);
  const repetitions = Number(args['sql-repetitions']);
  if (!['1', '2', 'both'].includes(args.instances!)) throw new Error('--instances must be 1, 2 or both');
  if (!(duration > 0) || !(warmup >= 0) || !(connections >= 1) || !(repetitions >= 1)) {
    throw new Error('--duration, --warmup, --connections and --sql-repetitions must be positive numbers');
  }
  const wanted = args.instances === 'both' ? [1, 2] : [Number(args.instances)];
  const testKeys = args.tests?.split(',').map((key) => key.trim());
  const unknown = testKeys?.filter((key) => !TESTS.some((t) => t.key === key));
  if (unknown?.length) throw new Error(`Unknown --tests: ${unknown.join(', ')} (known: ${TESTS.map((t) => t.key).join(', ')})`);
  let tests = testKeys ? TESTS.filter((t) => testKeys.includes(t.key)) : TESTS;
  const command = `npm run bench -- ${process.argv.slice(2).join(' ')}`.trim().replace(/ --$/, '');
  const notes: string[] = [];
  const distDir = path.join(projectRoot, BENCH_DIST_DIR);
  const logDir = path.join(benchDataRoot(), 'logs');
  await fs.mkdir(logDir, { recursive: true });
  const loadBefore = os.loadavg();

  const cluster = await startEmbeddedPostgres({ dataDir: path.join(benchDataRoot(), 'postgres') });
  const servers: BenchServer[] = [];
  let capturing: CapturingClient | undefined;
  try {
    const data = await ensureData(cluster, scale, args.regenerate!, log);
    const copyStarted = Date.now();
    const { url, postgres } = await copyDatabase(cluster, `bench_run_scale_${scale}`, scale);
    const copySeconds = seconds(copyStarted);
    log(`Copied bench_scale_${scale} for this run in ${copySeconds} s`);
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    const counts = await countRows(client);
    const { fixtures, captureActions, throttleEmail } = await chooseFixtures(client, scale, connections);
    const runFromEventId = await maxEventId(client);
    await client.end();

    // Every instance up front, on one build (the second instance idles through the one-instance tests).
    const buildStarted = Date.now();
    servers.push(...(await startServers(Math.max(...wanted), url, logDir)));
    const built = servers[0]!.built;
    const startSeconds = seconds(buildStarted);
    const updateProgress = await updateProgressAction(distDir);
    if (updateProgress.page === 'recommendation') {
      notes.push('The status update posted the recommendation page’s update-progress form (the build has no action page, app/(app)/actions/[actionId], with its own).');
    }
    const bundles = await firstLoadJs(distDir);
    // The actions list is measured when the build has it.
    if (!(await builtRoutes(distDir)).has('/actions')) {
      const skipped = tests.filter((t) => t.key === 'actions' || t.key === 'actionsAgency');
      if (skipped.length) notes.push(`Not measured, the build has no /actions page: ${skipped.map((t) => t.test).join(', ')}.`);
      tests = tests.filter((t) => !skipped.includes(t));
    }

    // The SQL each page needs, through the lib/ functions the pages call: a capturing Prisma client becomes the app's `db`.
    capturing = await createCapturingClient(url, 4);
    (globalThis as { followthroughDb?: unknown }).followthroughDb = capturing.client;
    log('Timing each page’s SQL straight against PostgreSQL...');
    const sqlStarted = Date.now();
    const captureSessions = await signInAll(fixtures.slice(0, SQL_SAMPLE), servers.slice(0, 1), 0);
    const sql = await timeSql(url, capturing, fixtures, captureSessions, captureActions, repetitions, notes, tests);
    log(`  done in ${seconds(sqlStarted)} s: ${[...sql].map(([key, t]) => `${key} ${t.totalMs} ms (${t.statements} statements)`).join(', ')}`);
    await capturing.client.$disconnect();
    capturing = undefined;
    notes.push(
      `Database time: the statements a page's data loading sends (captured from the same lib/ calls in-process, including the session lookup every request makes), run again one after another on one connection through pg, ` +
        `${repetitions} times after one unmeasured round; the median total, averaged over ${Math.min(SQL_SAMPLE, connections)} users' data. The app runs some of them concurrently, so this is an upper bound of its critical path.`,
    );
    if (tests.some((t) => t.key === 'reportNow' || t.key === 'reportAsAt')) {
      notes.push(
        'Reports: the database time is for building the report (every statement, no cache). The app keeps each built report until the next history event anywhere (lib/reports/get-report.ts), ' +
          'so during the report tests (no writes) repeated views of a report are served from that cache; the first view of each (review, date) builds it.',
      );
    }
    const statusSql = sql.get('status');
    if (statusSql?.commitMs !== undefined) {
      notes.push(`Status update database time: its statements in a transaction that is rolled back (${statusSql.medianMs} ms) plus the commit's flush to disk measured apart (${statusSql.commitMs} ms).`);
    }

    const variants: Variant[] = [];
    const load = { connections, duration, warmup, timeout: 10 };
    // The one-instance variant also runs each test alone (one connection).
    const variantSeconds = (instances: number) => tests.length * (duration + warmup + 2 + (instances === 1 ? ALONE.duration + ALONE.warmup + 1 : 0)) + 30;
    for (const instances of wanted) {
      const elapsed = (Date.now() - started) / 1000;
      if (wanted.length > 1 && instances > 1 && elapsed + variantSeconds(instances) + 30 > TIME_BUDGET_S) {
        notes.push(`The ${instances}-instance variant was skipped: ${Math.round(elapsed)} s had gone and it needs about ${variantSeconds(instances)} s (run \`npm run bench -- --instances 2\`).`);
        continue;
      }
      log(`Measuring with ${instances} instance${instances > 1 ? 's' : ''} (${tests.length} tests, ${warmup} s warm-up + ${duration} s each, ${connections} connections)...`);
      variants.push(await runVariant({ instances, servers: servers.slice(0, instances), fixtures, url, updateProgress, load, sql, throttleEmail: instances > 1 ? throttleEmail : null, tests }));
    }

    try {
      const sessions = await signInAll(fixtures.slice(0, 1), servers.slice(0, 1), 0);
      notes.push(await crossCheckBundle(servers[0]!.origin, sessions[0]!.cookie, '/recommendations', bundles.find((b) => b.route === '/recommendations')?.gzipKb));
    } catch (error) {
      notes.push(`The first-load JS cross-check against served HTML failed: ${error instanceof Error ? error.message : error}`);
    }
    for (const server of servers.splice(0)) await server.stop();

    // Every event this run wrote (sign-ins, the SQL timing's own updates, the load), checked onto the generated chain.
    const runChain = await checkChain(url, { afterId: runFromEventId });
    log(`Chain over this run's ${runChain.checked} events: ${runChain.ok ? 'verifies' : `BROKEN at ${runChain.problem?.id}: ${runChain.problem?.reason}`}`);
    // The whole chain, by the audit's own verifier, when it exists and the time allows.
    let appChainCheck: BenchReport['appChainCheck'];
    const elapsed = (Date.now() - started) / 1000;
    if (elapsed + counts.events / 20_000 < TIME_BUDGET_S + 30) {
      const chainStarted = Date.now();
      const verdict = await appVerifyChain(url);
      appChainCheck = { ...verdict, seconds: verdict.present ? seconds(chainStarted) : undefined };
      if (verdict.present) log(`lib/audit/verify-chain.ts over the whole history: ${verdict.ok ? 'verifies' : 'does not verify'} (${appChainCheck.seconds} s)`);
    } else {
      notes.push('lib/audit/verify-chain.ts was not run over the whole history: not enough time left.');
    }

    const report: BenchReport = {
      startedAt,
      finishedAt: new Date().toISOString(),
      totalSeconds: seconds(started),
      command,
      machine: { ...describeMachine(postgres), loadAverage: { before: loadBefore.map(round1), after: os.loadavg().map(round1) } },
      scale,
      counts,
      data: { generatedNow: data.generatedNow, generationSeconds: data.generatedNow ? data.generationSeconds : undefined, copySeconds },
      build: { distDir: BENCH_DIST_DIR, built, serverStartSeconds: startSeconds },
      load: { connections, durationSeconds: duration, warmupSeconds: warmup, generator: 'autocannon 9 (programmatic), in the benchmark process' },
      variants,
      runChain: { ok: runChain.ok, checked: runChain.checked, fromId: runChain.fromId, lastId: runChain.lastId, problem: runChain.problem },
      bundles,
      appChainCheck,
      targets: [],
      notes,
    };
    report.targets = summariseTargets(report);
    report.notes.push(
      'Everything shares the one machine: the app instance(s), PostgreSQL and the load generator compete for the same cores (the load average before and after the run is in the JSON).',
      `Data: ${ukDay(BENCH_END)} is the end of the simulated history; each run works on a fresh copy of the generated database (bench_run_scale_${scale}).`,
    );
    const written = await writeReport(report, path.resolve(projectRoot, args['results-dir']!));
    console.log(`\n${written.text}`);
    log(`Wrote ${path.relative(projectRoot, written.markdown)} and .json (and latest.md/.json) in ${report.totalSeconds} s`);
    const failedChecks =
      !runChain.ok || appChainCheck?.ok === false || variants.some((v) => v.writes?.consistent === false || v.chain?.ok === false || v.sessionsAcrossInstances?.ok === false);
    if (failedChecks) process.exitCode = 1;
  } finally {
    if (capturing) await capturing.client.$disconnect().catch(() => {});
    for (const server of servers) await server.stop().catch(() => {});
    await cluster.stop();
  }
}

const round1 = (value: number) => Math.round(value * 10) / 10;

if (import.meta.url === `file://${process.argv[1]}`) {
  main().catch((error) => {
    console.error(error);
    process.exit(1);
  });
}
