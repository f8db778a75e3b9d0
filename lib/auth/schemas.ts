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

// The login form's messages and error codes live in a zod-free module (the form
// is a client component); re-exported here for the server side.
export {
  RECOVERY_CODE_FAILED,
  SIGN_IN_FAILED,
  TOO_MANY_ATTEMPTS,
  TWO_FACTOR_FAILED,
  TWO_FACTOR_REQUIRED,
} from './sign-in-messages';
