// The benchmark cannot rot: the data generator at scale 1 (counts, every
// current value against its history, the hash chain, and that the checks
// do catch a broken row or link), and the measuring and reporting code
// driven against small local HTTP servers standing in for the app. The full
// benchmark needs a production build: `npm run bench` (bench/README.md).
import fs from 'node:fs/promises';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { firstLoadJs } from '@/scripts/bench/bundles';
import { appVerifyChain, checkChain } from '@/scripts/bench/chain-check';
import { checkCoherence } from '@/scripts/bench/coherence';
import { type Generated, generateInto } from '@/scripts/bench/generate';
import { measure } from '@/scripts/bench/measure';
import { type BenchReport, renderMarkdown, type Row, writeReport } from '@/scripts/bench/report';
import { updateProgressAction } from '@/scripts/bench/run';
import { type Fixture, judge, newWriteTracker, pageScenario, type Session, statusUpdateScenario, summariseTargets } from '@/scripts/bench/scenarios';
import { actionCount } from '@/scripts/bench/simulate';
import { createCapturingClient, timeStatements } from '@/scripts/bench/sql-timing';

describe('the benchmark data generator, at scale 1', () => {
  let url: string;
  let generated: Generated;

  beforeAll(async () => {
    // The generator loads through staging tables it creates: as the superuser, as the benchmark does.
    url = process.env.TEST_SUPERUSER_DATABASE_URL!;
    generated = await generateInto(url, 1);
  });

  it('makes one partnership in the proportions the issue gives', () => {
    const c = generated.counts;
    expect(c).toMatchObject({ agencies: 6, users: 40, reviews: 20, findings: 300, recommendations: 600 });
    // 1.77 actions a recommendation on average; a measure on each.
    expect(c.actions).toBeGreaterThan(950);
    expect(c.actions).toBeLessThan(1200);
    expect(c.measures).toBe(c.actions);
    expect(c.events).toBeGreaterThan(17_000);
    expect(c.events).toBeLessThan(23_000);
    expect(c.evidence).toBeGreaterThan(200);
    expect(c.evidenceFiles).toBe(c.evidence);
    expect(c.comments).toBeGreaterThan(1000);
    expect(generated.lastEventId).toBe(c.events);
  });

  it('gives each recommendation one to four actions, mostly one or two, each of a different agency', async () => {
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    try {
      const { rows } = await client.query<{ actions: number; recommendations: number; agencies: number }>(
        `SELECT n AS actions, count(*)::int AS recommendations, min(agencies)::int AS agencies
         FROM (SELECT "recommendationId", count(*)::int AS n, count(DISTINCT "ownerAgencyId")::int AS agencies FROM "Action" GROUP BY 1) a
         GROUP BY n ORDER BY n`,
      );
      expect(rows.map((row) => row.actions)).toEqual([1, 2, 3, 4]);
      for (const row of rows) expect(row.agencies).toBe(row.actions);
      const share = (n: number) => rows.find((row) => row.actions === n)!.recommendations / 600;
      expect(share(1) + share(2)).toBeGreaterThan(0.7);
      expect(share(4)).toBeLessThan(0.15);
      const { rows: kinds } = await client.query<{ kind: string }>(`SELECT DISTINCT kind FROM "HistoryEvent" WHERE kind LIKE 'action.%'`);
      expect(kinds.map((row) => row.kind).sort((x, y) => x.localeCompare(y))).toEqual([
        'action.archived',
        'action.created',
        'action.due_date_changed',
        'action.progress_updated',
        'action.rag_overridden',
        'action.rag_override_withdrawn',
        'action.status_changed',
      ]);
      const { rows: some } = await client.query<{ overridden: number; archived: number }>(
        `SELECT count(*) FILTER (WHERE "ragOverride" IS NOT NULL)::int AS overridden, count(*) FILTER (WHERE "archivedAt" IS NOT NULL)::int AS archived FROM "Action"`,
      );
      expect(some[0]!.overridden).toBeGreaterThan(0);
      expect(some[0]!.archived).toBeGreaterThan(0);
    } finally {
      await client.end();
    }
    expect([0, 0.49, 0.5, 0.79, 0.8, 0.92, 0.93, 0.999].map(actionCount)).toEqual([1, 1, 2, 2, 3, 3, 4, 4]);
  });

  it('is coherent: every current value is what its history says, and the report’s replay agrees', { timeout: 60_000 }, async () => {
    const coherence = await checkCoherence(url);
    expect(coherence.checks.filter((check) => check.failing > 0)).toEqual([]);
    expect(coherence.ok).toBe(true);
  });

  it('chains every event, in the order they happened, so that the chain verifies', async () => {
    const chain = await checkChain(url);
    expect(chain).toMatchObject({ ok: true, checked: generated.counts.events, lastId: generated.lastEventId, lastHash: generated.lastHash });
    const app = await appVerifyChain(url);
    if (app.present) expect(app.ok).toBe(true);
  });

  it('notices a row that disagrees with its history, and an event that breaks the chain', { timeout: 60_000 }, async () => {
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    try {
      const { rows } = await client.query<{ id: string }>(`SELECT id FROM "Recommendation" ORDER BY id LIMIT 1`);
      const id = rows[0]!.id;
      await client.query(`UPDATE "Recommendation" SET version = version + 1 WHERE id = $1`, [id]);
      const coherence = await checkCoherence(url, { replayReviews: 1 });
      expect(coherence.ok).toBe(false);
      expect(coherence.checks.find((check) => check.name.startsWith('recommendation version'))).toMatchObject({ failing: 1, examples: [id] });
      await client.query(`UPDATE "Recommendation" SET version = version - 1 WHERE id = $1`, [id]);

      // An action whose status is not its history's, and a recommendation whose roll-up is not its actions'.
      const { rows: actions } = await client.query<{ id: string; recommendationId: string; status: string }>(
        `SELECT id, "recommendationId", status::text AS status FROM "Action" WHERE status = 'IN_PROGRESS' ORDER BY id LIMIT 1`,
      );
      const action = actions[0]!;
      await client.query(`UPDATE "Action" SET status = 'NOT_STARTED' WHERE id = $1`, [action.id]);
      await client.query(`UPDATE "Recommendation" SET "dueDate" = "dueDate" + 1 WHERE id = $1`, [id]);
      const broken = await checkCoherence(url, { replayReviews: 1 });
      expect(broken.checks.find((check) => check.name.startsWith('action status ='))).toMatchObject({ failing: 1, examples: [action.id] });
      expect(broken.checks.find((check) => check.name.startsWith('recommendation owner, lead, dates, status'))?.examples).toContain(id);
      await client.query(`UPDATE "Action" SET status = 'IN_PROGRESS' WHERE id = $1`, [action.id]);
      await client.query(`UPDATE "Recommendation" SET "dueDate" = "dueDate" - 1 WHERE id = $1`, [id]);

      // History is append-only: a forged event can only be added, and it does not link on.
      await client.query(
        `INSERT INTO "HistoryEvent" ("occurredAt", "subjectType", "subjectId", kind, "prevHash", hash) VALUES (now(), 'recommendation', $1, 'recommendation.progress_updated', $2, $3)`,
        [id, generated.lastHash, 'f'.repeat(64)],
      );
      const chain = await checkChain(url, { afterId: generated.lastEventId });
      expect(chain.ok).toBe(false);
      expect(chain.problem?.reason).toMatch(/hash/);
    } finally {
      await client.end();
    }
  });
});

