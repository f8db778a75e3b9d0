// Production servers for the benchmark, started exactly as `npm start` does
// (scripts/start.ts: migrates, builds when the sources changed, `next
// start`), and signing in through next-auth's credentials endpoint.
import { createHash } from 'node:crypto';
import { type ChildProcess, spawn } from 'node:child_process';
import { createWriteStream } from 'node:fs';
import path from 'node:path';
import { projectRoot } from '../database';

export type BenchServer = {
  origin: string;
  port: number;
  /** Whether this start built the app, and how long starting took (build included). */
  built: boolean;
  startSeconds: number;
  stop(): Promise<void>;
};

/**
 * Starts one server through scripts/start.ts and resolves once it is ready.
 * Its output goes to `logFile`. Start the first server alone: it may build.
 */
export async function startServer(options: {
  port: number;
  databaseUrl: string;
  secret: string;
  distDir: string;
  logFile: string;
  timeoutMs?: number;
}): Promise<BenchServer> {
  const origin = `http://localhost:${options.port}`;
  const started = Date.now();
  const log = createWriteStream(options.logFile, { flags: 'w' });
  const child = spawn(path.join(projectRoot, 'node_modules/.bin/tsx'), ['--conditions=react-server', 'scripts/start.ts'], {
    cwd: projectRoot,
    env: {
      ...process.env,
      DATABASE_URL: options.databaseUrl,
      NEXTAUTH_SECRET: options.secret,
      // Two-factor secrets are sealed under a key outside the database; every instance needs the same one.
      TOTP_ENCRYPTION_KEY: createHash('sha256').update(`totp ${options.secret}`).digest('base64'),
      NEXTAUTH_URL: origin,
      PORT: String(options.port),
      NEXT_DIST_DIR: options.distDir,
      NEXT_TELEMETRY_DISABLED: '1',
      // No scheduled jobs while measuring: a round at 06:00 would land in the middle of a run.
      FOLLOWTHROUGH_JOBS: 'off',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
    // Its own process group: stopping it stops `next start` and anything else it started.
    detached: true,
  });
  let built = false;
  const ready = new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`The server on port ${options.port} was not ready within ${(options.timeoutMs ?? 900_000) / 1000} s (see ${options.logFile})`)), options.timeoutMs ?? 900_000);
    const onData = (chunk: Buffer) => {
      const text = chunk.toString();
      log.write(text);
      if (text.includes('Building the app')) built = true;
      if (text.includes('Followthrough is ready at')) {
        clearTimeout(timer);
        resolve();
      }
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', (chunk: Buffer) => log.write(chunk));
    child.on('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`The server on port ${options.port} exited (code ${code}) before it was ready (see ${options.logFile})`));
    });
  });
  try {
    await ready;
  } catch (error) {
    await stopProcessGroup(child);
    throw error;
  }
  return {
    origin,
    port: options.port,
    built,
    startSeconds: Math.round((Date.now() - started) / 100) / 10,
    stop: async () => {
      await stopProcessGroup(child);
      log.end();
    },
  };
}

async function stopProcessGroup(child: ChildProcess) {
  if (child.exitCode !== null || child.signalCode !== null || !child.pid) return;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  try {
    process.kill(-child.pid, 'SIGTERM');
  } catch {
    return;
  }
  const timeout = new Promise<'timeout'>((resolve) => setTimeout(() => resolve('timeout'), 10_000));
  if ((await Promise.race([exited, timeout])) === 'timeout') {
    try {
      process.kill(-child.pid, 'SIGKILL');
    } catch {
      // already gone
    }
  }
}

/** The cookies a response sets, as name → value. */
function setCookies(response: Response): Map<string, string> {
  const cookies = new Map<string, string>();
  for (const header of response.headers.getSetCookie()) {
    const [pair] = header.split(';');
    const at = pair!.indexOf('=');
    cookies.set(pair!.slice(0, at).trim(), pair!.slice(at + 1).trim());
  }
  return cookies;
}

const cookieHeader = (cookies: Map<string, string>) => [...cookies].map(([name, value]) => `${name}=${value}`).join('; ');

export type SignInResult = { status: number; cookie: string | null; sessionToken: string | null; body: string; retryAfter: string | null };

/**
 * Signs in as a browser's login form does through next-auth: GET the CSRF
 * token (and its cookie), then POST the credentials with it; the session
 * cookie comes back on success.
 */
export async function signIn(origin: string, email: string, password: string): Promise<SignInResult> {
  const csrf = await fetch(`${origin}/api/auth/csrf`);
  const cookies = setCookies(csrf);
  const { csrfToken } = (await csrf.json()) as { csrfToken: string };
  const response = await fetch(`${origin}/api/auth/callback/credentials`, {
    method: 'POST',
    redirect: 'manual',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded', Cookie: cookieHeader(cookies), Origin: origin },
    body: new URLSearchParams({ csrfToken, email, password, json: 'true', callbackUrl: `${origin}/` }).toString(),
  });
  const body = await response.text();
  const returned = setCookies(response);
  const sessionName = [...returned.keys()].find((name) => name.endsWith('next-auth.session-token'));
  const sessionToken = sessionName ? returned.get(sessionName)! : null;
  return {
    status: response.status,
    cookie: sessionToken ? `${sessionName}=${sessionToken}` : null,
    sessionToken,
    body,
    retryAfter: response.headers.get('retry-after'),
  };
}
