'use server';

import { retryEmail } from '@/lib/email/outbox';
import { retryEmailSchema } from '@/lib/email/retry-email.schema';
import { serverAction } from '@/lib/server-action';

export const retryEmailAction = serverAction(retryEmailSchema, retryEmail);
