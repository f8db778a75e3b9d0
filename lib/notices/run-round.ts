import 'server-only';
import { recordEvents } from '@/lib/audit/record-event';
import { dayOf, ukDay } from '@/lib/days';
import { type Db, db, Prisma, sqlInstant, type Tx } from '@/lib/db';
import { statusesWhere } from '@/lib/recommendations/status';
import { actionLabel } from '@/lib/actions/roll-up';
import { type ActionFacts, type EvidenceFacts, isEscalation, type NoticeRule, type NoticeSettings, noticesDue } from './rules';
import { readNoticeSettings } from './settings';

export type RoundResult = {
  day: string;
  considered: number;
  sent: number;
  byRule: Partial<Record<NoticeRule, number>>;
  /** Emails queued to go at once, one per recipient (escalations, and those who chose "as they happen"); digests are made weekly. */
  emailsQueued: number;
};

/**
 * One round of notices: reads every open action and every piece of evidence
 * awaiting assessment, works out what is due today (rules.ts), and makes each
 * notice not made before, with its history event ('notice.sent'), in one
 * transaction. Each notice has a key (rule, item, occurrence, recipient) under
 * a unique index, so however many rounds run at once, on however many
 * instances, each notice is made once: the rounds that lose the race find it
 * there and make nothing (decision 0017).
 */
