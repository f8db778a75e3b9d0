'use server';

import { keepSessionAfterPasswordChange } from '@/lib/auth/keep-session';
import { serverAction } from '@/lib/server-action';
import { changePassword } from '@/lib/users/change-password';
import { changePasswordSchema } from '@/lib/users/user.schema';

// The new session version and id stay on the server: the cookie is re-issued here.
export const changePasswordAction = serverAction(
  changePasswordSchema,
  async (actor, input) => {
    await keepSessionAfterPasswordChange(actor, await changePassword(actor, input));
    return null;
  },
  { allow: 'password-change' },
);
