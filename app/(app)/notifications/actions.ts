'use server';

import { markAllNoticesRead } from '@/lib/notices/notices';
import { markAllReadSchema } from '@/lib/notices/mark-read.schema';
import { serverAction } from '@/lib/server-action';

/** Takes no input: the notices marked are the signed-in user's own. */
export const markAllNoticesReadAction = serverAction(markAllReadSchema, (actor) => markAllNoticesRead(actor));
