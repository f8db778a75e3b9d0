'use server';

import { archiveFinding } from '@/lib/findings/archive-finding';
import { updateFindingSchema } from '@/lib/findings/finding.schema';
import { updateFinding } from '@/lib/findings/update-finding';
import { archiveSchema } from '@/lib/reviews/review.schema';
import { serverAction } from '@/lib/server-action';

export const updateFindingAction = serverAction(updateFindingSchema, updateFinding);
export const archiveFindingAction = serverAction(archiveSchema, archiveFinding);
