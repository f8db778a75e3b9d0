import 'server-only';
import { recordEvent } from '@/lib/audit/record-event';
import { db } from '@/lib/db';
import { hasTwoFactor } from './account-steps';
import { hashPassword, verifyPassword } from './password';
import { credentialsSchema, TWO_FACTOR_REQUIRED } from './schemas';
import { checkThrottle, recordFailure, recordSuccess, signInThrottleKeys } from './throttle';
import { consumeSecondFactor, recordRecoveryCodeUse } from './two-factor';
import { startSession } from './user-session';

export type AuthenticatedUser = {
  id: string;
  email: string;
  name: string;
  role: 'ADMIN' | 'REVIEWER' | 'OWNER' | 'VIEWER';
  agencyId: string;
  sessionVersion: number;
  /** The UserSession row this sign-in opened; the JWT carries it. */
  sessionId: string;
};

export type AuthenticateContext = {
  /** The client address (lib/auth/throttle.ts `clientAddress`), for its throttle key. */
  clientAddress?: string | null;
  now?: Date;
};

export type SignInFailureReason = 'password' | 'two-factor' | 'locked' | 'inactive';

/**
 * Thrown when the password is right, the account has two-factor sign-in and
 * no code came with it: next-auth returns the message as the `error`, and the
 * login form asks for the code. Only a right password gets this far, so it
 * says nothing about whether an account exists.
 */
export class TwoFactorRequiredError extends Error {
  constructor() {
    super(TWO_FACTOR_REQUIRED);
    this.name = 'TwoFactorRequiredError';
  }
}

// Verified against when no such user exists, so that an unknown email costs
// the same time as a wrong password and cannot be told apart by timing.
let decoyHash: Promise<string> | undefined;

/**
 * Checks a sign-in. Null for every kind of failure, so callers cannot leak
 * which; throws TwoFactorRequiredError for a right password without the
 * second step's code. Each attempt that reaches a verdict is throttled
 * (lib/auth/throttle.ts) and recorded in the history, with the email as typed
 * (lowercased) and why it failed, never the password or code. A success opens
 * a UserSession.
 */
export async function authenticate(input: unknown, context: AuthenticateContext = {}): Promise<AuthenticatedUser | null> {
  const parsed = credentialsSchema.safeParse(input);
  if (!parsed.success) return null;
  const now = context.now ?? new Date();
  const email = parsed.data.email.toLowerCase();
  const keys = signInThrottleKeys({ email, address: context.clientAddress });
  const user = await db.user.findUnique({ where: { email } });

  // The auth route refuses throttled attempts with a 429 before they get
  // here; this catches those that raced past it.
  if (await checkThrottle(keys, now)) return failed(user, email, 'locked', keys, now);

  const passwordHash = user?.passwordHash ?? (await (decoyHash ??= hashPassword('decoy password for timing')));
  const passwordMatches = await verifyPassword(passwordHash, parsed.data.password);
  if (!user || !passwordMatches) return failed(user, email, 'password', keys, now);
  if (!user.active) return failed(user, email, 'inactive', keys, now);

  const twoFactor = hasTwoFactor(user);
  const code = parsed.data.code;
  if (twoFactor && !code) throw new TwoFactorRequiredError();

  const sessionId = await db.$transaction(async (tx) => {
    const secondFactor = twoFactor ? await consumeSecondFactor(tx, user, code!, now) : null;
    if (twoFactor && !secondFactor) return null;
    const id = await startSession(tx, user.id, now);
    await tx.user.update({ where: { id: user.id }, data: { lastSignInAt: now } });
    if (secondFactor?.method === 'recovery code') await recordRecoveryCodeUse(tx, user.id, secondFactor.remaining);
    await recordEvent(tx, {
      actorId: user.id,
      kind: 'user.signed_in',
      subjectId: user.id,
      after: { email, twoFactor: secondFactor?.method ?? null },
      note: null,
    });
    return id;
  });
  if (!sessionId) return failed(user, email, 'two-factor', keys, now);

  await recordSuccess(email);
  return {
    id: user.id,
    email: user.email,
    name: user.name,
    role: user.role,
    agencyId: user.agencyId,
    sessionVersion: user.sessionVersion,
    sessionId,
  };
}

async function failed(
  user: { id: string } | null,
  email: string,
  reason: SignInFailureReason,
  keys: string[],
  now: Date,
): Promise<null> {
  // A throttled attempt is not counted again: the lock would never end.
  if (reason !== 'locked') await recordFailure(keys, now);
  await db.$transaction((tx) =>
    recordEvent(tx, {
      actorId: user?.id ?? null,
      kind: 'user.sign_in_failed',
      subjectId: user?.id ?? 'unknown',
      after: { email, reason },
      note: null,
    }),
  );
  return null;
}
