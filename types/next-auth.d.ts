import type { Role } from '@/lib/generated/prisma/enums';

// What the signed JWT carries. It is a claim, not the truth: every request
// re-reads the user and the UserSession (lib/auth/session-user.ts) before
// trusting any of it.
declare module 'next-auth' {
  interface Session {
    user: { id: string; sessionVersion: number; sessionId: string; role: Role; agencyId: string; name: string; email: string };
  }
  interface User {
    id: string;
    sessionVersion: number;
    /** The UserSession row opened by this sign-in. */
    sessionId: string;
    role: Role;
    agencyId: string;
    name: string;
    email: string;
  }
}

declare module 'next-auth/jwt' {
  interface JWT {
    sessionVersion: number;
    sessionId: string;
    role: Role;
    agencyId: string;
  }
}
