import 'server-only';
import { cache } from 'react';
import { requireUser } from '@/lib/auth/session';
import { getReview } from '@/lib/reviews/get-review';
import { orNotFound } from '@/app/(app)/or-not-found';

/** The signed-in user and the review, once per request (shared by metadata and page); 404 when it is not there. */
export const loadReview = cache(async (id: string) => {
  const user = await requireUser();
  return { user, review: await orNotFound(getReview(user, id)) };
});

/** The reference after the highest numbered one with this prefix: F3 after F1, F2. */
export function nextReference(prefix: string, references: string[]) {
  const numbers = references.map((reference) => new RegExp(`^${prefix}(\\d+)$`, 'i').exec(reference)?.[1]).map(Number);
  const highest = Math.max(0, ...numbers.filter((n) => Number.isFinite(n)));
  return `${prefix}${highest + 1}`;
}
