import 'server-only';
import { db } from '@/lib/db';
import { hashPassword, verifyPassword } from './password';
import { signInSchema } from './schemas';

export type AuthenticatedUser = {
  id: string;
  email: string;
  name: string;
  role: 'ADMIN' | 'REVIEWER' | 'OWNER' | 'VIEWER';
  agencyId: string;
  sessionVersion: number;
};

// Verified against when no such user exists, so that an unknown email costs
// the same time as a wrong password and cannot be told apart by timing.
let decoyHash: Promise<string> | undefined;

/** Checks a sign-in; null for every kind of failure, so callers cannot leak which. */
export async function authenticate(input: unknown): Promise<AuthenticatedUser | null> {
  const parsed = signInSchema.safeParse(input);
  if (!parsed.success) return null;
  const user = await db.user.findUnique({ where: { email: parsed.data.email.toLowerCase() } });
  const passwordHash = user?.passwordHash ?? (await (decoyHash ??= hashPassword('decoy password for timing')));
  const passwordMatches = await verifyPassword(passwordHash, parsed.data.password);
  if (!user || !passwordMatches || !user.active) return null;
  await db.user.update({ where: { id: user.id }, data: { lastSignInAt: new Date() } });
  return {
    id: user.id,
    email: user.email,
    name: user.name,
    role: user.role,
    agencyId: user.agencyId,
    sessionVersion: user.sessionVersion,
  };
}
