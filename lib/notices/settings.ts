import 'server-only';
import type { z } from 'zod';
import { changedFields } from '@/lib/audit/events';
import { recordEvent } from '@/lib/audit/record-event';
import { claimVersion } from '@/lib/audit/versions';
import { assertCan } from '@/lib/auth/permissions';
import type { Actor } from '@/lib/auth/session-user';
import { type Db, db } from '@/lib/db';
import { NoChanges, unlessNoChanges } from '@/lib/reviews/no-changes';
import type { noticeSettingsSchema } from './notice-settings.schema';
import { DEFAULT_NOTICE_SETTINGS, type NoticeSettings } from './rules';

/** The one row of notice rules (made by the migration). */
export const NOTICE_SETTINGS_ID = 'partnership';

/**
 * The partnership's notice rules as they are now (one row, made by the
 * migration with the defaults). A round reads them once, at its start, so a
 * rule an admin edits while a round runs applies from the next round; the
 * notices' keys mean nothing is ever sent twice either way.
 */
export async function readNoticeSettings(client: Db = db): Promise<NoticeSettings & { version: number }> {
  const row = await client.noticeSettings.findUnique({ where: { id: NOTICE_SETTINGS_ID } });
  if (!row) return { ...DEFAULT_NOTICE_SETTINGS, version: 0 };
  return {
    dueSoonDays: row.dueSoonDays,
    stalledDays: row.stalledDays,
    evidenceWaitingDays: row.evidenceWaitingDays,
    seniorLeadAfterDays: row.seniorLeadAfterDays,
    managerAfterDays: row.managerAfterDays,
    version: row.version,
  };
}

/** The notice rules for the admin's form: admins only. */
export async function getNoticeSettings(actor: Actor) {
  assertCan(actor, 'notice-rules:edit');
  return readNoticeSettings();
}

export type UpdatedNoticeSettings = { version: number; changed: boolean };

/**
 * An admin changes the notice rules' thresholds. One transaction: claim the
 * version the form was based on (a stale one changes nothing and says who
 * changed what), update, and record only the thresholds that changed. Saving
 * without changing anything changes nothing, not even the version. Escalations
 * are never switched off, only timed (the schema keeps every threshold a
 * number of days, and the business managers' later than the senior lead's).
 */
export async function updateNoticeSettings(actor: Actor, input: z.output<typeof noticeSettingsSchema>): Promise<UpdatedNoticeSettings> {
  assertCan(actor, 'notice-rules:edit');
  return unlessNoChanges(
    () =>
      db.$transaction(async (tx): Promise<UpdatedNoticeSettings> => {
        const version = await claimVersion(tx, 'settings', NOTICE_SETTINGS_ID, input.version);
        const before = await tx.noticeSettings.findUniqueOrThrow({ where: { id: NOTICE_SETTINGS_ID } });
        const after = thresholds(input);
        const changes = changedFields(thresholds(before), after);
        if (Object.keys(changes.after).length === 0) throw new NoChanges();
        await tx.noticeSettings.update({ where: { id: NOTICE_SETTINGS_ID }, data: after });
        await recordEvent(tx, {
          actorId: actor.id,
          kind: 'settings.notice_rules_changed',
          subjectId: NOTICE_SETTINGS_ID,
          subjectVersion: version,
          ...changes,
        });
        return { version, changed: true };
      }),
    (): UpdatedNoticeSettings => ({ version: input.version, changed: false }),
  );
}

/** The thresholds as stored and compared: the days before the due date largest first, so that "7, 30" is no change from "30, 7". */
function thresholds(values: NoticeSettings) {
  return {
    dueSoonDays: [...values.dueSoonDays].sort((a, b) => b - a),
    stalledDays: values.stalledDays,
    evidenceWaitingDays: values.evidenceWaitingDays,
    seniorLeadAfterDays: values.seniorLeadAfterDays,
    managerAfterDays: values.managerAfterDays,
  };
}
