import 'server-only';
import { createCipheriv, createDecipheriv, createHash, hkdfSync, randomBytes } from 'node:crypto';
import QRCode from 'qrcode';
import { recordEvent } from '@/lib/audit/record-event';
import { db, type Tx } from '@/lib/db';
import { NotFoundError, RuleError } from '@/lib/errors';
import { hasTwoFactor, requiresTwoFactor } from './account-steps';
import { assertCan } from './permissions';
import { assertNotThrottled, recordReauthenticationFailure } from './reauthentication';
import type { Actor, SessionUser } from './session-user';
import { base32Encode, formatSecretForDisplay, generateTotpSecret, totpUri, verifyTotp } from './totp';
import { openTotpSecret, sealTotpSecret } from './totp-secret-at-rest';
import type { ConfirmEnrolmentInput, DisableTwoFactorInput, PendingEnrolment } from './two-factor.schema';
import { endOtherSessions } from './user-session';

// Two-factor sign-in with an authenticator app (TOTP, RFC 6238), required for
// admins and reviewers, optional for everyone else, with ten one-time
// recovery codes.
//
// Enrolment needs a secret that is not yet the user's: it must survive from
// "show the QR code" to "confirm with a code", and the schema has nowhere for
// a pending secret. So `startTwoFactorEnrolment` seals it: AES-256-GCM under a
// key derived (HKDF) from NEXTAUTH_SECRET, bound to the user id (as associated
// data) and to a 10-minute expiry. The sealed token goes to the browser with
// the QR code and comes back with the code. The browser learns nothing it is
// not shown anyway (the secret is on screen for manual entry), cannot forge or
// alter a token (GCM's tag), cannot use another user's, and cannot keep one
// for later. Nothing is written to the database until a correct code proves
// the app holds the secret.

export const ISSUER = 'Followthrough';
export const ENROLMENT_TTL_MS = 10 * 60_000;
export const RECOVERY_CODE_COUNT = 10;

// --- Sealing the pending secret ---------------------------------------------------

function enrolmentKey(): Buffer {
  const secret = process.env.NEXTAUTH_SECRET;
  if (!secret) throw new Error('NEXTAUTH_SECRET is not set');
  return Buffer.from(hkdfSync('sha256', secret, 'followthrough', 'two-factor enrolment v1', 32));
}

export function sealEnrolment(userId: string, secret: string, now: Date = new Date()): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', enrolmentKey(), iv);
  cipher.setAAD(Buffer.from(userId));
  const body = Buffer.concat([cipher.update(JSON.stringify({ s: secret, e: now.getTime() + ENROLMENT_TTL_MS })), cipher.final()]);
  return Buffer.concat([iv, body, cipher.getAuthTag()]).toString('base64url');
}

/** The pending secret, or null for a token that is forged, altered, someone else's or expired. */
export function openEnrolment(userId: string, token: string, now: Date = new Date()): string | null {
  try {
    const raw = Buffer.from(token, 'base64url');
    if (raw.length < 12 + 16 + 1) return null;
    const decipher = createDecipheriv('aes-256-gcm', enrolmentKey(), raw.subarray(0, 12));
    decipher.setAAD(Buffer.from(userId));
    decipher.setAuthTag(raw.subarray(raw.length - 16));
    const plain = Buffer.concat([decipher.update(raw.subarray(12, raw.length - 16)), decipher.final()]).toString();
    const { s, e } = JSON.parse(plain) as { s: unknown; e: unknown };
    if (typeof s !== 'string' || typeof e !== 'number' || e <= now.getTime()) return null;
    return s;
  } catch {
    return null;
  }
}

// --- Recovery codes -----------------------------------------------------------------

/** 80 random bits as 16 base32 characters, shown as four groups of four. */
export function generateRecoveryCode(): string {
  const code = base32Encode(randomBytes(10)).toLowerCase();
  return code.match(/.{4}/g)!.join('-');
}

/** What is kept of a recovery code: SHA-256 is enough for 80 random bits (no guessing, no dictionary). */
export function hashRecoveryCode(code: string): string {
  return createHash('sha256').update(normaliseRecoveryCode(code) ?? '').digest('hex');
}

