// The load generator: autocannon (programmatic), one scenario at a time.
// Every connection is one user: it sends its own requests (its own cookie,
// its own recommendation) and may keep state between them (the version its
// next status update is based on). Connections alternate between the
// servers given. Latency percentiles are computed exactly from every
// response, and a response counts as an error when its status is not 2xx,
// when it times out or its connection fails, or when the scenario's own
// check says so (a Server Action answering {"ok":false}).
import autocannon from 'autocannon';

export type ScenarioRequest = { method?: 'GET' | 'POST'; path: string; headers?: Record<string, string>; body?: string };

export type Scenario = {
  name: string;
  /** The request connection `connection` sends next; `origin` is the server it talks to (http://host:port). */
  request(connection: number, origin: string): ScenarioRequest;
  /** Judges a response (and may update the connection's state from it): false counts as an error. Reading bodies costs: only when needed. */
  check?(connection: number, status: number, body: string): boolean;
  /**
   * Called after each run (the warm-up too), once its connections are closed:
   * requests still in flight when a run stops got no response here, though
   * the server may have done them.
   */
  settle?(): Promise<void>;
};

export type LoadOptions = {
  /** Base URLs of the servers; connection i talks to urls[i % urls.length]. */
  urls: string[];
  connections: number;
  /** Seconds measured. */
  duration: number;
  /** Seconds of unmeasured load first (JIT, caches, connection pools). */
  warmup?: number;
  /** Seconds before a request counts as timed out. */
  timeout?: number;
};

export type LoadResult = {
  name: string;
  connections: number;
  servers: number;
  seconds: number;
  requests: number;
  rps: number;
  latencyMs: { p50: number; p95: number; p99: number; mean: number; max: number };
  errors: { total: number; non2xx: number; timeouts: number; connection: number; failedChecks: number };
  /** Mean size of a response (headers and body), kB. */
  responseKb: number;
  statusCodes: Record<string, number>;
};

/** The value at quantile q of sorted values (nearest rank). */
export function percentile(sorted: number[], q: number): number {
  if (sorted.length === 0) return Number.NaN;
  const rank = Math.ceil(q * sorted.length);
  return sorted[Math.min(sorted.length - 1, Math.max(0, rank - 1))]!;
}

const round = (value: number, digits = 1) => (Number.isFinite(value) ? Math.round(value * 10 ** digits) / 10 ** digits : value);

/** One autocannon run of a scenario for `seconds`. */
async function runOnce(scenario: Scenario, options: LoadOptions, seconds: number) {
  const latencies: number[] = [];
  const statusCodes: Record<string, number> = {};
  let failedChecks = 0;
  let nextConnection = 0;
  const started = process.hrtime.bigint();
  // Cloned for every connection by autocannon (with its `state`): the connection's own state.
  const request = {
    state: { connection: -1 },
    setupRequest(req: { state: { connection: number }; host: string; headers?: Record<string, string> }) {
      const state = req.state;
      if (state.connection < 0) state.connection = nextConnection++;
      const next = scenario.request(state.connection, `http://${req.host}`);
      return { ...req, method: next.method ?? 'GET', path: next.path, headers: { ...req.headers, ...next.headers }, body: next.body ?? '' };
    },
    ...(scenario.check
      ? {
          onResponse(this: { state: { connection: number } }, status: number, body: string) {
            // Always called (it may keep state); counted only for a 2xx, which is not already an error.
            if (!scenario.check!(this.state.connection, status, body) && status >= 200 && status < 300) failedChecks++;
          },
        }
      : {}),
  };
  // @types/autocannon knows neither a list of URLs nor per-connection state.
  const settings = {
    url: options.urls,
    connections: options.connections,
    duration: seconds,
    timeout: options.timeout ?? 10,
    requests: [request],
  } as unknown as autocannon.Options;
  const result = await new Promise<autocannon.Result>((resolve, reject) => {
    const instance = autocannon(settings, (error, finished) => (error ? reject(error) : resolve(finished)));
    instance.on('response', (_client: unknown, statusCode: number, _bytes: number, responseTime: number) => {
      latencies.push(responseTime);
      statusCodes[statusCode] = (statusCodes[statusCode] ?? 0) + 1;
    });
  });
  const elapsed = Number(process.hrtime.bigint() - started) / 1e9;
  return { result, latencies, statusCodes, failedChecks, elapsed };
}

/** Warms up, then measures a scenario for `duration` seconds. */
export async function measure(scenario: Scenario, options: LoadOptions): Promise<LoadResult> {
  if (options.warmup && options.warmup > 0) {
    await runOnce(scenario, options, options.warmup);
    await scenario.settle?.();
  }
  const { result, latencies, statusCodes, failedChecks } = await runOnce(scenario, options, options.duration);
  await scenario.settle?.();
  latencies.sort((a, b) => a - b);
  const non2xx = Object.entries(statusCodes).reduce((sum, [code, count]) => (code.startsWith('2') ? sum : sum + count), 0);
  const timeouts = result.timeouts;
  const connection = Math.max(0, result.errors - result.timeouts);
  return {
    name: scenario.name,
    connections: options.connections,
    servers: options.urls.length,
    seconds: options.duration,
    requests: latencies.length,
    rps: round(latencies.length / options.duration),
    latencyMs: {
      p50: round(percentile(latencies, 0.5)),
      p95: round(percentile(latencies, 0.95)),
      p99: round(percentile(latencies, 0.99)),
      mean: round(latencies.reduce((sum, value) => sum + value, 0) / Math.max(1, latencies.length)),
      max: round(latencies.at(-1) ?? Number.NaN),
    },
    errors: { total: non2xx + timeouts + connection + failedChecks, non2xx, timeouts, connection, failedChecks },
    responseKb: round((result.throughput?.total ?? 0) / Math.max(1, result.requests?.total ?? latencies.length) / 1024),
    statusCodes,
  };
}
