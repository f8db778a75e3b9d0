import 'server-only';
import { cache } from 'react';
import { requireUser } from '@/lib/auth/session';
import { getRecommendation } from '@/lib/recommendations/get-recommendation';
import { orNotFound } from '@/app/(app)/or-not-found';

/** The signed-in user and the recommendation, once per request (metadata and page); 404 when it is not there. */
export const loadRecommendation = cache(async (id: string, fullHistory = false) => {
  const user = await requireUser();
  return { user, recommendation: await orNotFound(getRecommendation(user, id, { fullHistory })) };
});
