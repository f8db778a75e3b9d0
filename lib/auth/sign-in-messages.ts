// No zod here: the login form (a client component) needs these messages and
// error codes, and must not load zod just for them. lib/auth/schemas.ts
// re-exports them for the server side.

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
