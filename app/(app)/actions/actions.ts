'use server';

import { bulkUpdateActions } from '@/lib/actions/bulk-update';
import { bulkUpdateSchema } from '@/lib/actions/bulk-update.schema';
import { serverAction } from '@/lib/server-action';

export const bulkUpdateActionsAction = serverAction(bulkUpdateSchema, bulkUpdateActions);
