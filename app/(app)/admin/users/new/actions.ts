'use server';

import { serverAction } from '@/lib/server-action';
import { createUser } from '@/lib/users/create-user';
import { createUserSchema } from '@/lib/users/user.schema';

export const createUserAction = serverAction(createUserSchema, createUser);
