import 'server-only';
// A signed-in user re-enters a factor (their current password, a current code)
// to change their password or turn two-factor off. Unchecked, that is a
// guessing oracle for whoever holds a stolen session: count every wrong entry
// against the account's sign-in throttle, refuse while it is throttled, and
// record each failure (issue 15).
import { recordEvent } from '@/lib/audit/record-event';
import { db } from '@/lib/db';
import { RuleError } from '@/lib/errors';
import { accountKey, checkThrottle, recordFailure, tooManyAttemptsMessage } from './throttle';

export type ReauthenticationPurpose = 'change password' | 'turn off two-factor';

/** Refuses, at the field, while the account is throttled (after wrong sign-ins or wrong re-entries alike). */
export async function assertNotThrottled(user: { email: string }, field: string, now: Date = new Date()): Promise<void> {
  const wait = await checkThrottle([accountKey(user.email)], now);
  if (wait) throw new RuleError(tooManyAttemptsMessage(wait.retryAfterSeconds), field);
}

/** Counts a wrong entry against the account and records it, in a transaction of its own (the refused change rolls back). */
export async function recordReauthenticationFailure(
  user: { id: string; email: string },
  purpose: ReauthenticationPurpose,
  now: Date = new Date(),
): Promise<void> {
  await recordFailure([accountKey(user.email)], now);
  await db.$transaction((tx) => recordEvent(tx, { actorId: user.id, kind: 'user.reauthentication_failed', subjectId: user.id, after: { purpose } }));
}
