// Email end to end on a real database and a real SMTP server: a round's
// escalations and "as they happen" reminders, the weekly digest, the outbox
// without SMTP_URL, and each way a send goes wrong (refused, no answer,
// recipient deactivated, item archived, two instances at once), each read
// back from the server or the outbox. Never the item's text, notes or evidence.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Actor } from '@/lib/auth/session-user';
import { db } from '@/lib/db';
import { createPrismaClient } from '@/lib/db/client';
import { composeDigests, weekOf } from '@/lib/email/digest';
import { deliverDueEmails, MAX_ATTEMPTS, retryDelayMs } from '@/lib/email/deliver';
import { smtpTransport } from '@/lib/email/transport';
import { userOfUnsubscribeToken } from '@/lib/email/unsubscribe-token';
import { createFinding } from '@/lib/findings/create-finding';
import { runNoticeRound } from '@/lib/notices/run-round';
import { createAgency, createUser } from '../support/factories';
import { startSilentServer, startSmtpServer } from '../support/smtp';
import { classifySendError } from '@/lib/email/deliver';

process.env.NEXTAUTH_SECRET ??= 'a test secret for the unsubscribe links';
process.env.NEXTAUTH_URL = 'https://followthrough.example';

// Words that must never leave the app by email.
const SECRET = ['Recommendation text SECRET-1', 'Action text SECRET-2', 'Progress note SECRET-3', 'Due date reason SECRET-4', 'Evidence title SECRET-5', 'Evidence description SECRET-6'];

let lead: Actor;
let senior: Actor;
let manager: Actor;
let reviewer: Actor;
let actionId: string;
let reviewId: string;
let recommendationId: string;
// Due 31 March 2013; on 2 May it is 32 days overdue: the lead is reminded, the senior lead and the business manager told.
const now = new Date('2013-05-02T05:00:00Z');

beforeEach(async () => {
  await db.review.updateMany({ where: { archivedAt: null }, data: { archivedAt: new Date() } });
  await db.notice.deleteMany();
  await db.emailMessage.deleteMany();
  const agency = await createAgency();
  const board = await createAgency(undefined, true);
  lead = await createUser('OWNER', agency.id);
  senior = await createUser('OWNER', agency.id);
  manager = await createUser('ADMIN', board.id);
  reviewer = await createUser('REVIEWER', board.id);
  await db.user.updateMany({ where: { role: { in: ['REVIEWER', 'ADMIN'] }, id: { notIn: [reviewer.id, manager.id] } }, data: { active: false } });
  await db.user.update({ where: { id: lead.id }, data: { noticeEmail: 'IMMEDIATE' } });
  await db.agency.update({ where: { id: agency.id }, data: { seniorLeadId: senior.id } });
  const review = await db.review.create({ data: { title: 'Child Q', kind: 'LEARNING_REVIEW', commissioningBody: 'The board', status: 'PUBLISHED' } });
  reviewId = review.id;
  const due = new Date('2013-03-31');
  const recommendation = await db.recommendation.create({
    data: { reviewId: review.id, reference: 'R1', text: SECRET[0]!, ownerAgencyId: agency.id, originalDueDate: due, dueDate: due },
  });
  const action = await db.action.create({
    data: {
      recommendationId: recommendation.id,
      reference: '1',
      text: SECRET[1],
      progressNote: SECRET[2],
      dueDateChangeReason: SECRET[3],
      ownerAgencyId: agency.id,
      leadOfficerId: lead.id,
      status: 'IN_PROGRESS',
      originalDueDate: due,
      dueDate: due,
      lastProgressAt: new Date('2013-04-20T10:00:00Z'),
    },
  });
  actionId = action.id;
  recommendationId = recommendation.id;
  // No lead officer: the reviewer (who takes the weekly digest) is told.
  await db.action.create({ data: { recommendationId: recommendation.id, reference: '2', ownerAgencyId: agency.id, originalDueDate: new Date('2013-12-31'), dueDate: new Date('2013-12-31') } });
});

let closers: (() => Promise<void>)[] = [];
afterEach(async () => {
  await Promise.all(closers.map((close) => close()));
  closers = [];
});

async function smtp(options?: Parameters<typeof startSmtpServer>[0]) {
  const server = await startSmtpServer(options);
  closers.push(server.close);
  return server;
}

function everything(mail: { subject?: string | null; text?: string | null; html?: string | false | null }) {
  return `${mail.subject}\n${mail.text}\n${mail.html || ''}`;
}

