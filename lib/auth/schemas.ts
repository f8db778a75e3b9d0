import { z } from 'zod';

// Shared by the login form (react-hook-form) and the credentials provider.
export const signInSchema = z.object({
  email: z.string().trim().min(1, 'Enter your email address').email('Enter an email address in the correct format, like name@example.org'),
  password: z.string().min(1, 'Enter your password').max(1024, 'Password must be 1,024 characters or fewer'),
});

export type SignInInput = z.infer<typeof signInSchema>;

/** What the credentials provider accepts: the form's fields, and the second step's code when there is one. */
export const credentialsSchema = signInSchema.extend({
  // A 6-digit code from the authenticator app, or a recovery code. '' is no code.
  code: z
    .string()
    .trim()
    .max(64)
    .optional()
    .transform((code) => code || undefined),
});

/** One message for a wrong password and an unknown user alike. */
export const SIGN_IN_FAILED = 'Enter a correct email address and password';

/** The second step failed: the code was wrong or already used (the password was right to get there). */
export const TWO_FACTOR_FAILED = 'The code is not right, or has already been used. Enter the current code from your authenticator app.';
export const RECOVERY_CODE_FAILED = 'The recovery code is not right, or has already been used.';

/**
 * The error the credentials provider throws when the password is right and
 * the account has two-factor sign-in but no code came with it. next-auth puts
 * it in the response's `error`; the login form then asks for the code.
 */
export const TWO_FACTOR_REQUIRED = 'two-factor-required';

/** The `error` of the 429 response the auth route gives a throttled sign-in. */
export const TOO_MANY_ATTEMPTS = 'too-many-attempts';
