import { z } from 'zod';

// Shared by the login form (react-hook-form) and the credentials provider.
export const signInSchema = z.object({
  email: z.string().trim().min(1, 'Enter your email address').email('Enter an email address in the correct format, like name@example.org'),
  password: z.string().min(1, 'Enter your password').max(1024, 'Password must be 1,024 characters or fewer'),
});

export type SignInInput = z.infer<typeof signInSchema>;

/** One message for a wrong password and an unknown user alike. */
export const SIGN_IN_FAILED = 'Enter a correct email address and password';
