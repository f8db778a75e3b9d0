import { readFileSync } from 'node:fs';
import path from 'node:path';
import pg from 'pg';
import { sealTotpSecret } from '../../lib/auth/totp-secret-at-rest';

const dataDir = () => process.env.E2E_DATA_DIR || '.data/e2e';

/** A connection to the e2e server's embedded database (its URL is written by `npm start`). */
export async function e2eDatabase() {
  const url = readFileSync(path.join(dataDir(), 'database-url'), 'utf8').trim();
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  return client;
}

/** A two-factor secret as the e2e server stores it: sealed for `userId` under the key `npm start` keeps beside the database. */
export function sealedTotpSecret(userId: string, secret: string): string {
  process.env.TOTP_ENCRYPTION_KEY = readFileSync(path.join(dataDir(), 'totp-key'), 'utf8').trim();
  return sealTotpSecret(userId, secret);
}
