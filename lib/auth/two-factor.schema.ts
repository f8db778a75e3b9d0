import { z } from 'zod';

// Shared by the two-factor forms (react-hook-form) and their Server Actions.

export const startEnrolmentSchema = z.object({});

export const confirmEnrolmentSchema = z.object({
  // The sealed pending secret from `startTwoFactorEnrolment` (see two-factor.ts).
  token: z.string().min(1, 'Start again: the set-up has expired').max(2000),
  code: z
    .string()
    .transform((value) => value.replace(/\s/g, ''))
    .pipe(z.string().min(1, 'Enter the 6-digit code from your authenticator app').regex(/^\d{6}$/, 'The code must be 6 digits')),
});

export const disableTwoFactorSchema = z.object({
  code: z.string().trim().min(1, 'Enter a code from your authenticator app, or a recovery code').max(64, 'That is not a code we issued'),
});

export type ConfirmEnrolmentInput = z.input<typeof confirmEnrolmentSchema>;
export type DisableTwoFactorInput = z.input<typeof disableTwoFactorSchema>;

/** What the enrolment page needs to show the pending secret. */
export type PendingEnrolment = { token: string; secret: string; qrSvg: string; expiresAt: string };