describe('timing a page’s SQL', () => {
  it('captures the statements a call sends and replays them, rolling writes back', async () => {
    const url = process.env.DATABASE_URL!;
    const capturing = await createCapturingClient(url, 2);
    try {
      const read = await capturing.capture(() => capturing.client.agency.findMany({ where: { isBoard: true }, take: 5 }));
      expect(read.statements).toHaveLength(1);
      expect(read.statements[0]!.sql).toMatch(/FROM "public"."Agency"/);
      const timing = await timeStatements(url, read.statements, { repetitions: 5 });
      expect(timing).toMatchObject({ statements: 1, repetitions: 5, rolledBack: false });
      expect(timing.medianMs).toBeGreaterThan(0);

      // A write in a transaction: its COMMIT is not captured, and the replay leaves nothing behind.
      const name = `Bench timing agency ${Date.now()}`;
      const write = await capturing.capture(() => capturing.client.$transaction((tx) => tx.agency.create({ data: { name, shortName: name } })));
      expect(write.statements.some((s) => /^\s*(COMMIT|BEGIN)/i.test(s.sql))).toBe(false);
      await capturing.client.agency.delete({ where: { id: write.result.id } });
      const replayed = await timeStatements(url, write.statements, { repetitions: 3 });
      expect(replayed.rolledBack).toBe(true);
      expect(await capturing.client.agency.count({ where: { name } })).toBe(0);
    } finally {
      await capturing.client.$disconnect();
    }
  });
});

