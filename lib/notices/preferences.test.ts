import { beforeAll, describe, expect, it, vi } from 'vitest';
import { failingHistory } from '@/tests/support/failing-history';
import { describeEvent } from '@/lib/audit/describe-event';
import type { Actor } from '@/lib/auth/session-user';
import { db } from '@/lib/db';
import { unsubscribeToken } from '@/lib/email/unsubscribe-token';
import { RuleError } from '@/lib/errors';
import { createCast, createUser } from '@/tests/support/factories';
import { noticeEmailSchema } from './notice-email.schema';
import { BAD_UNSUBSCRIBE_LINK, getNoticeEmail, readUnsubscribeLink, setNoticeEmail, unsubscribeByToken, UNSUBSCRIBED_NOTE } from './preferences';
import { unsubscribeLink } from '@/lib/email/unsubscribe-token';

// Tokens are signed with the app's secret, as `npm start` provides it.
process.env.NEXTAUTH_SECRET ||= 'preferences-tests-secret-0123456789abcdef';

// The history write made to fail on demand (tests/support/failing-history.ts).
vi.mock('@/lib/audit/record-event', async (original) => (await import('@/tests/support/failing-history')).failingRecordEvent(original));

let cast: Awaited<ReturnType<typeof createCast>>;

beforeAll(async () => {
  cast = await createCast();
});

const choiceOf = async (id: string) => (await db.user.findUniqueOrThrow({ where: { id }, select: { noticeEmail: true } })).noticeEmail;
const eventsOf = (id: string) =>
  db.historyEvent.findMany({ where: { kind: 'user.notice_email_changed', subjectId: id }, orderBy: { id: 'asc' }, include: { actor: { select: { name: true } } } });
const everyChoice = async () => db.user.findMany({ orderBy: { id: 'asc' }, select: { id: true, noticeEmail: true, updatedAt: true } });

describe('the reminder emails form', () => {
  it('takes one of the three choices, and nothing that names a user', () => {
    expect(noticeEmailSchema.parse({ noticeEmail: 'NONE', userId: 'someone-else', id: 'someone-else' })).toEqual({ noticeEmail: 'NONE' });
    for (const noticeEmail of [undefined, '', 'none', 'WEEKLY', 1]) {
      expect(noticeEmailSchema.safeParse({ noticeEmail }).error?.issues).toEqual([
        expect.objectContaining({ path: ['noticeEmail'], message: 'Choose how you want reminder emails' }),
      ]);
    }
  });
});

describe('setNoticeEmail', () => {
  it("changes only the actor's own choice (the default is the weekly digest), and records it as theirs", async () => {
    const others = (await everyChoice()).filter((u) => u.id !== cast.owner.id);
    expect(await getNoticeEmail(cast.owner)).toBe('DIGEST');
    // Whatever else a hand-made request carries, the schema keeps only the choice, and the use case takes the user from the session.
    expect(await setNoticeEmail(cast.owner, noticeEmailSchema.parse({ noticeEmail: 'IMMEDIATE', userId: cast.viewer.id }))).toEqual({ noticeEmail: 'IMMEDIATE', changed: true });
    expect(await getNoticeEmail(cast.owner)).toBe('IMMEDIATE');
    expect((await everyChoice()).filter((u) => u.id !== cast.owner.id)).toEqual(others);

    const [event, ...more] = await eventsOf(cast.owner.id);
    expect(more).toEqual([]);
    expect(event).toMatchObject({ actorId: cast.owner.id, subjectType: 'user', before: { noticeEmail: 'DIGEST' }, after: { noticeEmail: 'IMMEDIATE' }, note: null });
    expect(describeEvent({ ...event!, actorName: event!.actor!.name })).toBe('Test owner changed their reminder emails to “as they happen” (was “in a weekly digest”)');
  });

  it('lets every role choose, and records nothing when the choice is the one they have', async () => {
    for (const actor of [cast.admin, cast.reviewer, cast.viewer] as Actor[]) {
      expect(await setNoticeEmail(actor, { noticeEmail: 'NONE' })).toEqual({ noticeEmail: 'NONE', changed: true });
      expect(await setNoticeEmail(actor, { noticeEmail: 'NONE' })).toEqual({ noticeEmail: 'NONE', changed: false });
      expect(await eventsOf(actor.id)).toHaveLength(1);
    }
  });

  it('writes the change and its event in one transaction', async () => {
    failingHistory.events = true;
    try {
      await expect(setNoticeEmail(cast.otherOwner, { noticeEmail: 'NONE' })).rejects.toThrow('history write failed');
    } finally {
      failingHistory.events = false;
    }
    expect(await choiceOf(cast.otherOwner.id)).toBe('DIGEST');
  });
});

