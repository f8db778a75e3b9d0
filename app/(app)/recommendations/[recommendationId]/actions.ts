'use server';

import { updateProgress } from '@/lib/recommendations/update-progress';
import { updateProgressSchema } from '@/lib/recommendations/update-progress.schema';
import { serverAction } from '@/lib/server-action';

export const updateProgressAction = serverAction(updateProgressSchema, updateProgress);
