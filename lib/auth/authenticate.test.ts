import { beforeAll, describe, expect, it } from 'vitest';
import { db } from '@/lib/db';
import type { Role } from '@/lib/generated/prisma/enums';
import { createAgency, createUser, TEST_PASSWORD } from '@/tests/support/factories';
import { authenticate } from './authenticate';
import { findSessionUser } from './session-user';

let agencyId: string;
beforeAll(async () => {
  agencyId = (await createAgency()).id;
});

describe('authenticate', () => {
  it.each<Role>(['ADMIN', 'REVIEWER', 'OWNER', 'VIEWER'])('signs in a %s with the right password', async (role) => {
    const user = await createUser(role, agencyId);
    const signedIn = await authenticate({ email: user.email.toUpperCase(), password: TEST_PASSWORD });
    expect(signedIn).toMatchObject({ id: user.id, role, agencyId, sessionVersion: 1 });
    const row = await db.user.findUniqueOrThrow({ where: { id: user.id } });
    expect(row.lastSignInAt).toBeInstanceOf(Date);
  });

  it('refuses a wrong password, an unknown user and a deactivated user alike', async () => {
    const user = await createUser('REVIEWER', agencyId);
    const inactive = await createUser('REVIEWER', agencyId, { active: false });
    expect(await authenticate({ email: user.email, password: 'wrong password here' })).toBeNull();
    expect(await authenticate({ email: 'nobody@example.test', password: TEST_PASSWORD })).toBeNull();
    expect(await authenticate({ email: inactive.email, password: TEST_PASSWORD })).toBeNull();
  });

  it('refuses malformed input without throwing', async () => {
    for (const input of [null, undefined, {}, { email: 'x' }, { email: ['a'], password: 1 }, 'string']) {
      expect(await authenticate(input)).toBeNull();
    }
  });
});

describe('findSessionUser', () => {
  it('returns the user while the session version matches and the user is active', async () => {
    const user = await createUser('OWNER', agencyId);
    expect(await findSessionUser({ id: user.id, sessionVersion: 1 })).toMatchObject({ id: user.id, role: 'OWNER' });
  });

  it("ends a deactivated user's existing session", async () => {
    const user = await createUser('OWNER', agencyId);
    await db.user.update({ where: { id: user.id }, data: { active: false } });
    expect(await findSessionUser({ id: user.id, sessionVersion: 1 })).toBeNull();
  });

  it('ends sessions issued before a role change (session version bumped)', async () => {
    const user = await createUser('REVIEWER', agencyId);
    await db.user.update({ where: { id: user.id }, data: { role: 'VIEWER', sessionVersion: { increment: 1 } } });
    expect(await findSessionUser({ id: user.id, sessionVersion: 1 })).toBeNull();
    expect(await findSessionUser({ id: user.id, sessionVersion: 2 })).toMatchObject({ role: 'VIEWER' });
  });

  it('returns null without a session or with an unknown id', async () => {
    expect(await findSessionUser(null)).toBeNull();
    expect(await findSessionUser({ id: undefined, sessionVersion: 1 })).toBeNull();
    expect(await findSessionUser({ id: 'no-such-user', sessionVersion: 1 })).toBeNull();
  });
});
