'use server';

import { createFinding } from '@/lib/findings/create-finding';
import { createFindingSchema } from '@/lib/findings/finding.schema';
import { serverAction } from '@/lib/server-action';

export const createFindingAction = serverAction(createFindingSchema, createFinding);
