// Form schemas for user administration and for changing your own password.
// Each drives its form through react-hook-form and is parsed again by the
// Server Action. They check only what needs no database and no dictionary
// (length, format, both new passwords the same); the use cases apply the whole
// password policy (lib/auth/password-policy.ts), which needs the agency's name
// and the common-passwords list, and which must never be trusted to the browser.
import { z } from 'zod';
import { checkPasswordLength, PASSWORD_MAX_LENGTH } from '@/lib/auth/password-policy';
import { Role } from '@/lib/generated/prisma/enums';

const id = (missing: string) => z.string({ error: missing }).trim().min(1, missing).max(64, missing);

export const userIdField = id('Choose a user');

const emailField = z
  .string({ error: 'Enter an email address' })
  .trim()
  .toLowerCase()
  .min(1, 'Enter an email address')
  .max(254, 'Email address must be 254 characters or fewer')
  .email('Enter an email address in the correct format, like name@example.org');

const nameField = z
  .string({ error: 'Enter a role-based name' })
  .trim()
  .min(1, 'Enter a role-based name, like "Children\'s social care lead" (never a person\'s own name)')
  .max(200, 'Name must be 200 characters or fewer');

const roleField = z.enum(Role, { error: 'Choose a role' });

const agencyField = id('Choose an agency');

/** A new password: only its length here (never trimmed: spaces are part of it). */
export function newPasswordField(missing = 'Enter a password') {
  return z.string({ error: missing }).superRefine((value, ctx) => {
    const problem = value === '' ? missing : checkPasswordLength(value);
    if (problem) ctx.addIssue({ code: 'custom', message: problem });
  });
}

/** The initial password, or blank (null) to have one generated and shown once. */
const initialPasswordField = z
  .union([z.null(), z.string()])
  .optional()
  .transform((value, ctx) => {
    if (value === null || value === undefined || value === '') return null;
    const problem = checkPasswordLength(value);
    if (problem) {
      ctx.issues.push({ code: 'custom', message: problem, input: value });
      return z.NEVER;
    }
    return value;
  });

export const createUserSchema = z.object({
  email: emailField,
  name: nameField,
  role: roleField,
  agencyId: agencyField,
  initialPassword: initialPasswordField,
});

export const updateUserSchema = z.object({
  id: userIdField,
  name: nameField,
  role: roleField,
  agencyId: agencyField,
});

/** A reason kept in the history, if given (blank is none). */
const optionalReason = z
  .union([z.null(), z.string().trim().max(2000, 'Reason must be 2,000 characters or fewer')])
  .optional()
  .transform((value) => (value ? value : null));

export const deactivateUserSchema = z.object({
  id: userIdField,
  // Not just "reason": the element id must not clash with other forms on the page.
  deactivateReason: optionalReason,
});

export const reactivateUserSchema = z.object({ id: userIdField });

export const resetPasswordSchema = z.object({ id: userIdField });

export const resetTwoFactorSchema = z.object({
  id: userIdField,
  resetTwoFactorReason: optionalReason,
});

export const changePasswordSchema = z
  .object({
    currentPassword: z
      .string({ error: 'Enter your current password' })
      .min(1, 'Enter your current password')
      .max(PASSWORD_MAX_LENGTH, 'Enter your current password')
      // No password the policy accepts is only spaces, so a blank one is a missing field, not a wrong guess to count.
      .refine((value) => value.trim() !== '', 'Enter your current password'),
    newPassword: newPasswordField('Enter a new password'),
    confirmPassword: z.string({ error: 'Enter your new password again' }).min(1, 'Enter your new password again'),
  })
  .superRefine((value, ctx) => {
    if (value.confirmPassword !== value.newPassword) {
      ctx.addIssue({ code: 'custom', path: ['confirmPassword'], message: 'Enter the same new password twice: these do not match' });
    }
  });

export type CreateUserInput = z.input<typeof createUserSchema>;
export type UpdateUserInput = z.input<typeof updateUserSchema>;
export type ChangePasswordInput = z.input<typeof changePasswordSchema>;
