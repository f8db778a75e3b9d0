// What the benchmark measures: its tests, each connection's requests, and
// how a result is judged against the issue's targets. Pure (no servers, no
// database), so the test suite can drive it against a stand-in server.
import type { Scenario } from './measure';
import type { BenchReport, Row, Target } from './report';

/** The "report as at a date a year ago" date: a year before the simulated history ends. */
export const AS_AT = '2025-11-01';

export type Fixture = {
  connection: number;
  userId: string;
  email: string;
  name: string;
  agencyId: string;
  /** The action (of the user's agency, in progress) this connection's status updates write to. */
  actionId: string;
  /** The recommendation that action carries out. */
  recommendationId: string;
  /** Another of the agency's recommendations, the one its page views read: the benchmark never writes to it. */
  viewRecommendationId: string;
  /** The written action's status (unchanged by the updates: each is a progress note). */
  status: string;
  reviewId: string;
};

/**
 * The Server Action a status update posts to, and the page it is posted on:
 * the action page's form (app/(app)/actions/[actionId]) when the build has it,
 * else the recommendation page's.
 */
export type UpdateProgressAction = { id: string; page: 'action' | 'recommendation' };

/** The page a connection's status updates are posted on. */
export function statusUpdatePath(action: UpdateProgressAction, fixture: Fixture) {
  return action.page === 'action' ? `/actions/${fixture.actionId}` : `/recommendations/${fixture.recommendationId}`;
}

export type Session = { cookie: string; claims: { id?: string; sessionVersion?: number; sessionId?: string } | null };

export function pageScenario(name: string, pathFor: (fixture: Fixture) => string, fixtures: Fixture[], sessions: Session[]): Scenario {
  return {
    name,
    request: (connection) => ({ path: pathFor(fixtures[connection % fixtures.length]!), headers: { Cookie: sessions[connection % sessions.length]!.cookie } }),
  };
}

export type WriteTracker = {
  /** The version each connection's next update is based on. */
  versions: Map<number, number>;
  /** Updates answered {"ok":true}, per action. */
  successes: Map<string, number>;
  /** Updates the server did although their answer never came (in flight when a run stopped), per action. */
  unacknowledged: Map<string, number>;
  /** Connections with a request sent and no answer yet. */
  pending: Set<number>;
  responses: number;
};

/** `versions`: each written action's version, by action id. */
export function newWriteTracker(fixtures: Fixture[], versions: Map<string, number>): WriteTracker {
  return {
    versions: new Map(fixtures.map((f) => [f.connection, versions.get(f.actionId)!])),
    successes: new Map(),
    unacknowledged: new Map(),
    pending: new Set(),
    responses: 0,
  };
}

const add = (map: Map<string, number>, key: string, n = 1) => map.set(key, (map.get(key) ?? 0) + n);

/**
 * Progress notes on an action (status unchanged, so every one is valid)
 * through the update-progress form's Server Action, every connection on its
 * own action, each request based on the version its previous answer gave.
 * `currentVersions` reads the actions' versions from the database after a
 * run, for the requests that were cut off.
 */
