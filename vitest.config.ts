import path from 'node:path';
import { defineConfig } from 'vitest/config';

const root = import.meta.dirname;

export default defineConfig({
  resolve: {
    alias: {
      '@': root,
      // Domain modules import 'server-only' to keep them out of client bundles;
      // under test they run in Node, as on the server.
      'server-only': path.join(root, 'tests/support/server-only.ts'),
    },
  },
  test: {
    include: ['lib/**/*.test.ts', 'tests/**/*.test.ts', 'scripts/**/*.test.ts', 'prisma/**/*.test.ts'],
    // One embedded PostgreSQL for the run; each test file gets its own database cloned from a migrated template.
    globalSetup: ['tests/support/global-setup.ts'],
    setupFiles: ['tests/support/database-per-file.ts'],
    pool: 'forks',
    testTimeout: 30_000,
    hookTimeout: 120_000,
  },
});