/** A stand-in for the app: pages, a failing page, and a Server Action that versions each action as the real one does. */
function standInServer() {
  const versions = new Map<string, number>();
  const applied = new Map<string, number>();
  const origins: string[] = [];
  const paths: string[] = [];
  const server = http.createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      if (request.url?.startsWith('/broken')) {
        response.writeHead(500).end('no');
        return;
      }
      if (request.method === 'POST' && request.headers['next-action']) {
        origins.push(`${request.headers.origin} → ${request.headers.host}`);
        paths.push(request.url!);
        const [input] = JSON.parse(Buffer.concat(chunks).toString()) as [{ actionId: string; version: number }];
        const current = versions.get(input.actionId) ?? 1;
        response.writeHead(200, { 'Content-Type': 'text/x-component' });
        if (input.version !== current) {
          response.end(`0:{"a":"$@1","f":"","b":"bench"}\n1:{"ok":false,"formError":"Someone else saved first","conflict":{"changes":[],"currentVersion":${current}}}\n`);
          return;
        }
        versions.set(input.actionId, current + 1);
        applied.set(input.actionId, (applied.get(input.actionId) ?? 0) + 1);
        // A little work, so that runs end with requests in flight.
        setTimeout(() => response.end(`0:{"a":"$@1","f":"","b":"bench"}\n1:{"ok":true,"data":{"version":${current + 1}}}\n`), 2);
        return;
      }
      response.writeHead(200, { 'Content-Type': 'text/html' }).end(`<p>${request.headers.cookie}</p>`);
    });
  });
  return { server, versions, applied, origins, paths };
}