export async function runNoticeRound(
  now = new Date(),
  /** The rules' thresholds: the partnership's (read once, now) unless given. */
  given?: NoticeSettings,
  /** Another instance's connection pool (the app's by default): tests run two rounds as two instances would. */
  client: Db = db,
): Promise<RoundResult> {
  const today = ukDay(now);
  const open = statusesWhere('open');
  const settings = given ?? (await readNoticeSettings(client));
  const [actions, evidence, reviewers, working, seniorLeads, managers] = await Promise.all([
    client.$queryRaw<{ id: string; reference: string; recommendationReference: string; status: ActionFacts['status']; dueDate: Date; lastProgressAt: Date; leadOfficerId: string | null; leadActive: boolean | null; agencyId: string; reviewId: string; recommendationId: string }[]>`
      SELECT x.id, x.reference, r.reference AS "recommendationReference", x.status::text AS status, x."dueDate", x."lastProgressAt",
             x."leadOfficerId", u.active AS "leadActive", x."ownerAgencyId" AS "agencyId", r."reviewId", r.id AS "recommendationId"
      FROM "Action" x
      JOIN "Recommendation" r ON r.id = x."recommendationId"
      JOIN "Review" v ON v.id = r."reviewId"
      LEFT JOIN "User" u ON u.id = x."leadOfficerId"
      WHERE x."archivedAt" IS NULL AND r."archivedAt" IS NULL AND v."archivedAt" IS NULL
        AND x.status IN (${Prisma.join(open.map((status) => Prisma.sql`${status}::"RecommendationStatus"`))})`,
    client.$queryRaw<{ id: string; actionId: string; reference: string; recommendationReference: string; submittedAt: Date; submittedById: string; reviewId: string; recommendationId: string }[]>`
      SELECT e.id, e."actionId", x.reference, r.reference AS "recommendationReference", e."submittedAt", e."submittedById", r."reviewId", r.id AS "recommendationId"
      FROM "Evidence" e
      JOIN "Action" x ON x.id = e."actionId"
      JOIN "Recommendation" r ON r.id = e."recommendationId"
      JOIN "Review" v ON v.id = r."reviewId"
      WHERE e.assessment = 'PENDING' AND e."archivedAt" IS NULL AND x."archivedAt" IS NULL AND r."archivedAt" IS NULL AND v."archivedAt" IS NULL`,
    client.user.findMany({ where: { role: 'REVIEWER', active: true }, select: { id: true, agencyId: true }, orderBy: { id: 'asc' } }),
    // The reviewers working on each review: those whose changes its history holds.
    client.$queryRaw<{ reviewId: string; reviewerId: string }[]>`
      SELECT DISTINCT e."reviewId", e."actorId" AS "reviewerId"
      FROM "HistoryEvent" e JOIN "User" u ON u.id = e."actorId"
      WHERE e."reviewId" IS NOT NULL AND u.role = 'REVIEWER' AND u.active`,
    // A senior lead who has left, moved agency or is no longer an owner is nobody's senior lead (as setSeniorLead requires).
    client.agency.findMany({ where: { seniorLead: { active: true, role: 'OWNER' } }, select: { id: true, seniorLeadId: true, seniorLead: { select: { agencyId: true } } } }),
    client.user.findMany({ where: { role: 'ADMIN', active: true }, select: { id: true, agencyId: true }, orderBy: { id: 'asc' } }),
  ]);
  const actionFacts: ActionFacts[] = actions.map((a) => ({
    id: a.id,
    label: actionLabel(a.recommendationReference, a.reference),
    status: a.status,
    dueDate: dayOf(a.dueDate),
    lastProgressDay: ukDay(a.lastProgressAt),
    // A lead officer who has left leads nothing: the action is flagged as unled.
    leadOfficerId: a.leadActive ? a.leadOfficerId : null,
    agencyId: a.agencyId,
    reviewId: a.reviewId,
    recommendationId: a.recommendationId,
  }));
  const evidenceFacts: EvidenceFacts[] = evidence.map((e) => ({
    id: e.id,
    actionId: e.actionId,
    label: actionLabel(e.recommendationReference, e.reference),
    submittedDay: ukDay(e.submittedAt),
    submittedById: e.submittedById,
    reviewId: e.reviewId,
    recommendationId: e.recommendationId,
  }));
  const byReview = new Map<string, string[]>();
  for (const { reviewId, reviewerId } of working) byReview.set(reviewId, [...(byReview.get(reviewId) ?? []), reviewerId]);
  const everyReviewer = reviewers.map((r) => r.id);
  // A review nobody has worked on yet: every reviewer is told.
  // A review's business managers: the admins of the agency its reviewers sit in (the partnership's board;
  // one database may hold several partnerships); every admin when that finds none.
  const reviewerAgency = new Map(reviewers.map((r) => [r.id, r.agencyId]));
  const everyManager = managers.map((m) => m.id);
  const managersByReview = new Map<string, string[]>();
  const managersOf = (reviewId: string) => {
    if (!managersByReview.has(reviewId)) {
      const boards = new Set((byReview.get(reviewId) ?? []).map((id) => reviewerAgency.get(id)));
      const found = managers.filter((m) => boards.has(m.agencyId)).map((m) => m.id);
      managersByReview.set(reviewId, found.length ? found : everyManager);
    }
    return managersByReview.get(reviewId)!;
  };
  const seniorLeadOf = new Map(seniorLeads.filter((a) => a.seniorLead?.agencyId === a.id).map((a) => [a.id, a.seniorLeadId!]));
  const due = noticesDue(
    today,
    actionFacts,
    evidenceFacts,
    {
      reviewersOf: (reviewId) => byReview.get(reviewId) ?? everyReviewer,
      seniorLeadOf: (agencyId) => seniorLeadOf.get(agencyId) ?? null,
      businessManagersOf: managersOf,
    },
    settings,
  );
  const result: RoundResult = { day: today, considered: due.length, sent: 0, byRule: {}, emailsQueued: 0 };
  if (!due.length) return result;

  // Those already made are skipped in SQL first (most of a round, every day after the first).
  const made = new Set(
    (await client.$queryRaw<{ key: string }[]>`SELECT key FROM "Notice" WHERE key = ANY(${due.map((n) => n.key)}::text[])`).map((row) => row.key),
  );
  const fresh = due.filter((notice) => !made.has(notice.key));
  if (!fresh.length) return result;
  const recipients = new Map(
    (await client.user.findMany({ where: { id: { in: [...new Set(fresh.map((n) => n.recipientId))] } }, select: { id: true, name: true, noticeEmail: true } })).map((u) => [u.id, u]),
  );

  await client.$transaction(
    async (tx) => {
      const inserted: { id: string; key: string }[] = [];
      for (let start = 0; start < fresh.length; start += 1000) {
        const chunk = JSON.stringify(fresh.slice(start, start + 1000));
        // A key another round made meanwhile is skipped here (the unique index decides): only this round's are returned.
        inserted.push(
          ...(await tx.$queryRaw<{ id: string; key: string }[]>`
            INSERT INTO "Notice" (id, key, rule, "recipientId", "actionId", "evidenceId", "reviewId", "recommendationId", "aboutDay", "createdAt")
            SELECT gen_random_uuid()::text, n->>'key', n->>'rule', n->>'recipientId', n->>'actionId', n->>'evidenceId', n->>'reviewId', n->>'recommendationId',
                   (n->>'aboutDay')::date, ${sqlInstant(now)}
            FROM jsonb_array_elements(${chunk}::jsonb) AS n
            ON CONFLICT (key) DO NOTHING
            RETURNING id, key`),
        );
      }
      const byKey = new Map(fresh.map((n) => [n.key, n]));
      await recordEvents(
        tx,
        inserted.map(({ id, key }) => {
          const notice = byKey.get(key)!;
          result.byRule[notice.rule] = (result.byRule[notice.rule] ?? 0) + 1;
          return {
            actorId: null,
            kind: 'notice.sent' as const,
            subjectId: id,
            after: {
              rule: notice.rule,
              recipientId: notice.recipientId,
              recipient: recipients.get(notice.recipientId)?.name ?? '',
              actionId: notice.actionId,
              evidenceId: notice.evidenceId,
              aboutDay: notice.aboutDay,
              key,
            },
            reviewId: notice.reviewId,
            recommendationId: notice.recommendationId,
          };
        }),
      );
      result.sent = inserted.length;
      // Emails at once: escalations always; other notices for those who chose "as they happen". The
      // delivery job sends them; the weekly digest carries the rest (lib/email/digest.ts).
      const atOnce = inserted.flatMap(({ id, key }): { id: string; kind: 'notice' | 'escalation' }[] => {
        const notice = byKey.get(key)!;
        if (isEscalation(notice.rule)) return [{ id, kind: 'escalation' }];
        return recipients.get(notice.recipientId)?.noticeEmail === 'IMMEDIATE' ? [{ id, kind: 'notice' }] : [];
      });
      result.emailsQueued = await queueNoticeEmails(tx, atOnce, now);
    },
    { timeout: 120_000, maxWait: 30_000 },
  );
  return result;
}

