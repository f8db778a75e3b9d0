import { readFileSync } from 'node:fs';
import path from 'node:path';
import pg from 'pg';

/** A connection to the e2e server's embedded database (its URL is written by `npm start`). */
export async function e2eDatabase() {
  const url = readFileSync(path.join(process.env.E2E_DATA_DIR || '.data/e2e', 'database-url'), 'utf8').trim();
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  return client;
}
