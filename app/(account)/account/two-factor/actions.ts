'use server';

import {
  confirmTwoFactorEnrolment,
  disableTwoFactor,
  startTwoFactorEnrolment,
} from '@/lib/auth/two-factor';
import { confirmEnrolmentSchema, disableTwoFactorSchema, startEnrolmentSchema } from '@/lib/auth/two-factor.schema';
import { serverAction } from '@/lib/server-action';

// Reachable by an admin or reviewer who has not set up two-factor sign-in yet
// (and by everyone else): `allow` lets exactly this pending step through.
const forEnrolment = { allow: 'two-factor-enrolment' } as const;

export const startEnrolmentAction = serverAction(startEnrolmentSchema, (actor) => startTwoFactorEnrolment(actor), forEnrolment);
export const confirmEnrolmentAction = serverAction(confirmEnrolmentSchema, (actor, input) => confirmTwoFactorEnrolment(actor, input), forEnrolment);
export const disableTwoFactorAction = serverAction(disableTwoFactorSchema, (actor, input) => disableTwoFactor(actor, input));