/**
 * The round's emails at once: one per recipient (however many of their
 * notices it made), queued for the delivery job, and its notices marked as
 * carried by it. Its key names the recipient and the first of its notices,
 * which no other round can make: queued once.
 */
async function queueNoticeEmails(tx: Tx, notices: { id: string; kind: 'notice' | 'escalation' }[], now: Date): Promise<number> {
  if (!notices.length) return 0;
  const at = sqlInstant(now);
  const wanted = Prisma.sql`jsonb_to_recordset(${JSON.stringify(notices)}::jsonb) AS w(id text, kind text) JOIN "Notice" n ON n.id = w.id`;
  // Two statements (as the digest's, lib/email/digest.ts): the second joins by index to the emails just made.
  const made = await tx.$queryRaw<{ id: string }[]>`
    INSERT INTO "EmailMessage" (id, key, kind, "recipientId", "nextAttemptAt", "createdAt", "updatedAt")
    SELECT gen_random_uuid()::text, 'notices:' || n."recipientId" || ':' || min(n.id), CASE WHEN bool_or(w.kind = 'escalation') THEN 'escalation' ELSE 'notice' END,
           n."recipientId", ${at}, ${at}, ${at}
    FROM ${wanted}
    GROUP BY n."recipientId"
    ON CONFLICT (key) DO NOTHING
    RETURNING id`;
  if (made.length) {
    await tx.$executeRaw`
      UPDATE "Notice" n SET "emailId" = e.id FROM "EmailMessage" e
      WHERE e.id = ANY(${made.map((m) => m.id)}::text[]) AND n."recipientId" = e."recipientId"
        AND n.id = ANY(${notices.map((x) => x.id)}::text[])`;
  }
  return made.length;
}