export function statusUpdateScenario(
  serverAction: UpdateProgressAction,
  fixtures: Fixture[],
  sessions: Session[],
  tracker: WriteTracker,
  currentVersions: (actionIds: string[]) => Promise<Map<string, number>>,
  options: { settleMs?: number } = {},
): Scenario {
  let counter = 0;
  return {
    name: 'status update',
    request: (connection, origin) => {
      const fixture = fixtures[connection % fixtures.length]!;
      tracker.pending.add(connection);
      // The Server Action's one argument, as the form sends it (lib/actions/update-progress.schema.ts).
      const body = JSON.stringify([{ actionId: fixture.actionId, version: tracker.versions.get(connection), status: fixture.status, note: `Benchmark progress note ${++counter}` }]);
      return {
        method: 'POST',
        path: statusUpdatePath(serverAction, fixture),
        headers: {
          Cookie: sessions[connection % sessions.length]!.cookie,
          'Next-Action': serverAction.id,
          Accept: 'text/x-component',
          'Content-Type': 'text/plain;charset=UTF-8',
          Origin: origin,
        },
        body,
      };
    },
    check: (connection, status, body) => {
      tracker.responses++;
      tracker.pending.delete(connection);
      const fixture = fixtures[connection % fixtures.length]!;
      if (status === 200 && /"ok":true/.test(body)) {
        const version = /"version":(\d+)/.exec(body);
        if (version) tracker.versions.set(connection, Number(version[1]));
        add(tracker.successes, fixture.actionId);
        return Boolean(version);
      }
      // Only this connection writes this action: a newer version is one of its own
      // requests cut off when a run stopped, done by the server after all. Carry on from it.
      const current = /"currentVersion":(\d+)/.exec(body);
      if (current) {
        const known = tracker.versions.get(connection)!;
        if (Number(current[1]) > known) add(tracker.unacknowledged, fixture.actionId, Number(current[1]) - known);
        tracker.versions.set(connection, Number(current[1]));
      }
      return false;
    },
    settle: async () => {
      if (tracker.pending.size === 0) return;
      const cut = [...tracker.pending].map((connection) => fixtures[connection % fixtures.length]!);
      const ids = cut.map((f) => f.actionId);
      // Let the server finish what it was doing when the connections closed: wait until the versions stop moving.
      const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
      const settleMs = options.settleMs ?? 1500;
      await pause(settleMs);
      let versions = await currentVersions(ids);
      for (let waited = 0; waited < 20 * settleMs; waited += settleMs) {
        await pause(settleMs);
        const again = await currentVersions(ids);
        const moved = ids.some((id) => again.get(id) !== versions.get(id));
        versions = again;
        if (!moved) break;
      }
      for (const fixture of cut) {
        const now = versions.get(fixture.actionId);
        const known = tracker.versions.get(fixture.connection)!;
        if (now !== undefined && now > known) {
          add(tracker.unacknowledged, fixture.actionId, now - known);
          tracker.versions.set(fixture.connection, now);
        }
      }
      tracker.pending.clear();
    },
  };
}

export type TestKey = 'list' | 'recommendation' | 'dashboard' | 'status' | 'reportNow' | 'reportAsAt' | 'actions' | 'actionsAgency';

// The keys and names of the tests before actions stay, so that figures before and after compare; the status update is now an action's.
export const TESTS: { key: TestKey; test: string; target: Target }[] = [
  { key: 'list', test: 'recommendations list (agency, in progress, by due date)', target: { p95Ms: 50 } },
  { key: 'recommendation', test: 'recommendation page', target: { p95Ms: 50 } },
  { key: 'dashboard', test: 'dashboard', target: {} },
  { key: 'status', test: 'status update (progress note, Server Action)', target: { minRps: 300, noErrors: true } },
  { key: 'actions', test: 'actions list', target: { p95Ms: 50 } },
  { key: 'actionsAgency', test: 'actions list (agency)', target: { p95Ms: 50 } },
  { key: 'reportNow', test: 'review report, now', target: { p95Ms: 150 } },
  { key: 'reportAsAt', test: `review report, as at ${AS_AT}`, target: { p95Ms: 300 } },
];

export const listQuery = (fixture: Fixture) => `agency=${encodeURIComponent(fixture.agencyId)}&status=IN_PROGRESS&sort=due`;
/** The actions list's query for a test: every action in scope, or the user's agency's. */
export const actionsQuery = (key: 'actions' | 'actionsAgency', fixture: Fixture) => (key === 'actions' ? '' : `agency=${encodeURIComponent(fixture.agencyId)}`);

export function pathFor(key: Exclude<TestKey, 'status'>, fixture: Fixture) {
  switch (key) {
    case 'list':
      return `/recommendations?${listQuery(fixture)}`;
    case 'recommendation':
      return `/recommendations/${fixture.viewRecommendationId}`;
    case 'dashboard':
      return '/';
    case 'reportNow':
      return `/reports/${fixture.reviewId}`;
    case 'reportAsAt':
      return `/reports/${fixture.reviewId}?asAt=${AS_AT}`;
    case 'actions':
      return '/actions';
    case 'actionsAgency':
      return `/actions?${actionsQuery(key, fixture)}`;
  }
}

