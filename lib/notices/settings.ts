import 'server-only';
import { type Db, db } from '@/lib/db';
import { DEFAULT_NOTICE_SETTINGS, type NoticeSettings } from './rules';

/**
 * The partnership's notice rules as they are now (one row, made by the
 * migration with the defaults). A round reads them once, at its start, so a
 * rule an admin edits while a round runs applies from the next round; the
 * notices' keys mean nothing is ever sent twice either way.
 */
export async function readNoticeSettings(client: Db = db): Promise<NoticeSettings & { version: number }> {
  const row = await client.noticeSettings.findUnique({ where: { id: 'partnership' } });
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
