import 'server-only';
import { recordEvent } from '@/lib/audit/record-event';
import { db } from '@/lib/db';

/**
 * Records a refused attempt (event access.denied) in a transaction of its
 * own: the refused change has already rolled back, and its record must not
 * depend on it. A failure to record is logged, not thrown, so that the user
 * still gets the refusal rather than an error page.
 */
export async function recordAccessDenied(actorId: string, action: string, subjectId?: string | null): Promise<void> {
  try {
    await db.$transaction((tx) =>
      recordEvent(tx, { actorId, kind: 'access.denied', subjectId: subjectId || action, after: { action }, note: null }),
    );
  } catch (error) {
    console.error('Could not record a denied action', { actorId, action, error });
  }
}
