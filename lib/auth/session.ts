import 'server-only';
import { getServerSession } from 'next-auth';
import { redirect } from 'next/navigation';
import { cache } from 'react';
import { authOptions } from './options';
import { type Actor, findSessionUser } from './session-user';

/** The signed-in user for this request, or null. Read once per request. */
export const getCurrentUser = cache(async (): Promise<Actor | null> => {
  const session = await getServerSession(authOptions);
  return findSessionUser(session?.user);
});

/** For pages: the signed-in user, or a redirect to the login page. */
export async function requireUser(): Promise<Actor> {
  const user = await getCurrentUser();
  if (!user) redirect('/login');
  return user;
}
