import { beforeAll, describe, expect, it, vi } from 'vitest';
import { createSessionUser } from '@/tests/support/auth-factories';
import { createAgency } from '@/tests/support/factories';
import type { SessionUser } from './session-user';

// requireUser and getCurrentUser, with next-auth's session and Next's redirect stubbed.
const state = vi.hoisted(() => ({ claims: null as null | { id: string; sessionVersion: number; sessionId: string } }));
vi.mock('next-auth', () => ({ getServerSession: async () => (state.claims ? { user: state.claims } : null) }));
vi.mock('next/navigation', () => ({
  redirect: (url: string) => {
    throw new Error(`REDIRECT ${url}`);
  },
}));

const { accountStepRedirect, getCurrentUser, getSessionUser, requireUser } = await import('./session');

let agencyId: string;
beforeAll(async () => {
  agencyId = (await createAgency()).id;
});

function signInAs(user: SessionUser) {
  state.claims = { id: user.id, sessionVersion: 1, sessionId: user.sessionId };
}

describe('requireUser', () => {
  it('sends a visitor without a session to the login page', async () => {
    state.claims = null;
    await expect(requireUser()).rejects.toThrow('REDIRECT /login');
  });

  it('sends a user who must change their password to /account/password, from every page but that one', async () => {
    signInAs(await createSessionUser('OWNER', agencyId, { mustChangePassword: true }));
    await expect(requireUser()).rejects.toThrow('REDIRECT /account/password');
    await expect(requireUser({ allow: 'two-factor-enrolment' })).rejects.toThrow('REDIRECT /account/password');
    await expect(requireUser({ allow: 'password-change' })).resolves.toMatchObject({ mustChangePassword: true });
    // Route handlers that ask getCurrentUser see no user at all; the account pages see them.
    expect(await getCurrentUser()).toBeNull();
    expect(await getSessionUser()).not.toBeNull();
  });

  it('sends an admin or reviewer without two-factor to /account/two-factor, from every page but that one', async () => {
    signInAs(await createSessionUser('REVIEWER', agencyId, { twoFactor: false }));
    await expect(requireUser()).rejects.toThrow('REDIRECT /account/two-factor');
    await expect(requireUser({ allow: 'two-factor-enrolment' })).resolves.toMatchObject({ role: 'REVIEWER', twoFactorEnabled: false });
    expect(await getCurrentUser()).toBeNull();
  });

  it('lets everyone else through, to any page', async () => {
    const reviewer = await createSessionUser('REVIEWER', agencyId);
    signInAs(reviewer);
    await expect(requireUser()).resolves.toMatchObject({ id: reviewer.id });
    await expect(requireUser({ allow: 'two-factor-enrolment' })).resolves.toMatchObject({ id: reviewer.id });
    expect(await getCurrentUser()).toMatchObject({ id: reviewer.id });
    expect(accountStepRedirect({ role: 'VIEWER', mustChangePassword: false, twoFactorEnabled: false })).toBeNull();
  });
});
