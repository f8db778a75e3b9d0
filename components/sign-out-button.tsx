'use client';

import { signOut } from './auth-requests';

export function SignOutButton() {
  return (
    <button type="button" className="link-button" onClick={() => signOut('/login')}>
      Sign out
    </button>
  );
}
