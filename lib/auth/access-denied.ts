import 'server-only';
import { recordEvent } from '@/lib/audit/record-event';
import { db } from '@/lib/db';

/** Refusals of one person recorded one by one per window; the rest are counted. */
export const RECORDED_REFUSALS_PER_WINDOW = 10;
export const REFUSAL_WINDOW_MS = 10 * 60_000;

/**
 * Records a refused attempt (event access.denied) in a transaction of its
 * own: the refused change has already rolled back, and its record must not
 * depend on it. A probe that sends hundreds of refused requests must not fill
 * the history: each person's first RECORDED_REFUSALS_PER_WINDOW refusals in a
 * window of REFUSAL_WINDOW_MS are recorded, the rest counted, and the first
 * refusal recorded after that window says how many went unrecorded. The count
 * lives in the per-key attempt counter sign-in throttling uses
 * (SignInThrottle, key `access-denied:<user id>`), locked per person, so it is
 * exact across concurrent requests and app instances. A failure to record is
 * logged, not thrown, so that the user still gets the refusal rather than an
 * error page.
 */
export async function recordAccessDenied(actorId: string, action: string, subjectId?: string | null, now: Date = new Date()): Promise<void> {
  const key = `access-denied:${actorId}`;
  try {
    await db.$transaction(async (tx) => {
      // Creates the counter, or locks it, in one statement.
      const [counter] = await tx.$queryRaw<{ failures: number; firstFailureAt: Date }[]>`
        INSERT INTO "SignInThrottle" (key, failures, "firstFailureAt", "lastFailureAt") VALUES (${key}, 0, ${now}, ${now})
        ON CONFLICT (key) DO UPDATE SET key = EXCLUDED.key
        RETURNING failures, "firstFailureAt"`;
      const windowOver = now.getTime() - counter!.firstFailureAt.getTime() >= REFUSAL_WINDOW_MS;
      const inWindow = windowOver ? 0 : counter!.failures;
      const unrecordedBefore = windowOver ? Math.max(0, counter!.failures - RECORDED_REFUSALS_PER_WINDOW) : 0;
      await tx.signInThrottle.update({
        where: { key },
        data: { failures: inWindow + 1, lastFailureAt: now, ...(windowOver ? { firstFailureAt: now } : {}) },
      });
      if (inWindow >= RECORDED_REFUSALS_PER_WINDOW) return;
      await recordEvent(tx, { actorId, kind: 'access.denied', subjectId: subjectId || action, after: { action, unrecordedBefore }, note: null });
    });
  } catch (error) {
    console.error('Could not record a denied action', { actorId, action, error });
  }
}
