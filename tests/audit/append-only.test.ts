// Issue 5, items 6 and 7: the database refuses UPDATE, DELETE and TRUNCATE on
// the history (to the app's role, which has no such privilege, and to the
// owner, by a trigger), and anything done behind the app's back (a superuser
// switching the trigger off) is caught by the hash chain and by `npm run audit:verify`.
import { beforeAll, describe, expect, it } from 'vitest';
import { eventHash } from '@/lib/audit/chain';
import { fingerprintOf } from '@/lib/audit/fingerprint';
import { recordEvent } from '@/lib/audit/record-event';
import { verifyChain } from '@/lib/audit/verify-chain';
import type { Actor } from '@/lib/auth/session-user';
import { addComment } from '@/lib/comments/add-comment';
import { submitEvidence } from '@/lib/evidence/submit-evidence';
import { db } from '@/lib/db';
import { seedDemoData } from '@/prisma/seed/index';
import { behindTheAppsBack, runAuditVerify, superuser, unchainedEvents } from './support/chain-checks';

let total: number;
let middle: { id: number; note: string | null };

beforeAll(async () => {
  expect(await seedDemoData(db)).toEqual({ created: true });
  total = await db.historyEvent.count();
  const ids = await db.historyEvent.findMany({ orderBy: { id: 'asc' }, select: { id: true, note: true } });
  middle = ids[Math.floor(ids.length / 2)]!;
});

const everything = () => db.historyEvent.findMany({ orderBy: { id: 'asc' } });

describe('the history table', () => {
  it('holds the seeded demo history as one intact chain, and audit:verify says so', async () => {
    expect(total).toBeGreaterThan(50);
    expect(await unchainedEvents()).toBe(0);
    const result = await verifyChain(db);
    expect(result).toMatchObject({ checked: total, firstBroken: null, unreadable: { count: 0, first: [] } });
    // Batch boundaries change nothing.
    expect(await verifyChain(db, { batchSize: 7 })).toEqual(result);

    const cli = await runAuditVerify();
    expect(cli.stdout).toContain(`Verified ${total} history events: the chain is intact.`);
    expect(cli.stdout).toContain('Every event reads through the history event catalogue.');
    expect(cli.code).toBe(0);
  });

  it.each([
    ['UPDATE', `UPDATE "HistoryEvent" SET note = 'rewritten'`],
    ['UPDATE of one row', `UPDATE "HistoryEvent" SET "occurredAt" = now() WHERE id = (SELECT max(id) FROM "HistoryEvent")`],
    ['DELETE', `DELETE FROM "HistoryEvent" WHERE id = (SELECT min(id) FROM "HistoryEvent")`],
    ['DELETE of everything', `DELETE FROM "HistoryEvent"`],
    ['TRUNCATE', `TRUNCATE "HistoryEvent"`],
    ['TRUNCATE ... CASCADE', `TRUNCATE "HistoryEvent" CASCADE`],
  ])('refuses %s, to the app and to a superuser, and nothing changes', async (_name, sql) => {
    const before = await everything();
    // The app's role has no such privilege at all.
    await expect(db.$executeRawUnsafe(sql)).rejects.toThrow(/permission denied for table "?HistoryEvent"?/);
    // Whoever has it (the owner, a superuser) meets the trigger.
    await expect(superuser.$executeRawUnsafe(sql)).rejects.toThrow(/HistoryEvent is append-only: (UPDATE|DELETE|TRUNCATE) is not allowed/);
    expect(await everything()).toEqual(before);
  });

  it('refuses an update or delete through the Prisma client too', async () => {
    await expect(db.historyEvent.update({ where: { id: middle.id }, data: { note: 'x' } })).rejects.toThrow(/permission denied/);
    await expect(db.historyEvent.delete({ where: { id: middle.id } })).rejects.toThrow(/permission denied/);
    await expect(superuser.historyEvent.update({ where: { id: middle.id }, data: { note: 'x' } })).rejects.toThrow(/append-only/);
    expect((await verifyChain(db)).firstBroken).toBeNull();
  });
});

