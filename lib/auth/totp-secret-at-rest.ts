// Two-factor secrets are stored encrypted: AES-256-GCM under a key kept
// outside the database (TOTP_ENCRYPTION_KEY; the embedded default keeps it in
// .data/ beside the database password), bound to the user's id so a sealed
// secret copied onto another account does not open. A copy of the database
// alone (a backup, a read replica, a DBA) does not give anyone's codes.
// No `server-only`: the seed and the browser tests' fixtures seal secrets too.
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import type { Db } from '@/lib/db/client';

/** Marks a sealed value (and its format's version). */
const PREFIX = 'sealed.v1.';

const KEY_HELP = 'TOTP_ENCRYPTION_KEY must be 32 random bytes in base64 (openssl rand -base64 32), kept outside the database';

function key(): Buffer {
  const text = process.env.TOTP_ENCRYPTION_KEY;
  if (!text) throw new Error(`TOTP_ENCRYPTION_KEY is not set. ${KEY_HELP}.`);
  // Node's base64 decoder reads the URL-safe alphabet too.
  const bytes = Buffer.from(text.trim(), 'base64');
  if (bytes.length !== 32) throw new Error(`${KEY_HELP}: this one is ${bytes.length} bytes.`);
  return bytes;
}

/** Throws, with what to do, unless TOTP_ENCRYPTION_KEY is a usable key: for start-up checks. */
export function checkTotpEncryptionKey(): void {
  key();
}

export function isSealedTotpSecret(stored: string): boolean {
  return stored.startsWith(PREFIX);
}

/** The value to store for `secret` (base32) of user `userId`. */
export function sealTotpSecret(userId: string, secret: string): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', key(), iv);
  cipher.setAAD(Buffer.from(userId));
  const body = Buffer.concat([cipher.update(secret, 'utf8'), cipher.final()]);
  return PREFIX + Buffer.concat([iv, body, cipher.getAuthTag()]).toString('base64url');
}

/**
 * The secret in a stored value of user `userId`. Throws for a value that is
 * not sealed, sealed for someone else, altered, or sealed under another key:
 * no code is then accepted (sign-in with a recovery code still works).
 */
export function openTotpSecret(userId: string, stored: string): string {
  if (!isSealedTotpSecret(stored)) throw new Error(`The two-factor secret of user ${userId} is not sealed`);
  const raw = Buffer.from(stored.slice(PREFIX.length), 'base64url');
  if (raw.length < 12 + 16 + 1) throw new Error(`The two-factor secret of user ${userId} is malformed`);
  const decipher = createDecipheriv('aes-256-gcm', key(), raw.subarray(0, 12));
  decipher.setAAD(Buffer.from(userId));
  decipher.setAuthTag(raw.subarray(raw.length - 16));
  try {
    return Buffer.concat([decipher.update(raw.subarray(12, raw.length - 16)), decipher.final()]).toString('utf8');
  } catch {
    throw new Error(`The two-factor secret of user ${userId} does not open with TOTP_ENCRYPTION_KEY (another key, or altered)`);
  }
}

/**
 * Seals every secret stored in plain text (by a version before this one).
 * Run by `npm start` before serving; returns how many it sealed. The same
 * secret, so nothing a user sees changes, and no history event.
 */
export async function sealPlainTotpSecrets(db: Db): Promise<number> {
  // Only the rows still in plain text: after the first start, none.
  const plain = await db.user.findMany({
    where: { totpSecret: { not: null }, NOT: { totpSecret: { startsWith: PREFIX } } },
    select: { id: true, totpSecret: true },
  });
  let sealed = 0;
  for (const { id, totpSecret } of plain) {
    // Only if unchanged meanwhile.
    sealed += (await db.user.updateMany({ where: { id, totpSecret }, data: { totpSecret: sealTotpSecret(id, totpSecret!) } })).count;
  }
  return sealed;
}
