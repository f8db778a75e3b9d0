// For tests that call Server Actions and route handlers directly: the session,
// and only the session, is replaced. Whoever `fakeSession.actor` is, is signed
// in (null: signed out). Every way lib/auth/session.ts hands out the user is
// covered, so that a new caller of any of them is covered too. Use it as
//   vi.mock('@/lib/auth/session', async (original) =>
//     (await import('@/tests/support/fake-session')).fakeSessionModule(await original()));
import type * as Session from '@/lib/auth/session';

/** The user as the session hands it to Server Actions. */
export type SignedIn = NonNullable<Awaited<ReturnType<typeof Session.getSessionUser>>>;

export const fakeSession = { actor: null as SignedIn | null };

export function fakeSessionModule(original: typeof Session): typeof Session {
  return {
    ...original,
    getSessionUser: async () => fakeSession.actor,
    getCurrentUser: async () => fakeSession.actor,
    requireUser: async () => {
      if (!fakeSession.actor) throw new Error('NEXT_REDIRECT /login');
      return fakeSession.actor;
    },
  };
}