describe('tampering behind the app’s back', () => {
  it('catches a row whose note was altered, naming that event', async () => {
    expect(await behindTheAppsBack(`UPDATE "HistoryEvent" SET note = 'Nothing to see here' WHERE id = $1`, middle.id)).toBe(1);
    const result = await verifyChain(db);
    expect(result.firstBroken).toEqual({ id: middle.id, reason: 'hash does not match its content' });
    // Every event before it still verifies.
    expect(result.checked).toBe(await db.historyEvent.count({ where: { id: { lte: middle.id } } }));

    const cli = await runAuditVerify();
    expect(cli.stderr).toContain(`BROKEN at event ${middle.id}: hash does not match its content`);
    expect(cli.code).toBe(1);

    await behindTheAppsBack(`UPDATE "HistoryEvent" SET note = $2 WHERE id = $1`, middle.id, middle.note);
    expect((await verifyChain(db)).firstBroken).toBeNull();
  });

  it('catches an altered row whose own hash was recomputed, at the event after it', async () => {
    const [victim, next] = await db.historyEvent.findMany({ where: { id: { gte: middle.id } }, orderBy: { id: 'asc' }, take: 2 });
    // A forger who knows the format can make the row match itself: the next link still breaks.
    const forged = { ...victim!, actorId: null };
    await behindTheAppsBack(`UPDATE "HistoryEvent" SET "actorId" = NULL, hash = $2 WHERE id = $1`, victim!.id, eventHash(forged.prevHash, forged));
    const result = await verifyChain(db);
    expect(result.firstBroken?.id).toBe(next!.id);
    expect(result.firstBroken?.reason).toMatch(new RegExp(`does not follow on from event ${victim!.id}`));

    await behindTheAppsBack(`UPDATE "HistoryEvent" SET "actorId" = $2, hash = $3 WHERE id = $1`, victim!.id, victim!.actorId, victim!.hash);
    expect((await verifyChain(db)).firstBroken).toBeNull();
  });

  it('a rewrite that recomputes every later hash passes the chain check, but not a fingerprint kept from before it', async () => {
    const events = await everything();
    const latest = events.at(-1)!;
    const fingerprint = fingerprintOf(latest)!;
    const before = await runAuditVerify('--expect', fingerprint);
    expect(before.stdout).toContain(`History fingerprint ${fingerprint}.`);
    expect(before.stdout).toContain(`The history holds fingerprint ${fingerprint}`);
    expect(before.code).toBe(0);

    // Someone with the database rewrites a note and every hash after it (what the probe did in one transaction).
    const from = events.findIndex((e) => e.id === middle.id);
    let prevHash = events[from - 1]!.hash;
    const rehash = async (rows: typeof events, note: (row: (typeof events)[number]) => string | null) => {
      for (const row of rows) {
        const content = { ...row, prevHash, note: note(row) };
        const hash = eventHash(prevHash, content);
        await behindTheAppsBack(`UPDATE "HistoryEvent" SET note = $2, "prevHash" = $3, hash = $4 WHERE id = $1`, row.id, content.note, prevHash, hash);
        prevHash = hash;
      }
    };
    await rehash(events.slice(from), (row) => (row.id === middle.id ? 'Nothing to see here' : row.note));
    expect((await verifyChain(db)).firstBroken).toBeNull();
    const after = await runAuditVerify('--expect', fingerprint);
    expect(after.stderr).toContain(`Fingerprint ${fingerprint} does NOT match: event ${latest.id} has another hash`);
    expect(after.code).toBe(1);
    const unknown = await runAuditVerify('--expect', `${latest.id + 1000}:0123456789abcdef`);
    expect(unknown.stderr).toContain('is NOT in the history');
    expect(unknown.code).toBe(1);

    // Put it back as it was.
    prevHash = events[from - 1]!.hash;
    await rehash(events.slice(from), (row) => row.note);
    expect((await runAuditVerify('--expect', fingerprint)).code).toBe(0);
  });

  it('catches a deleted row in the middle, at the event after the gap', async () => {
    const next = await db.historyEvent.findFirstOrThrow({ where: { id: { gt: middle.id } }, orderBy: { id: 'asc' } });
    await superuser.$executeRawUnsafe(`CREATE TABLE saved_event AS SELECT * FROM "HistoryEvent" WHERE id = ${middle.id}`);
    expect(await behindTheAppsBack(`DELETE FROM "HistoryEvent" WHERE id = $1`, middle.id)).toBe(1);

    const result = await verifyChain(db);
    expect(result.firstBroken?.id).toBe(next.id);
    expect(result.firstBroken?.reason).toMatch(/does not follow on from event \d+: an event between them was removed, or one was altered/);
    const cli = await runAuditVerify();
    expect(cli.stderr).toContain(`BROKEN at event ${next.id}:`);
    expect(cli.code).toBe(1);

    // Put it back (an INSERT is allowed) and the chain is whole again.
    await superuser.$executeRawUnsafe(`INSERT INTO "HistoryEvent" SELECT * FROM saved_event`);
    await superuser.$executeRawUnsafe(`DROP TABLE saved_event`);
    expect(await verifyChain(db)).toMatchObject({ checked: total, firstBroken: null });
  });

  it('catches a deleted first event', async () => {
    const first = await db.historyEvent.findFirstOrThrow({ orderBy: { id: 'asc' } });
    await superuser.$executeRawUnsafe(`CREATE TABLE saved_event AS SELECT * FROM "HistoryEvent" WHERE id = ${first.id}`);
    await behindTheAppsBack(`DELETE FROM "HistoryEvent" WHERE id = $1`, first.id);
    const result = await verifyChain(db);
    expect(result.firstBroken?.reason).toBe('it is the first event but links to an earlier one, which is missing');
    expect(result.checked).toBe(1);
    await superuser.$executeRawUnsafe(`INSERT INTO "HistoryEvent" SELECT * FROM saved_event`);
    await superuser.$executeRawUnsafe(`DROP TABLE saved_event`);
    expect((await verifyChain(db)).firstBroken).toBeNull();
  });

  it('catches an event inserted without going through the chain, and chains the next one after it', async () => {
    const [inserted] = await db.$queryRawUnsafe<{ id: number }[]>(
      `INSERT INTO "HistoryEvent" ("subjectType", "subjectId", kind, note) VALUES ('review', 'x', 'review.updated', 'forged') RETURNING id`,
    );
    const result = await verifyChain(db);
    expect(result.firstBroken).toEqual({ id: inserted!.id, reason: 'it has no hash: it was not written through the chain' });
    expect(await unchainedEvents()).toBe(1);
    await behindTheAppsBack(`DELETE FROM "HistoryEvent" WHERE id = $1`, inserted!.id);

    // An event recorded by the app after a gap in ids (rolled-back inserts leave those) still chains.
    await db.$transaction((tx) => recordEvent(tx, { actorId: null, kind: 'review.updated', subjectId: 'review-x', before: { title: 'Before' }, after: { title: 'After' }, note: 'After the gap' }));
    expect(await verifyChain(db)).toMatchObject({ checked: total + 1, firstBroken: null });
  });

  it('names an event that no version of its kind reads, even when its chain link is intact', async () => {
    // A shape the catalogue does not describe, chained as recordEvent would chain it (so only the catalogue can tell).
    const [head] = await db.$queryRaw<{ hash: string | null }[]>`SELECT hash FROM "HistoryEvent" ORDER BY id DESC LIMIT 1`;
    const content = {
      occurredAt: new Date(),
      actorId: null,
      subjectType: 'recommendation',
      subjectId: 'r-x',
      subjectVersion: null,
      kind: 'recommendation.status_changed',
      before: { state: 'NOT_STARTED' },
      after: { state: 'IN_PROGRESS' },
      note: null,
      reviewId: null,
      recommendationId: null,
    };
    const hash = eventHash(head!.hash, content);
    const [inserted] = await db.$queryRaw<{ id: number }[]>`
      INSERT INTO "HistoryEvent" ("occurredAt", "subjectType", "subjectId", kind, before, after, "prevHash", hash)
      VALUES (${content.occurredAt.toISOString()}::timestamptz AT TIME ZONE 'UTC', 'recommendation', 'r-x', ${content.kind}, ${JSON.stringify(content.before)}::jsonb, ${JSON.stringify(content.after)}::jsonb, ${head!.hash}, ${hash})
      RETURNING id`;
    const result = await verifyChain(db);
    expect(result.firstBroken).toBeNull();
    expect(result.unreadable).toMatchObject({ count: 1, first: [{ id: inserted!.id, reason: expect.stringContaining('recommendation.status_changed') }] });
    const cli = await runAuditVerify();
    expect(cli.code).toBe(1);
    expect(cli.stderr).toContain(`event ${inserted!.id}: A stored "recommendation.status_changed" event matches no version of its schema`);
    // Leave the history as the catalogue reads it (the file's own check reads every event afterwards).
    await behindTheAppsBack(`DELETE FROM "HistoryEvent" WHERE id = $1`, inserted!.id);
  });

  it('covers comment texts and evidence files by the SHA-256 their events recorded', async () => {
    const chair = await db.user.findUniqueOrThrow({ where: { email: 'reviewer@followthrough.test' } });
    const actor = { id: chair.id, role: chair.role, agencyId: chair.agencyId } as Actor;
    const recommendation = await db.recommendation.findFirstOrThrow({ where: { reviewId: 'review-rochdale-cse-2012' } });
    const { commentId } = await addComment(actor, { recommendationId: recommendation.id, body: 'Checked at the board' });
    const pdf = new File([Buffer.from('%PDF-1.4\n1 0 obj<</Type/Catalog>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n')], 'minutes.pdf');
    const action = await db.action.findFirstOrThrow({ where: { recommendationId: recommendation.id, archivedAt: null } });
    const { evidenceId } = await submitEvidence(actor, { actionId: action.id, title: 'Minutes', description: '', kind: 'MINUTES', url: null, file: pdf } as never);
    expect((await verifyChain(db)).alteredContent).toEqual({ count: 0, first: [] });

    // The app's role may not change either (it may only add them)...
    await expect(db.comment.update({ where: { id: commentId }, data: { body: 'Not checked' } })).rejects.toThrow(/permission denied/);
    await expect(db.evidenceFile.delete({ where: { evidenceId } })).rejects.toThrow(/permission denied/);
    // ...but someone with the database can (neither table is the history): the chain itself still verifies.
    await superuser.comment.update({ where: { id: commentId }, data: { body: 'Not checked' } });
    await superuser.evidenceFile.update({ where: { evidenceId }, data: { content: Buffer.from('%PDF-1.4 forged') } });
    const result = await verifyChain(db);
    expect(result.firstBroken).toBeNull();
    expect(result.alteredContent.count).toBe(2);
    expect(result.alteredContent.first.map((a) => a.reason)).toEqual([
      `the text of comment ${commentId} is not the text it recorded`,
      `the file of evidence ${evidenceId} is not the file it recorded`,
    ]);
    const cli = await runAuditVerify();
    expect(cli.stderr).toContain('2 comments or evidence files are not what their events recorded');
    expect(cli.code).toBe(1);
  });
});
