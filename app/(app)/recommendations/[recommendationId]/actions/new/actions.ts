'use server';

import { createActionSchema } from '@/lib/actions/action.schema';
import { createAction } from '@/lib/actions/create-action';
import { serverAction } from '@/lib/server-action';

export const createActionAction = serverAction(createActionSchema, createAction);