async function listen(server: http.Server) {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

describe('the load measurement and its table', () => {
  const a = standInServer();
  const b = standInServer();
  let urls: string[];
  const fixtures: Fixture[] = Array.from({ length: 4 }, (_, connection) => ({
    connection,
    userId: `user-${connection}`,
    email: `user${connection}@bench.test`,
    name: `Owner ${connection}`,
    agencyId: `agency-${connection}`,
    actionId: `action-${connection}`,
    recommendationId: `recommendation-${connection}`,
    viewRecommendationId: `recommendation-${connection}-view`,
    status: 'IN_PROGRESS',
    reviewId: 'review-1',
  }));
  const sessions: Session[] = fixtures.map((f) => ({ cookie: `session=${f.userId}`, claims: null }));
  const rows: Row[] = [];

  beforeAll(async () => {
    urls = [await listen(a.server), await listen(b.server)];
  });
  afterAll(async () => {
    await Promise.all([a, b].map(({ server }) => new Promise((resolve) => server.close(resolve))));
  });

  it('measures pages: throughput, percentiles, no errors, connections alternating between servers', async () => {
    const result = await measure(pageScenario('list', () => '/recommendations?status=IN_PROGRESS', fixtures, sessions), { urls, connections: 4, duration: 1, warmup: 0.2 });
    expect(result.requests).toBeGreaterThan(20);
    expect(result.rps).toBeGreaterThan(20);
    expect(result.errors.total).toBe(0);
    expect(result.statusCodes).toEqual({ 200: result.requests });
    expect(result.latencyMs.p50).toBeLessThanOrEqual(result.latencyMs.p95);
    expect(result.latencyMs.p95).toBeLessThanOrEqual(result.latencyMs.p99);
    expect(result.servers).toBe(2);
    expect(result.responseKb).toBeGreaterThan(0);
    rows.push({ key: 'list', test: 'recommendations list', path: '/recommendations', load: result, target: { p95Ms: 50 }, ...judge({ key: 'list', test: 'list', path: '/', load: result, target: { p95Ms: 50 } }) });
  });

  it('counts non-2xx answers as errors', async () => {
    const result = await measure(pageScenario('broken', () => '/broken', fixtures, sessions), { urls: urls.slice(0, 1), connections: 2, duration: 0.5 });
    expect(result.requests).toBeGreaterThan(0);
    expect(result.errors.non2xx).toBe(result.requests);
    expect(result.errors.total).toBe(result.requests);
  });

  it('keeps each connection on its own action and version, and accounts for every write', async () => {
    const tracker = newWriteTracker(fixtures, new Map(fixtures.map((f) => [f.actionId, 1])));
    const currentVersions = async (ids: string[]) => new Map(ids.map((id) => [id, a.versions.get(id) ?? b.versions.get(id) ?? 1]));
    // Both servers share one "database": actions of even connections live on server a, odd on b.
    const serverAction = { id: 'action-id', page: 'action' } as const;
    const result = await measure(statusUpdateScenario(serverAction, fixtures, sessions, tracker, currentVersions, { settleMs: 100 }), { urls, connections: 4, duration: 1, warmup: 0.3 });
    expect(result.errors.total).toBe(0);
    expect(result.requests).toBeGreaterThan(20);
    for (const fixture of fixtures) {
      const server = fixture.connection % 2 === 0 ? a : b;
      const done = server.applied.get(fixture.actionId) ?? 0;
      const acknowledged = tracker.successes.get(fixture.actionId) ?? 0;
      const cutOff = tracker.unacknowledged.get(fixture.actionId) ?? 0;
      expect(acknowledged + cutOff).toBe(done);
      expect(server.versions.get(fixture.actionId)).toBe(1 + done);
    }
    // Posted on the action page (the recommendation's when the build has no action page).
    expect(new Set([...a.paths, ...b.paths])).toEqual(new Set(fixtures.map((f) => `/actions/${f.actionId}`)));
    // Each request's Origin is the server it was sent to (Next's Server Action CSRF check).
    expect(a.origins.length).toBeGreaterThan(0);
    expect(b.origins.length).toBeGreaterThan(0);
    for (const line of [...a.origins, ...b.origins]) {
      const [origin, host] = line.split(' → ');
      expect(origin).toBe(`http://${host}`);
    }
    rows.push({ key: 'status', test: 'status update', path: 'POST', load: result, target: { minRps: 300, noErrors: true }, ...judge({ key: 'status', test: 'status update', path: 'POST', load: result, target: { minRps: 300, noErrors: true } }) });
  });

  it('writes the table as Markdown and JSON, timestamped and as latest', async () => {
    const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'bench-results-'));
    try {
      const report: BenchReport = {
        startedAt: '2026-11-27T12:00:00.000Z',
        finishedAt: '2026-11-27T12:01:00.000Z',
        totalSeconds: 60,
        command: 'npm run bench -- --scale 1',
        machine: { cpus: 2, cpuModel: 'test CPU', memoryGb: 4, node: process.version, os: 'test' },
        scale: 1,
        counts: { reviews: 20, recommendations: 600, events: 19_000, users: 40, agencies: 6, evidence: 300, comments: 4000 },
        data: { generatedNow: true, copySeconds: 0.1 },
        build: { distDir: '.next-bench', built: false, serverStartSeconds: 1 },
        load: { connections: 4, durationSeconds: 1, warmupSeconds: 0.2, generator: 'autocannon' },
        variants: [{ instances: 2, servers: urls, rows, writes: { actions: 4, clientSuccesses: 10, unacknowledged: 0, versionIncrements: 10, eventsWritten: 10, consistent: true, mismatches: [] } }],
        bundles: [{ route: '/recommendations', files: 7, rawKb: 480, gzipKb: 143.7 }],
        targets: [],
        notes: ['a note'],
      };
      report.targets = summariseTargets(report);
      expect(report.targets.map((t) => t.name)).toContain('list and recommendation pages p95 under 50 ms');
      const written = await writeReport(report, dir);
      const files = (await fs.readdir(dir)).sort();
      expect(files).toEqual(['2026-11-27T12-00-00-000Z-scale1.json', '2026-11-27T12-00-00-000Z-scale1.md', 'latest.json', 'latest.md']);
      const markdown = await fs.readFile(path.join(dir, 'latest.md'), 'utf8');
      expect(markdown).toBe(renderMarkdown(report));
      expect(markdown).toContain('| test | req/s | p50 ms | p95 ms | p99 ms | errors | alone p50 ms | DB ms | alone ÷ DB | kB/response | target | met |');
      expect(markdown).toMatch(/\| recommendations list \| [\d,]+ \|/);
      expect(markdown).toContain('no write lost');
      expect(markdown).toContain('| `/recommendations` | 143.7 | ✓ |');
      expect(JSON.parse(await fs.readFile(path.join(dir, 'latest.json'), 'utf8'))).toEqual(JSON.parse(JSON.stringify(report)));
      expect(written.text).toBe(markdown);
    } finally {
      await fs.rm(dir, { recursive: true, force: true });
    }
  });
});

