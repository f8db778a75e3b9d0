import 'server-only';
import { cache } from 'react';
import { getAction } from '@/lib/actions/get-action';
import { requireUser } from '@/lib/auth/session';
import { orNotFound } from '@/app/(app)/or-not-found';

/** The signed-in user and the action, once per request (metadata and page); 404 when it is not there. */
export const loadAction = cache(async (id: string, fullHistory = false) => {
  const user = await requireUser();
  return { user, action: await orNotFound(getAction(user, id, { fullHistory })) };
});
