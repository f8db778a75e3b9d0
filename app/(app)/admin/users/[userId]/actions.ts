'use server';

import { serverAction } from '@/lib/server-action';
import { deactivateUser } from '@/lib/users/deactivate-user';
import { reactivateUser } from '@/lib/users/reactivate-user';
import { resetPassword } from '@/lib/users/reset-password';
import { resetTwoFactor } from '@/lib/users/reset-two-factor';
import { updateUser } from '@/lib/users/update-user';
import { deactivateUserSchema, reactivateUserSchema, resetPasswordSchema, resetTwoFactorSchema, updateUserSchema } from '@/lib/users/user.schema';

export const updateUserAction = serverAction(updateUserSchema, updateUser);
export const deactivateUserAction = serverAction(deactivateUserSchema, deactivateUser);
export const reactivateUserAction = serverAction(reactivateUserSchema, reactivateUser);
export const resetPasswordAction = serverAction(resetPasswordSchema, resetPassword);
export const resetTwoFactorAction = serverAction(resetTwoFactorSchema, resetTwoFactor);
