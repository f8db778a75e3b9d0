import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { inject } from 'vitest';
import { TEMPLATE_DATABASE } from './global-setup';

// Runs before each test file: clone the migrated template into a database of
// the file's own, so files never see each other's data and can run in parallel.
const clusterUrl = new URL(inject('clusterUrl'));
const name = `test_${randomBytes(6).toString('hex')}`;
const admin = new pg.Client({ connectionString: clusterUrl.toString() });
await admin.connect();
await admin.query(`CREATE DATABASE ${name} TEMPLATE ${TEMPLATE_DATABASE}`);
await admin.end();
clusterUrl.pathname = `/${name}`;
process.env.DATABASE_URL = clusterUrl.toString();
