import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { TestProject } from 'vitest/node';
import { createDatabase, migrateDeploy, startEmbeddedPostgres } from '../../scripts/database';

export const TEMPLATE_DATABASE = 'followthrough_template';

declare module 'vitest' {
  export interface ProvidedContext {
    clusterUrl: string;
  }
}

/** Starts a throwaway PostgreSQL and migrates the template every test database is cloned from. */
export default async function setup(project: TestProject) {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'followthrough-test-'));
  const cluster = await startEmbeddedPostgres({ dataDir: path.join(dir, 'postgres'), ephemeral: true });
  await createDatabase(cluster, TEMPLATE_DATABASE);
  await migrateDeploy(cluster.url(TEMPLATE_DATABASE));
  project.provide('clusterUrl', cluster.url('postgres'));
  return async () => {
    await cluster.stop();
    await rm(dir, { recursive: true, force: true });
  };
}
