import 'server-only';
import type { NextAuthOptions } from 'next-auth';
import CredentialsProvider from 'next-auth/providers/credentials';
import { authenticate } from './authenticate';

const TWELVE_HOURS = 12 * 60 * 60;

export const authOptions: NextAuthOptions = {
  session: { strategy: 'jwt', maxAge: TWELVE_HOURS },
  pages: { signIn: '/login', error: '/login' },
  providers: [
    CredentialsProvider({
      name: 'Email and password',
      credentials: { email: { type: 'email' }, password: { type: 'password' } },
      authorize: (credentials) => authenticate(credentials),
    }),
  ],
  callbacks: {
    jwt({ token, user }) {
      if (user) {
        token.sub = user.id;
        token.sessionVersion = user.sessionVersion;
        token.role = user.role;
        token.agencyId = user.agencyId;
      }
      return token;
    },
    session({ session, token }) {
      session.user = {
        id: token.sub ?? '',
        sessionVersion: token.sessionVersion,
        role: token.role,
        agencyId: token.agencyId,
        name: token.name ?? '',
        email: token.email ?? '',
      };
      return session;
    },
  },
};