describe('email', () => {
  it('sends escalations and "as they happen" reminders at once, one email per person, with references and a link only', async () => {
    const server = await smtp();
    const round = await runNoticeRound(now);
    expect(round.byRule).toMatchObject({ overdue: 1, escalated_senior_lead: 1, escalated_manager: 1, unled: 1 });
    // The lead (as they happen), the senior lead and the business manager (escalations): the reviewer's waits for the digest.
    expect(round.emailsQueued).toBe(3);
    expect(await deliverDueEmails({ now, transport: smtpTransport(server.url) })).toMatchObject({ sent: 3, failed: 0 });

    const byRecipient = new Map(server.received.map((r) => [r.envelopeTo[0], r.mail]));
    const leadUser = await db.user.findUniqueOrThrow({ where: { id: lead.id } });
    const seniorUser = await db.user.findUniqueOrThrow({ where: { id: senior.id } });
    const managerUser = await db.user.findUniqueOrThrow({ where: { id: manager.id } });
    expect([...byRecipient.keys()].sort()).toEqual([leadUser.email, seniorUser.email, managerUser.email].sort());

    const toLead = byRecipient.get(leadUser.email)!;
    expect(toLead.subject).toBe('Reminder: R1.1 was due on 31 March 2013 and is overdue');
    expect(toLead.to).toMatchObject({ value: [{ address: leadUser.email }] });
    expect(toLead.text).toContain('Review: Child Q');
    expect(toLead.text).toContain('Due: 31 March 2013 · Status: In progress');
    // A working link: to the action's page, on the app's address.
    const link = `https://followthrough.example/actions/${actionId}`;
    expect(toLead.text).toContain(`Open it: ${link}`);
    expect(toLead.html).toContain(`<a href="${link}">`);
    expect(toLead.headerLines.map((h) => h.key)).not.toContain('list-unsubscribe');

    const toSenior = byRecipient.get(seniorUser.email)!;
    expect(toSenior.subject).toBe('Escalation: R1.1 is overdue (Child Q)');
    expect(toSenior.text).toContain('Escalated to you as senior lead: R1.1 was due on 31 March 2013 and is still overdue');
    expect(toSenior.text).toContain('cannot be switched off');
    expect(byRecipient.get(managerUser.email)!.text).toContain('Escalated to the business manager');

    for (const mail of byRecipient.values()) for (const secret of SECRET) expect(everything(mail)).not.toContain(secret);
    // Recorded as sent, and each notice knows its email.
    expect(await db.emailMessage.count({ where: { status: 'SENT', sentAt: now } })).toBe(3);
    expect(await db.notice.count({ where: { emailId: null } })).toBe(1);
    // Nothing is sent twice: another round and another delivery send nothing.
    expect((await runNoticeRound(now)).emailsQueued).toBe(0);
    expect(await deliverDueEmails({ now, transport: smtpTransport(server.url) })).toMatchObject({ sent: 0 });
    expect(server.received).toHaveLength(3);
  });

  it('puts the week\'s reminders in one digest per person, with a one-click unsubscribe, once a week', async () => {
    const server = await smtp();
    await runNoticeRound(now);
    await deliverDueEmails({ now, transport: smtpTransport(server.url) });
    server.received.length = 0;

    expect(await composeDigests(now)).toEqual({ digests: 1 });
    expect(await composeDigests(now)).toEqual({ digests: 0 });
    expect(await deliverDueEmails({ now, transport: smtpTransport(server.url) })).toMatchObject({ sent: 1 });
    const [{ mail, envelopeTo }] = server.received as [(typeof server.received)[number]];
    const reviewerUser = await db.user.findUniqueOrThrow({ where: { id: reviewer.id } });
    expect(envelopeTo).toEqual([reviewerUser.email]);
    expect(mail.subject).toBe(`Your Followthrough reminders for the week of 2 May 2013 (1 item)`);
    expect(mail.text).toContain('R1.2 has nobody leading it: give it a lead officer');
    // The raw header lines, as a mail client reads them.
    const header = (name: string) => mail.headerLines.find((h) => h.key === name)?.line.replace(/^[^:]+:\s*/, '');
    const unsubscribe = /^<(.+)>$/.exec(header('list-unsubscribe') ?? '')?.[1];
    expect(unsubscribe).toMatch(/^https:\/\/followthrough\.example\/unsubscribe\?token=/);
    expect(userOfUnsubscribeToken(new URL(unsubscribe!).searchParams.get('token')!)).toBe(reviewer.id);
    expect(header('list-unsubscribe-post')).toBe('List-Unsubscribe=One-Click');
    expect(mail.text).toContain(unsubscribe);
    for (const secret of SECRET) expect(everything(mail)).not.toContain(secret);
    expect(weekOf(now)).toBe('2013-04-29');
    expect(await db.emailMessage.findFirst({ where: { kind: 'digest' }, select: { key: true } })).toEqual({ key: `digest:${reviewer.id}:2013-04-29` });
  });

  it('keeps emails in the outbox, rendered, when there is no SMTP server', async () => {
    await runNoticeRound(now);
    expect(await deliverDueEmails({ now, transport: null })).toMatchObject({ held: 3, sent: 0 });
    const held = await db.emailMessage.findMany({ where: { status: 'HELD' } });
    expect(held).toHaveLength(3);
    for (const email of held) {
      expect(email.subject).toBeTruthy();
      expect(email.toAddress).toContain('@example.test');
      for (const secret of SECRET) expect(everything(email)).not.toContain(secret);
    }
  });

  it('fails an address the server refuses at once, and still sends the others', async () => {
    const seniorUser = await db.user.findUniqueOrThrow({ where: { id: senior.id } });
    const server = await smtp({ refuse: (address) => address === seniorUser.email });
    await runNoticeRound(now);
    expect(await deliverDueEmails({ now, transport: smtpTransport(server.url) })).toMatchObject({ sent: 2, failed: 1 });
    const failed = await db.emailMessage.findFirstOrThrow({ where: { status: 'FAILED' } });
    expect(failed).toMatchObject({ recipientId: senior.id, attempts: 1 });
    expect(failed.lastError).toMatch(/^Refused by the mail server \(550.*check the address/);
  });

  it('tries a server that does not answer again with back-off, then lands it in the failed list', async () => {
    const silent = await startSilentServer();
    closers.push(silent.close);
    const transport = smtpTransport(silent.url, 300);
    await db.user.update({ where: { id: lead.id }, data: { noticeEmail: 'NONE' } });
    await db.user.update({ where: { id: manager.id }, data: { active: false } });
    await runNoticeRound(now);
    // Only the senior lead's escalation is queued: the lead chose none, the manager has left.
    let at = now;
    for (let attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
      const result = await deliverDueEmails({ now: at, transport });
      const email = await db.emailMessage.findFirstOrThrow();
      expect(email.attempts).toBe(attempt);
      if (attempt < MAX_ATTEMPTS) {
        expect(result).toMatchObject({ retrying: 1 });
        expect(email).toMatchObject({ status: 'QUEUED', nextAttemptAt: new Date(at.getTime() + retryDelayMs(attempt)) });
        expect(email.lastError).toBe('The mail server: Greeting never received');
        // Not before its time.
        expect(await deliverDueEmails({ now: new Date(email.nextAttemptAt.getTime() - 1), transport })).toMatchObject({ retrying: 0 });
        at = email.nextAttemptAt;
      } else {
        expect(result).toMatchObject({ failed: 1 });
        expect(email.status).toBe('FAILED');
        expect(email.lastError).toMatch(/^Not sent after 5 attempts/);
      }
    }
    expect([1, 2, 3, 4].map(retryDelayMs)).toEqual([60_000, 240_000, 960_000, 3_840_000]);
  });

  it('holds the rest of a batch back, without counting attempts, when the server cannot be reached at all', async () => {
    const refused = await startSmtpServer();
    await refused.close();
    await runNoticeRound(now);
    expect(await deliverDueEmails({ now, transport: smtpTransport(refused.url, 300) })).toMatchObject({ retrying: 3, sent: 0 });
    const emails = await db.emailMessage.findMany({ orderBy: { attempts: 'desc' } });
    expect(emails.map((e) => [e.status, e.attempts])).toEqual([['QUEUED', 1], ['QUEUED', 0], ['QUEUED', 0]]);
    expect(new Set(emails.map((e) => e.nextAttemptAt.getTime()))).toEqual(new Set([now.getTime() + retryDelayMs(1)]));
    expect(emails[0]!.lastError).toMatch(/ECONNREFUSED/);
  });

  it('cancels, with the reason, an email whose recipient was deactivated or whose item was archived after it was queued', async () => {
    const server = await smtp();
    await runNoticeRound(now);
    await db.user.update({ where: { id: senior.id }, data: { active: false } });
    await db.action.update({ where: { id: actionId }, data: { archivedAt: now } });
    expect(await deliverDueEmails({ now, transport: smtpTransport(server.url) })).toMatchObject({ sent: 0, cancelled: 3 });
    expect(server.received).toHaveLength(0);
    const cancelled = await db.emailMessage.findMany({ where: { status: 'CANCELLED' }, orderBy: { recipientId: 'asc' } });
    expect(cancelled.map((e) => [e.recipientId === senior.id, e.lastError])).toEqual(
      expect.arrayContaining([
        [true, 'Not sent: the recipient was deactivated after it was queued.'],
        [false, 'Not sent: what it was about was archived, assessed or closed after it was queued.'],
      ]),
    );
  });

  it('sends each email once when two instances deliver at the same time', async () => {
    const server = await smtp();
    await runNoticeRound(now);
    const other = createPrismaClient(process.env.DATABASE_URL!, 4);
    try {
      const results = await Promise.all([
        deliverDueEmails({ now, transport: smtpTransport(server.url) }),
        deliverDueEmails({ now, transport: smtpTransport(server.url), client: other }),
      ]);
      expect(results.reduce((sum, r) => sum + r.sent, 0)).toBe(3);
      expect(server.received).toHaveLength(3);
    } finally {
      await other.$disconnect();
    }
  });

  it('fails, without sending again, an email interrupted mid-send', async () => {
    await runNoticeRound(now);
    await db.emailMessage.updateMany({ data: { status: 'SENDING', claimedAt: now } });
    const later = new Date(now.getTime() + 16 * 60_000);
    expect(await deliverDueEmails({ now: later, transport: null })).toMatchObject({ failed: 3, held: 0 });
    expect((await db.emailMessage.findFirstOrThrow()).lastError).toMatch(/^Interrupted while sending/);
  });

  it('applies a rule the admin edits between rounds from the next round, and sends nothing twice', async () => {
    await db.noticeSettings.update({ where: { id: 'partnership' }, data: { seniorLeadAfterDays: 40, managerAfterDays: 50 } });
    const first = await runNoticeRound(now);
    expect(first.byRule).toEqual({ overdue: 1, unled: 1 });
    await db.noticeSettings.update({ where: { id: 'partnership' }, data: { seniorLeadAfterDays: 14, managerAfterDays: 28 } });
    const second = await runNoticeRound(now);
    expect(second.byRule).toEqual({ escalated_senior_lead: 1, escalated_manager: 1 });
    expect(await db.notice.count()).toBe(4);
    expect(await db.historyEvent.count({ where: { kind: 'notice.sent', reviewId } })).toBe(4);
  });

  it("escalates to the business managers of the review's own board when one database holds several partnerships", async () => {
    const otherBoard = await createAgency(undefined, true);
    const otherManager = await createUser('ADMIN', otherBoard.id);
    // Nobody has worked on the review yet: every business manager is told.
    const first = await runNoticeRound(now);
    expect((await db.notice.findMany({ where: { rule: 'escalated_manager' } })).map((n) => n.recipientId).sort()).toEqual([manager.id, otherManager.id].sort());
    expect(first.byRule.escalated_manager).toBe(2);
    // Once a reviewer of this board works on it, its escalations go to this board's managers only.
    await createFinding(reviewer, { reviewId, reference: 'F1', text: 'A finding', theme: 'Training', severity: 'LOW' });
    await db.notice.deleteMany();
    await runNoticeRound(now);
    expect((await db.notice.findMany({ where: { rule: 'escalated_manager' } })).map((n) => n.recipientId)).toEqual([manager.id]);
  });

  it('sends a reviewer evidence waiting for assessment of an implemented action, and not once it is assessed', async () => {
    const server = await smtp();
    await db.action.update({ where: { id: actionId }, data: { status: 'IMPLEMENTED' } });
    await db.user.update({ where: { id: reviewer.id }, data: { noticeEmail: 'IMMEDIATE' } });
    const evidence = await db.evidence.create({
      data: { recommendationId, actionId, title: SECRET[4]!, description: SECRET[5]!, kind: 'AUDIT', url: 'https://example.test/a', submittedById: lead.id, submittedAt: new Date('2013-04-01T09:00:00Z') },
    });
    await runNoticeRound(now);
    expect(await deliverDueEmails({ now, transport: smtpTransport(server.url) })).toMatchObject({ sent: 1 });
    const reviewerUser = await db.user.findUniqueOrThrow({ where: { id: reviewer.id } });
    const mail = server.received.find((r) => r.envelopeTo[0] === reviewerUser.email)!.mail;
    expect(mail.text).toContain('Evidence for R1.1 has waited since 1 April 2013 for assessment');
    expect(mail.text).toContain('Status: Implemented');
    for (const secret of SECRET) expect(everything(mail)).not.toContain(secret);

    // Assessed before its email went: left out of it (the same email, as if queued again, carries the rest).
    await db.emailMessage.updateMany({ data: { status: 'QUEUED', claimToken: null } });
    await db.evidence.update({ where: { id: evidence.id }, data: { assessment: 'ACCEPTED' } });
    expect(await deliverDueEmails({ now, transport: smtpTransport(server.url) })).toMatchObject({ sent: 1 });
    const again = server.received.at(-1)!.mail;
    expect(again.text).toContain('R1.2 has nobody leading it');
    expect(again.text).not.toContain('Evidence for R1.1');
    // With nothing else in it: not sent, and why.
    await db.action.updateMany({ where: { recommendationId, reference: '2' }, data: { archivedAt: now } });
    await db.emailMessage.updateMany({ data: { status: 'QUEUED', claimToken: null } });
    expect(await deliverDueEmails({ now, transport: smtpTransport(server.url) })).toMatchObject({ sent: 0, cancelled: 1 });
    expect((await db.emailMessage.findFirstOrThrow()).lastError).toBe('Not sent: what it was about was archived, assessed or closed after it was queued.');
  });

  it('does not send reminders to someone who chose no emails after they were queued, but still sends escalations', async () => {
    const server = await smtp();
    await runNoticeRound(now);
    await db.user.update({ where: { id: lead.id }, data: { noticeEmail: 'NONE' } });
    expect(await deliverDueEmails({ now, transport: smtpTransport(server.url) })).toMatchObject({ sent: 2, cancelled: 1 });
    expect(await db.emailMessage.findFirstOrThrow({ where: { recipientId: lead.id } })).toMatchObject({
      status: 'CANCELLED',
      lastError: 'Not sent: the recipient chose not to get these by email after it was queued.',
    });
  });

  it('holds the batch back when the server refuses our login, instead of failing every email', async () => {
    const server = await smtp({ refuseLogin: true });
    await runNoticeRound(now);
    const transport = smtpTransport(server.url.replace('smtp://', 'smtp://followthrough:wrong@'), 1_000);
    expect(await deliverDueEmails({ now, transport })).toMatchObject({ retrying: 3, failed: 0, sent: 0 });
    const emails = await db.emailMessage.findMany({ orderBy: { attempts: 'desc' } });
    expect(emails.map((e) => [e.status, e.attempts])).toEqual([['QUEUED', 1], ['QUEUED', 0], ['QUEUED', 0]]);
    expect(emails[0]!.lastError).toMatch(/^The mail server: 535/);
  });

  it("keeps the outbox's copy of a digest without its unsubscribe token, and leaves out notices older than the week", async () => {
    await runNoticeRound(now);
    // A notice from long ago that no email carried (made before email existed): the app's only.
    await db.notice.updateMany({ where: { rule: 'unled' }, data: { createdAt: new Date('2013-03-01T09:00:00Z') } });
    expect(await composeDigests(now)).toEqual({ digests: 0 });
    await db.notice.updateMany({ where: { rule: 'unled' }, data: { createdAt: new Date('2013-04-30T09:00:00Z') } });
    expect(await composeDigests(now)).toEqual({ digests: 1 });
    await deliverDueEmails({ now, transport: null });
    const digest = await db.emailMessage.findFirstOrThrow({ where: { kind: 'digest' } });
    expect(digest.text).toContain('To stop these emails: https://followthrough.example/unsubscribe?token=(hidden)');
    expect(digest.text).not.toContain(reviewer.id + '.');
  });

  it('tells a refused address from a server that refuses us, and a send broken off midway from one never begun', () => {
    const error = (props: object) => Object.assign(new Error((props as { message?: string }).message ?? 'x'), props);
    expect(classifySendError(error({ code: 'EENVELOPE', command: 'RCPT TO', responseCode: 550 }))).toBe('address');
    expect(classifySendError(error({ code: 'EMESSAGE', command: 'DATA', responseCode: 554 }))).toBe('address');
    expect(classifySendError(error({ code: 'EENVELOPE', command: 'RCPT TO', responseCode: 450 }))).toBe('transient');
    expect(classifySendError(error({ code: 'EAUTH', command: 'AUTH PLAIN', responseCode: 535 }))).toBe('server');
    expect(classifySendError(error({ code: 'EENVELOPE', command: 'MAIL FROM', responseCode: 553 }))).toBe('server');
    expect(classifySendError(error({ code: 'ETIMEDOUT', command: 'CONN', message: 'Greeting never received' }))).toBe('server');
    expect(classifySendError(error({ code: 'ESOCKET', command: 'CONN', message: 'connect ECONNREFUSED 127.0.0.1:25' }))).toBe('server');
    expect(classifySendError(error({ code: 'ETIMEDOUT', command: 'CONN', message: 'Timeout' }))).toBe('uncertain');
    expect(classifySendError(error({ code: 'ESOCKET', message: 'read ECONNRESET' }))).toBe('uncertain');
  });
});
