import { randomBytes } from 'node:crypto';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { db } from '@/lib/db';
import { DEMO_TOTP_SECRET } from '@/prisma/seed/demo-two-factor';
import { seedDemoData } from '@/prisma/seed/index';
import { createAgency, createUser, TEST_PASSWORD } from '@/tests/support/factories';
import { authenticate } from './authenticate';
import { generateTotpSecret, totpCode } from './totp';
import { checkTotpEncryptionKey, isSealedTotpSecret, openTotpSecret, sealPlainTotpSecrets, sealTotpSecret } from './totp-secret-at-rest';

const KEY = process.env.TOTP_ENCRYPTION_KEY!;
afterEach(() => {
  process.env.TOTP_ENCRYPTION_KEY = KEY;
});

describe('two-factor secrets at rest', () => {
  it('seal to a value that is not the secret, differs each time, and opens only for the same user and key', () => {
    const secret = generateTotpSecret();
    const sealed = sealTotpSecret('user-a', secret);
    expect(isSealedTotpSecret(sealed)).toBe(true);
    expect(sealed).not.toContain(secret);
    expect(sealTotpSecret('user-a', secret)).not.toBe(sealed);
    expect(openTotpSecret('user-a', sealed)).toBe(secret);

    // Copied onto another account: does not open.
    expect(() => openTotpSecret('user-b', sealed)).toThrow(/does not open/);
    // Altered anywhere: does not open.
    const body = sealed.slice(-20);
    const flipped = sealed.slice(0, -20) + (body[0] === 'A' ? 'B' : 'A') + body.slice(1);
    expect(() => openTotpSecret('user-a', flipped)).toThrow(/does not open|malformed/);
    // Stored in plain text: refused, not used.
    expect(() => openTotpSecret('user-a', secret)).toThrow(/is not sealed/);
    // Under another key: does not open.
    process.env.TOTP_ENCRYPTION_KEY = randomBytes(32).toString('base64');
    expect(() => openTotpSecret('user-a', sealed)).toThrow(/does not open/);
  });

  it('needs a key of 32 bytes, and says how to make one', () => {
    process.env.TOTP_ENCRYPTION_KEY = '';
    expect(() => checkTotpEncryptionKey()).toThrow(/TOTP_ENCRYPTION_KEY is not set.*openssl rand -base64 32/);
    process.env.TOTP_ENCRYPTION_KEY = randomBytes(16).toString('base64');
    expect(() => checkTotpEncryptionKey()).toThrow(/32 random bytes.*this one is 16 bytes/);
    process.env.TOTP_ENCRYPTION_KEY = randomBytes(32).toString('base64url');
    expect(() => checkTotpEncryptionKey()).not.toThrow();
  });
});

describe('stored secrets', () => {
  let agencyId: string;
  beforeAll(async () => {
    agencyId = (await createAgency()).id;
  });

  it('the demo data holds no secret in plain text', async () => {
    await seedDemoData(db);
    const enrolled = await db.user.findMany({ where: { totpSecret: { not: null } }, select: { id: true, totpSecret: true } });
    expect(enrolled.length).toBeGreaterThan(0);
    for (const user of enrolled) {
      expect(user.totpSecret).not.toContain(DEMO_TOTP_SECRET);
      expect(openTotpSecret(user.id, user.totpSecret!)).toBe(DEMO_TOTP_SECRET);
    }
  });

  it('a secret a version before this one stored in plain text is sealed at start-up, and its codes still sign in', async () => {
    const user = await createUser('REVIEWER', agencyId);
    const secret = generateTotpSecret();
    await db.user.update({ where: { id: user.id }, data: { totpSecret: secret, totpEnabledAt: new Date() } });
    const at = new Date();
    // Until sealed, no code is accepted from it (it is not read as plain text).
    await expect(authenticate({ email: user.email, password: TEST_PASSWORD, code: totpCode(secret, at) }, { now: at })).rejects.toThrow(/is not sealed/);

    expect(await sealPlainTotpSecrets(db)).toBeGreaterThanOrEqual(1);
    const stored = (await db.user.findUniqueOrThrow({ where: { id: user.id } })).totpSecret!;
    expect(isSealedTotpSecret(stored)).toBe(true);
    expect(await sealPlainTotpSecrets(db)).toBe(0);
    const later = new Date(at.getTime() + 60_000);
    expect(await authenticate({ email: user.email, password: TEST_PASSWORD, code: totpCode(secret, later) }, { now: later })).toMatchObject({ id: user.id });
  });
});