export function judge(row: Omit<Row, 'met' | 'notes'>): { met: boolean | null; notes: string[] } {
  const notes: string[] = [];
  const checks: boolean[] = [];
  const l = row.load;
  if (row.target.p95Ms !== undefined) {
    checks.push(l.latencyMs.p95 < row.target.p95Ms);
    if (!(l.latencyMs.p95 < row.target.p95Ms)) notes.push(`p95 ${l.latencyMs.p95} ms is over ${row.target.p95Ms} ms`);
  }
  if (row.target.minRps !== undefined) {
    checks.push(l.rps > row.target.minRps);
    if (!(l.rps > row.target.minRps)) notes.push(`${l.rps} req/s is under ${row.target.minRps}`);
  }
  if (row.target.noErrors) checks.push(l.errors.total === 0);
  if (l.errors.total > 0) notes.push(`${l.errors.total} errors (${JSON.stringify(l.errors)}; status codes ${JSON.stringify(l.statusCodes)})`);
  if (row.ratio !== undefined) {
    checks.push(row.ratio <= 3);
    if (row.ratio > 3) notes.push(`one request (p50, alone) takes ${row.ratio.toFixed(1)}× the database's own time (target ≤ 3×)`);
  }
  return { met: checks.length ? checks.every(Boolean) : null, notes };
}

/** The issue's targets, each met or missed, from the table (the worst variant counts). */
export function summariseTargets(report: BenchReport): BenchReport['targets'] {
  const rows = (key: string) => report.variants.flatMap((v) => v.rows.filter((r) => r.key === key).map((r) => ({ v, r })));
  const worstP95 = (key: string) => Math.max(...rows(key).map(({ r }) => r.load.latencyMs.p95));
  const describe = (key: string) => rows(key).map(({ v, r }) => `${r.load.latencyMs.p95} ms (${v.instances} inst.)`).join(', ');
  const targets: BenchReport['targets'] = [];
  const p95Target = (name: string, keys: string[], limit: number) => {
    const all = keys.flatMap(rows);
    if (!all.length) return;
    targets.push({ name, met: keys.every((k) => worstP95(k) < limit), detail: keys.map((k) => `${k}: p95 ${describe(k)}`).join('; ') });
  };
  p95Target(`list and recommendation pages p95 under 50 ms`, ['list', 'recommendation'], 50);
  p95Target('actions list p95 under 50 ms', ['actions', 'actionsAgency'], 50);
  const status = rows('status');
  if (status.length) {
    const ok = status.every(({ v, r }) => r.load.rps > 300 && r.load.errors.total === 0 && v.writes?.consistent === true);
    targets.push({
      name: 'status updates over 300 per second with no errors and no lost updates',
      met: ok,
      detail: status.map(({ v, r }) => `${r.load.rps} req/s, ${r.load.errors.total} errors, ${v.writes?.consistent ? 'none lost' : 'LOST OR EXTRA WRITES'} (${v.instances} inst.)`).join('; '),
    });
  }
  p95Target('review report now under 150 ms (p95)', ['reportNow'], 150);
  p95Target('review report as at a past date under 300 ms (p95)', ['reportAsAt'], 300);
  const ratios = report.variants.flatMap((v) => v.rows.filter((r) => r.ratio !== undefined).map((r) => ({ v, r })));
  if (ratios.length) {
    const over = ratios.filter(({ r }) => r.ratio! > 3);
    targets.push({
      name: 'every page within 3× the database’s own time (alone p50 ÷ DB)',
      met: over.length === 0,
      detail: over.length ? `over: ${over.map(({ v, r }) => `${r.key} ${r.ratio}× (${v.instances} inst.)`).join(', ')}` : 'all within',
    });
  }
  if (report.bundles.length) {
    const over = report.bundles.filter((b) => b.gzipKb > 150);
    targets.push({
      name: 'no route’s first-load JavaScript over 150 kB compressed',
      met: over.length === 0,
      detail: over.length ? `over: ${over.map((b) => `${b.route} ${b.gzipKb} kB`).join(', ')}` : `largest ${report.bundles[0]!.route} ${report.bundles[0]!.gzipKb} kB`,
    });
  }
  return targets;
}
