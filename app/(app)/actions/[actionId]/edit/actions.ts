'use server';

import { updateActionSchema } from '@/lib/actions/action.schema';
import { archiveAction } from '@/lib/actions/archive-action';
import { updateAction } from '@/lib/actions/update-action';
import { archiveSchema } from '@/lib/reviews/review.schema';
import { serverAction } from '@/lib/server-action';

export const updateActionAction = serverAction(updateActionSchema, updateAction);
export const archiveActionAction = serverAction(archiveSchema, archiveAction);
