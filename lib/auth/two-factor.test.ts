import { beforeAll, describe, expect, it } from 'vitest';
import { db } from '@/lib/db';
import { RuleError } from '@/lib/errors';
import { resetTwoFactor } from '@/lib/users/reset-two-factor';
import { resetTwoFactorSchema } from '@/lib/users/user.schema';
import { createSession, createSessionUser, enrolTwoFactor, eventsOf } from '@/tests/support/auth-factories';
import { createAgency, TEST_PASSWORD } from '@/tests/support/factories';
import { authenticate } from './authenticate';
import { ForbiddenError } from './permissions';
import { base32Decode, totpCode, totpStep } from './totp';
import { openTotpSecret } from './totp-secret-at-rest';
import {
  confirmTwoFactorEnrolment,
  consumeSecondFactor,
  disableTwoFactor,
  ENROLMENT_TTL_MS,
  getTwoFactorStatus,
  generateRecoveryCode,
  hashRecoveryCode,
  normaliseRecoveryCode,
  openEnrolment,
  RECOVERY_CODE_COUNT,
  sealEnrolment,
  startTwoFactorEnrolment,
} from './two-factor';

process.env.NEXTAUTH_SECRET ??= 'a test secret that is long enough for next-auth';

let agencyId: string;
beforeAll(async () => {
  agencyId = (await createAgency()).id;
});

const NOW = new Date('2026-03-02T09:00:10Z');
const secretOf = (pending: { secret: string }) => pending.secret.replace(/\s/g, '');

describe('the sealed pending secret', () => {
  it('opens for the same user before it expires, and for nobody else, never after, never altered', () => {
    const token = sealEnrolment('user-a', 'JBSWY3DPEHPK3PXP', NOW);
    expect(openEnrolment('user-a', token, NOW)).toBe('JBSWY3DPEHPK3PXP');
    expect(openEnrolment('user-b', token, NOW)).toBeNull();
    expect(openEnrolment('user-a', token, new Date(NOW.getTime() + ENROLMENT_TTL_MS))).toBeNull();
    const bytes = Buffer.from(token, 'base64url');
    bytes[20]! ^= 1;
    expect(openEnrolment('user-a', bytes.toString('base64url'), NOW)).toBeNull();
    for (const junk of ['', 'x', 'a'.repeat(2000), '%%%']) expect(openEnrolment('user-a', junk, NOW)).toBeNull();
    // The secret does not show through the token.
    expect(token).not.toContain('JBSWY3DPEHPK3PXP');
  });
});

describe('recovery codes', () => {
  it('are 80 random bits in four groups, stored as a SHA-256 and typed in any case or spacing', () => {
    const code = generateRecoveryCode();
    expect(code).toMatch(/^[a-z2-7]{4}(-[a-z2-7]{4}){3}$/);
    expect(base32Decode(code)).toHaveLength(10);
    expect(hashRecoveryCode(code.toUpperCase().replace(/-/g, ' '))).toBe(hashRecoveryCode(code));
    expect(hashRecoveryCode(code)).toMatch(/^[0-9a-f]{64}$/);
    expect(normaliseRecoveryCode('123456')).toBeNull();
  });
});