describe('the update-progress Server Action from a build’s manifest', () => {
  it('is the action page’s when the build has one, else the recommendation page’s', async () => {
    const dist = await fs.mkdtemp(path.join(os.tmpdir(), 'bench-dist-'));
    try {
      const write = async (node: Record<string, { filename: string; exportedName: string }>) => {
        await fs.mkdir(path.join(dist, 'server'), { recursive: true });
        await fs.writeFile(path.join(dist, 'server/server-reference-manifest.json'), JSON.stringify({ node }));
      };
      const onRecommendation = { 'rec-id': { filename: 'app/(app)/recommendations/[recommendationId]/actions.ts', exportedName: 'updateProgressAction' } };
      await write(onRecommendation);
      expect(await updateProgressAction(dist)).toEqual({ id: 'rec-id', page: 'recommendation' });
      await write({ ...onRecommendation, 'act-id': { filename: 'app/(app)/actions/[actionId]/actions.ts', exportedName: 'updateProgressAction' } });
      expect(await updateProgressAction(dist)).toEqual({ id: 'act-id', page: 'action' });
      await write({});
      await expect(updateProgressAction(dist)).rejects.toThrow(/not in the build/);
    } finally {
      await fs.rm(dist, { recursive: true, force: true });
    }
  });
});

describe('first-load JavaScript from a build’s manifests', () => {
  it('adds the root scripts and the route’s entry scripts, each once, gzipped, leaving out polyfills', async () => {
    const dist = await fs.mkdtemp(path.join(os.tmpdir(), 'bench-dist-'));
    try {
      const write = async (file: string, text: string) => {
        await fs.mkdir(path.dirname(path.join(dist, file)), { recursive: true });
        await fs.writeFile(path.join(dist, file), text);
      };
      await write('app-path-routes-manifest.json', JSON.stringify({ '/(app)/page': '/', '/api/x/route': '/api/x' }));
      await write('build-manifest.json', JSON.stringify({ rootMainFiles: ['static/chunks/root.js'], polyfillFiles: ['static/chunks/polyfill.js'] }));
      await write('static/chunks/root.js', 'x'.repeat(5000));
      await write('static/chunks/page.js', 'y'.repeat(3000));
      await write('static/chunks/polyfill.js', 'z'.repeat(9000));
      await write(
        'server/app/(app)/page_client-reference-manifest.js',
        `globalThis.__RSC_MANIFEST = globalThis.__RSC_MANIFEST || {};\nglobalThis.__RSC_MANIFEST["/(app)/page"] = ${JSON.stringify({
          entryJSFiles: { '[project]/app/layout': ['static/chunks/page.js'], '[project]/app/(app)/page': ['static/chunks/page.js', 'static/chunks/root.js'] },
        })};`,
      );
      const bundles = await firstLoadJs(dist);
      expect(bundles).toHaveLength(1);
      expect(bundles[0]).toMatchObject({ route: '/', files: 2, rawKb: 7.8 });
      expect(bundles[0]!.gzipKb).toBeLessThan(0.5);
    } finally {
      await fs.rm(dist, { recursive: true, force: true });
    }
  });
});
