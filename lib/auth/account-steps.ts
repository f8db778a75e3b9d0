// What a signed-in user must do before anything else: change a password an
// admin reset, or (admins and reviewers) set up two-factor sign-in. Pure and
// safe for client components; enforced server-side by `requireUser` and
// `serverAction`.
import type { Role } from '@/lib/generated/prisma/enums';

export type AccountStep = 'password-change' | 'two-factor-enrolment';

/** Roles that may not use the app without two-factor sign-in. */
export const TWO_FACTOR_REQUIRED_ROLES: readonly Role[] = ['ADMIN', 'REVIEWER'];

export function requiresTwoFactor(role: Role): boolean {
  return TWO_FACTOR_REQUIRED_ROLES.includes(role);
}

/** Two-factor sign-in is on once an enrolment was confirmed and its secret is stored. */
export function hasTwoFactor(user: { totpEnabledAt: Date | null; totpSecret: string | null }): boolean {
  return user.totpEnabledAt !== null && user.totpSecret !== null;
}

export const ACCOUNT_STEP_PATHS: Record<AccountStep, string> = {
  'password-change': '/account/password',
  'two-factor-enrolment': '/account/two-factor',
};

/** What a Server Action says when it is refused because a step is pending. */
export const ACCOUNT_STEP_REFUSALS: Record<AccountStep, string> = {
  'password-change': 'You must change your password before you can do anything else.',
  'two-factor-enrolment': 'You must set up two-factor sign-in before you can do anything else.',
};

export type AccountStepSubject = { role: Role; mustChangePassword: boolean; twoFactorEnabled: boolean };

/** The step this user must complete first, if any; a password change comes before enrolment. */
export function pendingAccountStep(user: AccountStepSubject): AccountStep | null {
  if (user.mustChangePassword) return 'password-change';
  if (requiresTwoFactor(user.role) && !user.twoFactorEnabled) return 'two-factor-enrolment';
  return null;
}
