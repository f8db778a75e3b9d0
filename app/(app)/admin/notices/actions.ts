'use server';

import { noticeSettingsSchema } from '@/lib/notices/notice-settings.schema';
import { updateNoticeSettings } from '@/lib/notices/settings';
import { serverAction } from '@/lib/server-action';

export const updateNoticeSettingsAction = serverAction(noticeSettingsSchema, updateNoticeSettings);
