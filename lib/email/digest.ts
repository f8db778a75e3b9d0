import 'server-only';
import { addDays, storedDate, ukDay } from '@/lib/days';
import { type Db, db, Prisma } from '@/lib/db';
import { ESCALATION_RULES } from '@/lib/notices/rules';

/** The Monday (UK) of the week `now` falls in: a digest's week. */
export function weekOf(now: Date): string {
  const today = ukDay(now);
  const weekday = (storedDate(today).getUTCDay() + 6) % 7; // Monday 0
  return addDays(today, -weekday);
}

/**
 * The weekly digest: for each active user who chose it (the default), one
 * email with every notice of theirs no email has carried yet (escalations
 * went at once). Keyed by user and week, so a second run in the same week, on
 * this instance or another, makes none; its notices are marked as carried in
 * the same statement. Sent by the delivery job like any other email.
 */
export async function composeDigests(now = new Date(), client: Db = db): Promise<{ digests: number }> {
  const at = Prisma.sql`${now.toISOString()}::timestamptz AT TIME ZONE 'UTC'`;
  const made = await client.$queryRaw<{ id: string }[]>`
    WITH pending AS (
      SELECT n."recipientId", array_agg(n.id) AS ids
      FROM "Notice" n JOIN "User" u ON u.id = n."recipientId"
      WHERE n."emailId" IS NULL AND u.active AND u."noticeEmail" = 'DIGEST' AND n."createdAt" <= ${at}
        AND n.rule <> ALL(${[...ESCALATION_RULES]}::text[])
      GROUP BY n."recipientId"),
    made AS (
      INSERT INTO "EmailMessage" (id, key, kind, "recipientId", "nextAttemptAt", "createdAt", "updatedAt")
      SELECT gen_random_uuid()::text, 'digest:' || p."recipientId" || ':' || ${weekOf(now)}, 'digest', p."recipientId", ${at}, ${at}, ${at}
      FROM pending p
      ON CONFLICT (key) DO NOTHING
      RETURNING id, "recipientId"),
    marked AS (
      UPDATE "Notice" n SET "emailId" = made.id FROM made JOIN pending p ON p."recipientId" = made."recipientId"
      WHERE n.id = ANY(p.ids) AND n."emailId" IS NULL RETURNING n.id)
    SELECT id FROM made`;
  return { digests: made.length };
}
