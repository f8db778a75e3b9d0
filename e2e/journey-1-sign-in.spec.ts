import { randomUUID } from 'node:crypto';
import { expect, test } from '@playwright/test';
import { hashPassword } from '../lib/auth/password';
import { expectNoAxeViolations } from './support/axe';
import { DEMO, signIn } from './support/auth';
import { e2eDatabase } from './support/db';

const ROCHDALE = /multi-agency responses to child sexual exploitation in Rochdale/;

test('journey 1: a reviewer signs in and sees the Rochdale review on the dashboard', async ({ page }) => {
  await page.goto('/login');
  await expect(page.getByRole('heading', { name: 'Sign in' })).toBeVisible();
  await expectNoAxeViolations(page);

  await signIn(page, DEMO.reviewer);
  await expect(page).toHaveURL('/');
  await expect(page.getByText('Independent chair of the board')).toBeVisible();
  const rochdale = page.getByRole('article', { name: ROCHDALE });
  await expect(rochdale).toBeVisible();
  await expect(rochdale.getByText(/\d+ recommendations/)).toBeVisible();
  await expectNoAxeViolations(page);

  await page.getByRole('button', { name: 'Sign out' }).click();
  await expect(page).toHaveURL(/\/login/);
  await page.goto('/');
  await expect(page).toHaveURL(/\/login/);
});

test('a wrong password and an unknown user get the same message', async ({ page }) => {
  await page.goto('/login');
  await page.getByLabel('Email address').fill(DEMO.reviewer);
  await page.getByLabel('Password').fill('not the password at all');
  await page.getByRole('button', { name: 'Sign in' }).click();
  const summary = page.getByRole('alert', { name: 'There is a problem' });
  await expect(summary).toContainText('Enter a correct email address and password');
  const wrongPassword = await summary.innerText();

  await page.getByLabel('Email address').fill('nobody@followthrough.test');
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(summary).toContainText('Enter a correct email address and password');
  expect(await summary.innerText()).toBe(wrongPassword);
  await expect(page).toHaveURL(/\/login/);
  await expectNoAxeViolations(page);
});

test('an empty form is refused field by field, with an error summary', async ({ page }) => {
  await page.goto('/login');
  await page.getByRole('button', { name: 'Sign in' }).click();
  const summary = page.getByRole('alert', { name: 'There is a problem' });
  await expect(summary.getByRole('link', { name: 'Enter your email address' })).toBeVisible();
  await expect(summary.getByRole('link', { name: 'Enter your password' })).toBeVisible();
  await expect(page.getByLabel('Email address')).toHaveAttribute('aria-invalid', 'true');
  await expect(summary).toBeFocused();
  await expectNoAxeViolations(page);
});

test('a page without a session redirects to the login page', async ({ page }) => {
  await page.goto('/');
  await expect(page).toHaveURL(/\/login/);
  await expect(page.getByRole('heading', { name: 'Sign in' })).toBeVisible();
});

test("a deactivated user's existing session stops working on the next request", async ({ page }) => {
  const db = await e2eDatabase();
  const email = `deactivate-${randomUUID()}@followthrough.test`;
  const password = 'a long enough password';
  try {
    await db.query(
      `INSERT INTO "User" (id, email, name, role, "agencyId", "passwordHash", "updatedAt")
       SELECT $1, $2, 'Temporary viewer', 'VIEWER', id, $3, now() FROM "Agency" WHERE "isBoard" LIMIT 1`,
      [randomUUID(), email, await hashPassword(password)],
    );
    await signIn(page, email, password);
    await expect(page.getByRole('article', { name: ROCHDALE })).toBeVisible();

    await db.query(`UPDATE "User" SET active = false WHERE email = $1`, [email]);
    await page.reload();
    await expect(page).toHaveURL(/\/login/);
  } finally {
    await db.end();
  }
});
