import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { TestProject } from 'vitest/node';
import { createDatabase, migrateForApp, startEmbeddedPostgres } from '../../scripts/database';

export const TEMPLATE_DATABASE = 'followthrough_template';

declare module 'vitest' {
  export interface ProvidedContext {
    /** The cluster's superuser, on its maintenance database. */
    clusterUrl: string;
    /** The owner of the tables (migrations), on the maintenance database. */
    ownerClusterUrl: string;
    /** The app's role (neither superuser nor owner), on the maintenance database. */
    appClusterUrl: string;
  }
}

/** Starts a throwaway PostgreSQL and migrates the template every test database is cloned from. */
export default async function setup(project: TestProject) {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'followthrough-test-'));
  const cluster = await startEmbeddedPostgres({ dataDir: path.join(dir, 'postgres'), ephemeral: true });
  await createDatabase(cluster, TEMPLATE_DATABASE);
  // As in production: migrated by the owner, and the app's role granted what it needs.
  await migrateForApp({ ownerUrl: cluster.url(TEMPLATE_DATABASE, 'owner'), appUrl: cluster.url(TEMPLATE_DATABASE, 'app') });
  project.provide('clusterUrl', cluster.url('postgres'));
  project.provide('ownerClusterUrl', cluster.url('postgres', 'owner'));
  project.provide('appClusterUrl', cluster.url('postgres', 'app'));
  return async () => {
    await cluster.stop();
    await rm(dir, { recursive: true, force: true });
  };
}
