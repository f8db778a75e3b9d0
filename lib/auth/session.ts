import 'server-only';
import { getServerSession } from 'next-auth';
import { redirect } from 'next/navigation';
import { cache } from 'react';
import { ACCOUNT_STEP_PATHS, type AccountStep, pendingAccountStep } from './account-steps';
import { serverSessionOptions } from './options';
import { type Actor, findSessionUser, type SessionUser } from './session-user';

/**
 * The signed-in user for this request, whatever they must do first (change a
 * password, set up two-factor), or null. Read once per request. Only the
 * account pages and `serverAction` use this: everything else wants
 * `getCurrentUser` or `requireUser`.
 */
export const getSessionUser = cache(async (): Promise<SessionUser | null> => {
  // Options whose jwt callback skips the database check: findSessionUser is that check.
  const session = await getServerSession(serverSessionOptions);
  return findSessionUser(session?.user);
});

/**
 * The signed-in user who may use the app, or null: null too for a user who
 * must first change their password or set up two-factor sign-in, so that a
 * route handler that checks for a user refuses them without knowing why.
 */
export const getCurrentUser = cache(async (): Promise<Actor | null> => {
  const user = await getSessionUser();
  return user && !pendingAccountStep(user) ? user : null;
});

export type RequireUserOptions = {
  /** The one pending step this page is for: '/account/password' or '/account/two-factor'. */
  allow?: AccountStep;
};

/**
 * For pages: the signed-in user; or a redirect to the login page; or, for a
 * user who must first change their password or set up two-factor sign-in, a
 * redirect to that page (unless this page is the one for that step).
 */
export async function requireUser(options: RequireUserOptions = {}): Promise<SessionUser> {
  const user = await getSessionUser();
  if (!user) redirect('/login');
  const target = accountStepRedirect(user, options);
  if (target) redirect(target);
  return user;
}

/** Where `requireUser` sends this user instead, or null to let them through. */
export function accountStepRedirect(user: Parameters<typeof pendingAccountStep>[0], options: RequireUserOptions = {}): string | null {
  const step = pendingAccountStep(user);
  return step && step !== options.allow ? ACCOUNT_STEP_PATHS[step] : null;
}