/** The code as issued (16 base32 characters), forgiving case, spaces and hyphens; null if it cannot be one. */
export function normaliseRecoveryCode(code: string): string | null {
  const clean = code.replace(/[\s-]/g, '').toLowerCase();
  return /^[a-z2-7]{16}$/.test(clean) ? clean : null;
}

async function issueRecoveryCodes(tx: Tx, userId: string): Promise<string[]> {
  const codes = Array.from({ length: RECOVERY_CODE_COUNT }, generateRecoveryCode);
  await tx.recoveryCode.deleteMany({ where: { userId } });
  await tx.recoveryCode.createMany({ data: codes.map((code) => ({ userId, codeHash: hashRecoveryCode(code) })) });
  return codes;
}

// --- Checking a second factor --------------------------------------------------------

export type SecondFactor = { method: 'totp'; step: number } | { method: 'recovery code'; remaining: number };

/**
 * Checks a code from the authenticator app, or a recovery code, and uses it
 * up, atomically: a TOTP step is accepted only if it is later than the last
 * one accepted (User.totpLastStep, moved by a conditional UPDATE, so the same
 * code cannot sign in twice, even at the same instant); a recovery code is
 * marked used by a conditional UPDATE too. Null when the code is wrong or
 * already used. Run it in the transaction that acts on the result.
 */
export async function consumeSecondFactor(
  tx: Tx,
  user: { id: string; totpSecret: string | null },
  code: string,
  now: Date = new Date(),
): Promise<SecondFactor | null> {
  const typed = code.replace(/\s/g, '');
  if (/^\d{6}$/.test(typed)) {
    if (!user.totpSecret) return null;
    const step = verifyTotp(openTotpSecret(user.id, user.totpSecret), typed, now);
    if (step === null) return null;
    const { count } = await tx.user.updateMany({
      where: { id: user.id, totpSecret: user.totpSecret, OR: [{ totpLastStep: null }, { totpLastStep: { lt: step } }] },
      data: { totpLastStep: step },
    });
    return count === 1 ? { method: 'totp', step } : null;
  }
  if (!normaliseRecoveryCode(code)) return null;
  const { count } = await tx.recoveryCode.updateMany({
    where: { userId: user.id, codeHash: hashRecoveryCode(code), usedAt: null },
    data: { usedAt: now },
  });
  if (count !== 1) return null;
  const remaining = await tx.recoveryCode.count({ where: { userId: user.id, usedAt: null } });
  return { method: 'recovery code', remaining };
}

/** Records the use of a recovery code (for sign-in it is done in the sign-in's own transaction). */
export async function recordRecoveryCodeUse(tx: Tx, userId: string, remaining: number) {
  await recordEvent(tx, { actorId: userId, kind: 'user.recovery_code_used', subjectId: userId, after: { remaining }, note: null });
}

// --- Status --------------------------------------------------------------------------

export type TwoFactorStatus = {
  enabled: boolean;
  enabledAt: Date | null;
  required: boolean;
  recoveryCodesLeft: number;
};

export async function getTwoFactorStatus(actor: Actor): Promise<TwoFactorStatus> {
  const user = await db.user.findUniqueOrThrow({
    where: { id: actor.id },
    select: { totpEnabledAt: true, totpSecret: true, _count: { select: { recoveryCodes: { where: { usedAt: null } } } } },
  });
  const enabled = hasTwoFactor(user);
  return {
    enabled,
    enabledAt: user.totpEnabledAt,
    required: requiresTwoFactor(actor.role),
    recoveryCodesLeft: enabled ? user._count.recoveryCodes : 0,
  };
}

// --- Enrolment -----------------------------------------------------------------------

