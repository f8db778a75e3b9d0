import { existsSync } from 'node:fs';
import { defineConfig, devices } from '@playwright/test';

const PORT = Number(process.env.E2E_PORT ?? 3100);
export const E2E_DATA_DIR = process.env.E2E_DATA_DIR || '.data/e2e';

// Playwright's own browser download does not work on these machines: use the
// system Chromium (Debian's package), and say how to get one when it is missing.
const chromium = process.env.CHROMIUM_PATH ?? ['/usr/bin/chromium', '/usr/bin/chromium-browser'].find((p) => existsSync(p));
if (!chromium) {
  throw new Error(
    'No Chromium found for the browser tests. Install one with `apt-get install chromium` ' +
      '(or `npx playwright install chromium` on a machine with internet), or set CHROMIUM_PATH.',
  );
}

export default defineConfig({
  testDir: 'e2e',
  fullyParallel: true,
  forbidOnly: true,
  retries: 0,
  workers: 2,
  timeout: 60_000,
  reporter: [['list']],
  use: {
    baseURL: `http://localhost:${PORT}`,
    trace: 'retain-on-failure',
    launchOptions: {
      executablePath: chromium,
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
      ],
    },
  },
  projects: [{ name: 'chromium', use: { ...devices['Desktop Chrome'], channel: undefined } }],
  webServer: {
    // The production server (next build + next start) on a fresh, seeded embedded database.
    command: 'npm start',
    env: { PORT: String(PORT), FOLLOWTHROUGH_DATA_DIR: E2E_DATA_DIR, FOLLOWTHROUGH_FRESH: '1', DATABASE_URL: '', FOLLOWTHROUGH_JOBS: 'off' },
    url: `http://localhost:${PORT}/login`,
    timeout: 600_000,
    reuseExistingServer: false,
    stdout: 'pipe',
  },
});