describe('enrolment', () => {
  it('starts with a QR code (SVG) and the key as text, and confirms with a code: secret stored, ten recovery codes shown once', async () => {
    const actor = await createSessionUser('REVIEWER', agencyId, { twoFactor: false });
    const otherSession = await createSession(actor.id);
    const pending = await startTwoFactorEnrolment(actor, {}, NOW);
    expect(pending.qrSvg).toMatch(/^<svg[^>]*xmlns="http:\/\/www.w3.org\/2000\/svg"/);
    expect(pending.qrSvg).not.toMatch(/<script|on\w+=/i);
    expect(secretOf(pending)).toMatch(/^[A-Z2-7]{32}$/);
    // Nothing stored until confirmed.
    expect(await db.user.findUniqueOrThrow({ where: { id: actor.id } })).toMatchObject({ totpSecret: null, totpEnabledAt: null });

    const { recoveryCodes } = await confirmTwoFactorEnrolment(actor, { token: pending.token, code: totpCode(secretOf(pending), NOW) }, NOW);
    expect(recoveryCodes).toHaveLength(RECOVERY_CODE_COUNT);
    expect(new Set(recoveryCodes).size).toBe(RECOVERY_CODE_COUNT);
    const user = await db.user.findUniqueOrThrow({ where: { id: actor.id }, include: { recoveryCodes: true } });
    expect(user).toMatchObject({ totpEnabledAt: NOW, totpLastStep: totpStep(NOW) });
    // Stored sealed under the key outside the database, never as the secret itself.
    expect(user.totpSecret).not.toContain(secretOf(pending));
    expect(openTotpSecret(actor.id, user.totpSecret!)).toBe(secretOf(pending));
    expect(user.recoveryCodes.map((c) => c.codeHash).sort()).toEqual(recoveryCodes.map(hashRecoveryCode).sort());
    expect(JSON.stringify(user.recoveryCodes)).not.toContain(recoveryCodes[0]);

    const [event] = await eventsOf('user.two_factor_enabled', actor.id);
    expect(event).toMatchObject({ actorId: actor.id, after: { method: 'authenticator app', recoveryCodes: 10 } });
    expect(JSON.stringify(event)).not.toContain(secretOf(pending));
    // The user's other sessions end; this one goes on.
    expect(await db.userSession.findUniqueOrThrow({ where: { id: otherSession.id } })).toMatchObject({ endReason: 'two-factor changed' });
    expect((await db.userSession.findUniqueOrThrow({ where: { id: actor.sessionId } })).endedAt).toBeNull();
    expect(await getTwoFactorStatus(actor)).toEqual({ enabled: true, enabledAt: NOW, required: true, recoveryCodesLeft: 10 });

    // The code used to confirm cannot then sign in (replay); a recovery code can.
    const code = totpCode(secretOf(pending), NOW);
    expect(await authenticate({ email: actor.email, password: TEST_PASSWORD, code }, { now: NOW })).toBeNull();
    expect(await authenticate({ email: actor.email, password: TEST_PASSWORD, code: recoveryCodes[3] }, { now: NOW })).not.toBeNull();
    expect(await getTwoFactorStatus(actor)).toMatchObject({ recoveryCodesLeft: 9 });
  });

  it('refuses a wrong code (on the code field), an expired set-up, and a second enrolment', async () => {
    const actor = await createSessionUser('OWNER', agencyId, { twoFactor: false });
    const pending = await startTwoFactorEnrolment(actor, {}, NOW);
    const wrong = totpCode(secretOf(pending), NOW, { step: totpStep(NOW) + 3 });
    await expect(confirmTwoFactorEnrolment(actor, { token: pending.token, code: wrong }, NOW)).rejects.toMatchObject({ field: 'code' });
    const late = new Date(NOW.getTime() + ENROLMENT_TTL_MS + 1);
    await expect(confirmTwoFactorEnrolment(actor, { token: pending.token, code: totpCode(secretOf(pending), late) }, late)).rejects.toThrow(
      /expired/,
    );
    // Someone else's pending set-up is no use to this user.
    const other = await createSessionUser('OWNER', agencyId, { twoFactor: false });
    const theirs = await startTwoFactorEnrolment(other, {}, NOW);
    await expect(confirmTwoFactorEnrolment(actor, { token: theirs.token, code: totpCode(secretOf(theirs), NOW) }, NOW)).rejects.toThrow(/expired/);

    await confirmTwoFactorEnrolment(actor, { token: pending.token, code: totpCode(secretOf(pending), NOW) }, NOW);
    await expect(startTwoFactorEnrolment(actor, {}, NOW)).rejects.toThrow(RuleError);
    const again = totpCode(secretOf(pending), NOW, { step: totpStep(NOW) + 1 });
    await expect(confirmTwoFactorEnrolment(actor, { token: pending.token, code: again }, NOW)).rejects.toThrow(/already set up/);
  });
});

