import { beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { failingHistory } from '@/tests/support/failing-history';
import { describeEvent } from '@/lib/audit/describe-event';
import { ForbiddenError } from '@/lib/auth/permissions';
import type { Actor } from '@/lib/auth/session-user';
import { db } from '@/lib/db';
import { ConflictError } from '@/lib/errors';
import { createCast } from '@/tests/support/factories';
import { noticeSettingsSchema } from './notice-settings.schema';
import { DEFAULT_NOTICE_SETTINGS } from './rules';
import { NOTICE_SETTINGS_ID, readNoticeSettings, updateNoticeSettings } from './settings';

// The history write made to fail on demand (tests/support/failing-history.ts).
vi.mock('@/lib/audit/record-event', async (original) => (await import('@/tests/support/failing-history')).failingRecordEvent(original));

let cast: Awaited<ReturnType<typeof createCast>>;
/** The row's version, and the last history event, as each test starts. */
let version = 1;
let startEventId = 0;

beforeAll(async () => {
  cast = await createCast();
});

// Each test starts from the migration's defaults (the one row is shared by the file's tests; its version only goes up).
beforeEach(async () => {
  const row = await db.noticeSettings.update({ where: { id: NOTICE_SETTINGS_ID }, data: { ...DEFAULT_NOTICE_SETTINGS, dueSoonDays: [30, 7] } });
  version = row.version;
  startEventId = (await db.historyEvent.findFirst({ orderBy: { id: 'desc' }, select: { id: true } }))?.id ?? 0;
});

/** The form's values as typed, with any changes. */
function form(overrides: Record<string, unknown> = {}) {
  return { version: String(version), dueSoonDays: '30, 7', stalledDays: '60', evidenceWaitingDays: '14', seniorLeadAfterDays: '14', managerAfterDays: '28', ...overrides };
}

/** Each field's first message, for a form as typed. */
function messages(values: Record<string, unknown>) {
  const result = noticeSettingsSchema.safeParse(values);
  return result.success ? {} : Object.fromEntries(result.error.issues.map((issue) => [issue.path.join('.'), issue.message]));
}

/** The test's own events about the notice rules. */
const settingsEvents = () => db.historyEvent.findMany({ where: { subjectType: 'settings', subjectId: NOTICE_SETTINGS_ID, id: { gt: startEventId } }, orderBy: { id: 'asc' }, include: { actor: { select: { name: true } } } });

describe('the notice rules form', () => {
  it('reads "30, 7" (commas or spaces) as distinct whole days, largest first, and parses its own output again the same', () => {
    const parsed = noticeSettingsSchema.parse(form({ dueSoonDays: ' 7,30 ,, 14 ' }));
    expect(parsed).toEqual({ version: 1, dueSoonDays: [30, 14, 7], stalledDays: 60, evidenceWaitingDays: 14, seniorLeadAfterDays: 14, managerAfterDays: 28 });
    expect(noticeSettingsSchema.parse(parsed)).toEqual(parsed);
    expect(noticeSettingsSchema.parse(form({ dueSoonDays: '7 1' })).dueSoonDays).toEqual([7, 1]);
  });

  it('says what is wrong with the days before the due date', () => {
    expect(messages(form({ dueSoonDays: '' }))).toEqual({ dueSoonDays: 'Enter the days before the due date to remind, like 30, 7' });
    expect(messages(form({ dueSoonDays: ' , ' }))).toEqual({ dueSoonDays: 'Enter the days before the due date to remind, like 30, 7' });
    expect(messages(form({ dueSoonDays: '30, seven' }))).toEqual({ dueSoonDays: 'Enter whole numbers of days separated by commas, like 30, 7' });
    expect(messages(form({ dueSoonDays: '7.5' }))).toEqual({ dueSoonDays: 'Enter whole numbers of days separated by commas, like 30, 7' });
    expect(messages(form({ dueSoonDays: '-7' }))).toEqual({ dueSoonDays: 'Enter whole numbers of days separated by commas, like 30, 7' });
    expect(messages(form({ dueSoonDays: '0, 7' }))).toEqual({ dueSoonDays: 'Each number of days before the due date must be between 1 and 365' });
    expect(messages(form({ dueSoonDays: '366' }))).toEqual({ dueSoonDays: 'Each number of days before the due date must be between 1 and 365' });
    expect(messages(form({ dueSoonDays: '30, 7, 30' }))).toEqual({ dueSoonDays: 'Enter each number of days once: 30 is there twice' });
    expect(messages(form({ dueSoonDays: '1, 2, 3, 4, 5, 6' }))).toEqual({ dueSoonDays: 'Enter at most 5 numbers of days before the due date' });
    expect(messages(form({ dueSoonDays: [] }))).toEqual({ dueSoonDays: 'Enter the days before the due date to remind, like 30, 7' });
    expect(messages(form({ dueSoonDays: [30, 1.5] }))).toEqual({ dueSoonDays: 'Enter whole numbers of days separated by commas, like 30, 7' });
    expect(messages(form({ dueSoonDays: 30 }))).toHaveProperty('dueSoonDays');
    expect(noticeSettingsSchema.parse(form({ dueSoonDays: '1, 2, 3, 4, 365' })).dueSoonDays).toEqual([365, 4, 3, 2, 1]);
  });

  it('gives each other threshold its own message: a whole number of days from 1 to 365', () => {
    expect(messages(form({ stalledDays: '', evidenceWaitingDays: '0', seniorLeadAfterDays: '2 weeks', managerAfterDays: '731' }))).toEqual({
      stalledDays: 'Enter the days without progress before a reminder',
      evidenceWaitingDays: 'The days evidence waits before a reminder must be between 1 and 365 days',
      seniorLeadAfterDays: 'The days overdue before the senior lead is told must be a whole number of days, like 14',
      managerAfterDays: 'The days overdue before the business managers are told must be between 1 and 730 days',
    });
    expect(messages(form({ stalledDays: '366' }))).toEqual({ stalledDays: 'The days without progress before a reminder must be between 1 and 365 days' });
    expect(messages(form({ stalledDays: 14.5 }))).toEqual({ stalledDays: 'The days without progress before a reminder must be a whole number of days, like 14' });
    expect(messages(form({ stalledDays: null }))).toEqual({ stalledDays: 'Enter the days without progress before a reminder' });
    expect(noticeSettingsSchema.parse(form({ managerAfterDays: '730', seniorLeadAfterDays: '365' }))).toMatchObject({ managerAfterDays: 730, seniorLeadAfterDays: 365 });
  });

  it('needs the business managers told later than the senior lead (escalation is timed, never off)', () => {
    const later = 'The business managers must be told later than the senior lead: enter more than 14 days';
    expect(messages(form({ managerAfterDays: '14' }))).toEqual({ managerAfterDays: later });
    expect(messages(form({ managerAfterDays: '7' }))).toEqual({ managerAfterDays: later });
    expect(messages(form({ managerAfterDays: '15' }))).toEqual({});
  });

  it('refuses a missing or impossible version', () => {
    for (const version of [undefined, '', '0', '-1', 'abc', '1.5']) expect(messages(form({ version }))).toHaveProperty('version');
  });
});

describe('updateNoticeSettings', () => {
  it('changes the thresholds, bumps the version, and records only what changed; the next round reads them', async () => {
    const result = await updateNoticeSettings(cast.admin, noticeSettingsSchema.parse(form({ dueSoonDays: '30, 14, 7', managerAfterDays: '21' })));
    expect(result).toEqual({ version: version + 1, changed: true });
    expect(await readNoticeSettings()).toEqual({ dueSoonDays: [30, 14, 7], stalledDays: 60, evidenceWaitingDays: 14, seniorLeadAfterDays: 14, managerAfterDays: 21, version: version + 1 });

    const [event, ...more] = await settingsEvents();
    expect(more).toEqual([]);
    expect(event).toMatchObject({
      kind: 'settings.notice_rules_changed',
      actorId: cast.admin.id,
      subjectVersion: version + 1,
      before: { dueSoonDays: [30, 7], managerAfterDays: 28 },
      after: { dueSoonDays: [30, 14, 7], managerAfterDays: 21 },
    });
    expect(describeEvent({ ...event!, actorName: event!.actor!.name })).toBe(
      'Test admin changed the notice rules: reminders before the due date (days) from 30, 7 to 30, 14, 7; days overdue before the business managers are told from 28 to 21',
    );
  });

  it('records nothing, and keeps the version, when nothing changed (the days in another order are no change)', async () => {
    expect(await updateNoticeSettings(cast.admin, noticeSettingsSchema.parse(form({ dueSoonDays: '7, 30' })))).toEqual({ version, changed: false });
    expect((await readNoticeSettings()).version).toBe(version);
    expect(await settingsEvents()).toEqual([]);
  });

  it('refuses a stale version, saying who changed what, and changes nothing', async () => {
    await updateNoticeSettings(cast.admin, noticeSettingsSchema.parse(form({ stalledDays: '45' })));
    const before = await db.noticeSettings.findUniqueOrThrow({ where: { id: NOTICE_SETTINGS_ID } });
    const events = await db.historyEvent.count();

    const stale = updateNoticeSettings(cast.admin, noticeSettingsSchema.parse(form({ stalledDays: '90' })));
    await expect(stale).rejects.toBeInstanceOf(ConflictError);
    await expect(stale).rejects.toMatchObject({
      currentVersion: version + 1,
      changes: [expect.objectContaining({ actorName: 'Test admin', description: expect.stringContaining('days without progress before a reminder from 60 to 45') })],
    });
    // An unchanged form on a stale version is refused too: it was based on values that are no longer so.
    await expect(updateNoticeSettings(cast.admin, noticeSettingsSchema.parse(form()))).rejects.toBeInstanceOf(ConflictError);
    expect(await db.noticeSettings.findUniqueOrThrow({ where: { id: NOTICE_SETTINGS_ID } })).toEqual(before);
    expect(await db.historyEvent.count()).toBe(events);
  });

  it('is for admins only: anyone else is refused and nothing changes', async () => {
    const before = await db.noticeSettings.findUniqueOrThrow({ where: { id: NOTICE_SETTINGS_ID } });
    for (const actor of [cast.reviewer, cast.owner, cast.viewer] as Actor[]) {
      await expect(updateNoticeSettings(actor, noticeSettingsSchema.parse(form({ stalledDays: '30' })))).rejects.toBeInstanceOf(ForbiddenError);
    }
    expect(await db.noticeSettings.findUniqueOrThrow({ where: { id: NOTICE_SETTINGS_ID } })).toEqual(before);
    expect(await settingsEvents()).toEqual([]);
  });

  it('writes the change and its event in one transaction', async () => {
    const before = await db.noticeSettings.findUniqueOrThrow({ where: { id: NOTICE_SETTINGS_ID } });
    failingHistory.events = true;
    try {
      await expect(updateNoticeSettings(cast.admin, noticeSettingsSchema.parse(form({ stalledDays: '30' })))).rejects.toThrow('history write failed');
    } finally {
      failingHistory.events = false;
    }
    expect(await db.noticeSettings.findUniqueOrThrow({ where: { id: NOTICE_SETTINGS_ID } })).toEqual(before);
  });
});
