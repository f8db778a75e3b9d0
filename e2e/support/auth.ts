import { expect, type Page, test } from '@playwright/test';
import { totpCode, totpStep, TOTP_PERIOD_SECONDS, TOTP_WINDOW } from '../../lib/auth/totp';
import { DEMO_TOTP_SECRET } from '../../prisma/seed/demo-two-factor';
import { e2eDatabase } from './db';

export const DEMO_PASSWORD = 'Demo-password-2012';
export { DEMO_TOTP_SECRET };

export const DEMO = {
  admin: 'admin@followthrough.test',
  reviewer: 'reviewer@followthrough.test',
  qa: 'qa@followthrough.test',
  ownerCsc: 'owner.csc@followthrough.test',
  ownerPolice: 'owner.police@followthrough.test',
  ownerNhs: 'owner.nhs@followthrough.test',
  viewer: 'viewer@followthrough.test',
} as const;

export const CODE_LABEL = 'Code from your authenticator app';

/**
 * Signs in through the login form, as a person would, and waits for a signed-in
 * page. Admins and reviewers (two-factor required) are asked for a code next:
 * it is computed from `totpSecret` (the demo users' DEMO_TOTP_SECRET by default).
 */
export async function signIn(page: Page, email: string, password = DEMO_PASSWORD, { totpSecret = DEMO_TOTP_SECRET } = {}) {
  await page.goto('/login');
  await page.getByLabel('Email address').fill(email);
  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  const signOut = page.getByRole('button', { name: 'Sign out' });
  const code = page.getByLabel(CODE_LABEL);
  await expect(signOut.or(code)).toBeVisible();
  if (await code.isVisible()) {
    await withFreshTotpStep(email, async (step) => {
      await code.fill(totpCode(totpSecret, Date.now(), { step }));
      await page.getByRole('button', { name: 'Continue' }).click();
      await expect(signOut).toBeVisible();
    });
  }
  await expect(signOut).toBeVisible();
}

/**
 * The server refuses a code whose time step is not later than the last one it
 * accepted for the user (replay protection), and tests run in parallel
 * workers, several of them signing in as the same demo reviewer. So, for each
 * user, one code entry at a time across all workers (a PostgreSQL advisory
 * lock on the e2e database), with the earliest step the server will still take:
 * now, or the next one if now's was used (the server accepts one step either
 * side for clock drift), or, if that was used too, wait for the clock. The lock
 * is held until the sign-in has completed, so the server has stored the step.
 */
async function withFreshTotpStep(email: string, enter: (step: number) => Promise<void>) {
  const db = await e2eDatabase();
  try {
    await db.query('SELECT pg_advisory_lock(hashtext($1))', [`e2e-totp:${email.toLowerCase()}`]);
    const { rows } = await db.query<{ totpLastStep: number | null }>('SELECT "totpLastStep" FROM "User" WHERE email = $1', [email.toLowerCase()]);
    const last = rows[0]?.totpLastStep ?? -1;
    for (;;) {
      const now = totpStep();
      const step = Math.max(now, last + 1);
      if (step <= now + TOTP_WINDOW) {
        await enter(step);
        return;
      }
      const untilNextStep = TOTP_PERIOD_SECONDS * 1000 - (Date.now() % (TOTP_PERIOD_SECONDS * 1000)) + 100;
      // Waiting for the clock is not the test's fault: give it the time back.
      test.info().setTimeout(test.info().timeout + untilNextStep);
      await new Promise((resolve) => setTimeout(resolve, untilNextStep));
    }
  } finally {
    await db.end(); // also releases the advisory lock
  }
}
