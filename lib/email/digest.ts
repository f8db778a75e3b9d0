import 'server-only';
import { addDays, storedDate, ukDay } from '@/lib/days';
import { type Db, db, Prisma, sqlInstant } from '@/lib/db';
import { ESCALATION_RULES } from '@/lib/notices/rules';

/** The Monday (UK) of the week `now` falls in: a digest's week. */
export function weekOf(now: Date): string {
  const today = ukDay(now);
  const weekday = (storedDate(today).getUTCDay() + 6) % 7; // Monday 0
  return addDays(today, -weekday);
}

/**
 * The weekly digest: for each active user who chose it (the default), one
 * email with the week's notices of theirs no email has carried yet
 * (escalations went at once). Keyed by user and week, so a second run in the same week, on
 * this instance or another, makes none; its notices are marked as carried in
 * the same statement. Sent by the delivery job like any other email.
 */
export async function composeDigests(now = new Date(), client: Db = db): Promise<{ digests: number }> {
  const at = sqlInstant(now);
  // The week's: notices older than that (made before email existed, or while the user wanted none) stay in the app only.
  const weekAgo = sqlInstant(new Date(now.getTime() - 7 * 86_400_000));
  const optional = Prisma.sql`n."emailId" IS NULL AND n."createdAt" <= ${at} AND n."createdAt" > ${weekAgo} AND n.rule <> ALL(${[...ESCALATION_RULES]}::text[])`;
  // Two statements: rows a statement inserts are not visible to the rest of it, and a planner that cannot count
  // them joined 86,000 notices to 1,900 digests one pair at a time (26 s at scale 50).
  const made = await client.$transaction(async (tx) => {
    const digests = await tx.$queryRaw<{ id: string }[]>`
      INSERT INTO "EmailMessage" (id, key, kind, "recipientId", "nextAttemptAt", "createdAt", "updatedAt")
      SELECT gen_random_uuid()::text, 'digest:' || u.id || ':' || ${weekOf(now)}, 'digest', u.id, ${at}, ${at}, ${at}
      FROM "User" u
      WHERE u.active AND u."noticeEmail" = 'DIGEST' AND EXISTS (SELECT FROM "Notice" n WHERE n."recipientId" = u.id AND ${optional})
      ON CONFLICT (key) DO NOTHING
      RETURNING id`;
    if (digests.length) {
      await tx.$executeRaw`
        UPDATE "Notice" n SET "emailId" = e.id FROM "EmailMessage" e
        WHERE e.id = ANY(${digests.map((d) => d.id)}::text[]) AND n."recipientId" = e."recipientId" AND ${optional}`;
    }
    return digests;
  }, { timeout: 120_000 });
  return { digests: made.length };
}