describe('using a second factor', () => {
  it('uses a code up exactly once when several transactions race for it', async () => {
    const actor = await createSessionUser('OWNER', agencyId, { twoFactor: false });
    const secret = await enrolTwoFactor(actor.id);
    const code = totpCode(secret, NOW);
    // As the sign-in reads it: the stored (sealed) value.
    const stored = await db.user.findUniqueOrThrow({ where: { id: actor.id }, select: { id: true, totpSecret: true } });
    const results = await Promise.all(Array.from({ length: 6 }, () => db.$transaction((tx) => consumeSecondFactor(tx, stored, code, NOW))));
    expect(results.filter(Boolean)).toEqual([{ method: 'totp', step: totpStep(NOW) }]);
  });
});

describe('turning two-factor off', () => {
  it('is refused to admins and reviewers', async () => {
    const reviewer = await createSessionUser('REVIEWER', agencyId);
    await expect(disableTwoFactor(reviewer, { code: '123456' }, NOW)).rejects.toThrow(/must keep two-factor/);
  });

  it('takes a current code, clears the secret and recovery codes, and is recorded', async () => {
    const owner = await createSessionUser('OWNER', agencyId, { twoFactor: false });
    const secret = await enrolTwoFactor(owner.id);
    await db.recoveryCode.create({ data: { userId: owner.id, codeHash: hashRecoveryCode(generateRecoveryCode()) } });
    await expect(disableTwoFactor(owner, { code: totpCode(secret, NOW, { step: totpStep(NOW) + 4 }) }, NOW)).rejects.toMatchObject({ field: 'code' });
    await disableTwoFactor(owner, { code: totpCode(secret, NOW) }, NOW);
    expect(await db.user.findUniqueOrThrow({ where: { id: owner.id } })).toMatchObject({ totpSecret: null, totpEnabledAt: null, totpLastStep: null });
    expect(await db.recoveryCode.count({ where: { userId: owner.id } })).toBe(0);
    expect(await eventsOf('user.two_factor_disabled', owner.id)).toHaveLength(1);
    // The wrong code was counted against the account and recorded (no free guessing from a stolen session).
    expect(await eventsOf('user.reauthentication_failed', owner.id)).toHaveLength(1);
    // And signing in takes only the password again.
    expect(await authenticate({ email: owner.email, password: TEST_PASSWORD }, { now: NOW })).not.toBeNull();
  });

  it('can be reset by an admin, ending all the user’s sessions; by nobody else', async () => {
    const admin = await createSessionUser('ADMIN', agencyId);
    const reviewer = await createSessionUser('REVIEWER', agencyId);
    await expect(resetTwoFactor(reviewer, resetTwoFactorSchema.parse({ id: admin.id }), NOW)).rejects.toThrow(ForbiddenError);
    // Not their own: that needs a code (disableTwoFactor), not just an admin's session.
    await enrolTwoFactor(admin.id);
    await expect(resetTwoFactor(admin, resetTwoFactorSchema.parse({ id: admin.id }), NOW)).rejects.toThrow(RuleError);
    expect(await db.user.findUniqueOrThrow({ where: { id: admin.id } })).toMatchObject({ totpEnabledAt: expect.any(Date) });
    await resetTwoFactor(admin, resetTwoFactorSchema.parse({ id: reviewer.id, resetTwoFactorReason: ' Lost phone ' }), NOW);
    expect(await db.user.findUniqueOrThrow({ where: { id: reviewer.id } })).toMatchObject({ totpSecret: null });
    expect(await db.userSession.findUniqueOrThrow({ where: { id: reviewer.sessionId } })).toMatchObject({ endReason: 'two-factor reset' });
    const [event] = await eventsOf('user.two_factor_disabled', reviewer.id);
    expect(event).toMatchObject({ actorId: admin.id, after: { by: 'admin' }, note: 'Lost phone' });
  });
});