describe('unsubscribing by the link in an email', () => {
  it("makes an absolute link to the page, with the user's token", () => {
    process.env.NEXTAUTH_URL = 'https://followthrough.example.org';
    const link = new URL(unsubscribeLink(cast.secondReviewer.id));
    expect(link.origin + link.pathname).toBe('https://followthrough.example.org/unsubscribe');
    expect(link.searchParams.get('token')).toBe(unsubscribeToken(cast.secondReviewer.id));
  });

  it("a good token stops that user's reminder emails, recorded as their own change with a note; again, it changes nothing", async () => {
    const user = cast.secondReviewer;
    const token = unsubscribeToken(user.id);
    expect(await readUnsubscribeLink(token)).toBe('subscribed');
    expect(await unsubscribeByToken(token)).toEqual({ noticeEmail: 'NONE', changed: true });
    expect(await choiceOf(user.id)).toBe('NONE');
    expect(await readUnsubscribeLink(token)).toBe('unsubscribed');
    expect(await unsubscribeByToken(token)).toEqual({ noticeEmail: 'NONE', changed: false });

    const events = await eventsOf(user.id);
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({ actorId: user.id, subjectId: user.id, before: { noticeEmail: 'DIGEST' }, after: { noticeEmail: 'NONE' }, note: UNSUBSCRIBED_NOTE });
  });

  it('a bad, tampered or borrowed token is refused with a clear message and changes nothing', async () => {
    // A fresh user, still on the default.
    const user = await createUser('OWNER', cast.ownAgencyId);
    const good = unsubscribeToken(user.id);
    const [id, mac] = good.split('.') as [string, string];
    const flipped = `${mac.slice(0, -1)}${mac.endsWith('A') ? 'B' : 'A'}`;
    const bad: unknown[] = [
      '',
      'garbage',
      id, // no signature
      `${id}.${flipped}`, // tampered signature
      `${cast.viewer.id}.${mac}`, // someone else's id with this user's signature
      `${id}.${mac}.extra`,
      `${id}.${mac}`.toUpperCase(),
      `${'x'.repeat(300)}.${mac}`,
      `${id}\u0000.${mac}`,
      unsubscribeToken('no-such-user'), // well signed, but nobody
      null,
      42,
      { token: good },
    ];
    const before = await everyChoice();
    const events = await db.historyEvent.count();
    for (const token of bad) {
      await expect(unsubscribeByToken(token)).rejects.toEqual(new RuleError(BAD_UNSUBSCRIBE_LINK));
      expect(await readUnsubscribeLink(token)).toBe('invalid');
    }
    expect(await everyChoice()).toEqual(before);
    expect(await db.historyEvent.count()).toBe(events);
    expect(await readUnsubscribeLink(good)).toBe('subscribed');
  });

  it('writes the change and its event in one transaction', async () => {
    const user = await createUser('VIEWER', cast.boardId);
    failingHistory.events = true;
    try {
      await expect(unsubscribeByToken(unsubscribeToken(user.id))).rejects.toThrow('history write failed');
    } finally {
      failingHistory.events = false;
    }
    expect(await choiceOf(user.id)).toBe('DIGEST');
  });
});