/** A new pending secret, sealed for the form, with its QR code (an SVG string) and the text to type. */
export async function startTwoFactorEnrolment(actor: Actor, _input: unknown = {}, now: Date = new Date()): Promise<PendingEnrolment> {
  const user = await db.user.findUniqueOrThrow({ where: { id: actor.id }, select: { totpEnabledAt: true } });
  if (user.totpEnabledAt) throw new RuleError('Two-factor sign-in is already set up for your account.');
  const secret = generateTotpSecret();
  const uri = totpUri({ secret, accountName: actor.email, issuer: ISSUER });
  const qrSvg = await QRCode.toString(uri, { type: 'svg', margin: 2, width: 220, errorCorrectionLevel: 'M' });
  return {
    token: sealEnrolment(actor.id, secret, now),
    secret: formatSecretForDisplay(secret),
    qrSvg,
    expiresAt: new Date(now.getTime() + ENROLMENT_TTL_MS).toISOString(),
  };
}

/**
 * Confirms enrolment with a code from the app: stores the secret, and issues
 * ten recovery codes, returned here ONCE (only their hashes are kept). The
 * user's other sessions end: they were signed in without this factor.
 */
export async function confirmTwoFactorEnrolment(
  actor: SessionUser,
  input: ConfirmEnrolmentInput,
  now: Date = new Date(),
): Promise<{ recoveryCodes: string[] }> {
  const secret = openEnrolment(actor.id, input.token, now);
  if (!secret) throw new RuleError('The set-up has expired. Start again to get a new QR code.');
  const step = verifyTotp(secret, input.code, now);
  if (step === null) {
    throw new RuleError('The code is not right. Check the app shows "Followthrough" and your email address, and enter its current code.', 'code');
  }
  return db.$transaction(async (tx) => {
    const { count } = await tx.user.updateMany({
      where: { id: actor.id, totpEnabledAt: null },
      data: { totpSecret: sealTotpSecret(actor.id, secret), totpEnabledAt: now, totpLastStep: step },
    });
    if (count !== 1) throw new RuleError('Two-factor sign-in is already set up for your account.');
    const recoveryCodes = await issueRecoveryCodes(tx, actor.id);
    await endOtherSessions(tx, actor.id, actor.sessionId, 'two-factor changed', now);
    await recordEvent(tx, {
      actorId: actor.id,
      kind: 'user.two_factor_enabled',
      subjectId: actor.id,
      after: { method: 'authenticator app', recoveryCodes: RECOVERY_CODE_COUNT },
      note: null,
    });
    return { recoveryCodes };
  });
}

/**
 * Turns two-factor sign-in off, for a role that does not require it, after a
 * current code (or a recovery code) proves the user still holds the factor.
 */
export async function disableTwoFactor(actor: SessionUser, input: DisableTwoFactorInput, now: Date = new Date()): Promise<null> {
  if (requiresTwoFactor(actor.role)) {
    throw new RuleError('Admins and reviewers must keep two-factor sign-in. Ask an admin to reset it if you have lost your device.');
  }
  const account = await db.user.findUniqueOrThrow({ where: { id: actor.id }, select: { id: true, email: true } });
  await assertNotThrottled(account, 'code', now);
  const disabled = await db.$transaction(async (tx) => {
    const user = await tx.user.findUniqueOrThrow({ where: { id: actor.id }, select: { id: true, totpSecret: true, totpEnabledAt: true } });
    if (!user.totpEnabledAt) throw new RuleError('Two-factor sign-in is not set up for your account.');
    const used = await consumeSecondFactor(tx, user, input.code, now);
    if (!used) return false;
    await clearTwoFactor(tx, actor.id);
    await endOtherSessions(tx, actor.id, actor.sessionId, 'two-factor changed', now);
    await recordEvent(tx, { actorId: actor.id, kind: 'user.two_factor_disabled', subjectId: actor.id, after: { by: 'user' }, note: null });
    return true;
  });
  if (!disabled) {
    await recordReauthenticationFailure(account, 'turn off two-factor', now);
    throw new RuleError('The code is not right, or has already been used.', 'code');
  }
  return null;
}

/** Clears a user's two-factor secret and recovery codes (their own switch-off, or an admin's reset). */
export async function clearTwoFactor(tx: Tx, userId: string) {
  await tx.user.update({ where: { id: userId }, data: { totpSecret: null, totpEnabledAt: null, totpLastStep: null } });
  await tx.recoveryCode.deleteMany({ where: { userId } });
}

