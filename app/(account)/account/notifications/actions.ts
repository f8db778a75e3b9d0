'use server';

import { noticeEmailSchema } from '@/lib/notices/notice-email.schema';
import { setNoticeEmail } from '@/lib/notices/preferences';
import { serverAction } from '@/lib/server-action';

/** Whose choice it is comes from the session: the input names no user. */
export const setNoticeEmailAction = serverAction(noticeEmailSchema, setNoticeEmail);
