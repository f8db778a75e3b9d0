import { expect, type Page } from '@playwright/test';

export const DEMO_PASSWORD = 'Demo-password-2012';

export const DEMO = {
  admin: 'admin@followthrough.test',
  reviewer: 'reviewer@followthrough.test',
  qa: 'qa@followthrough.test',
  ownerCsc: 'owner.csc@followthrough.test',
  ownerPolice: 'owner.police@followthrough.test',
  viewer: 'viewer@followthrough.test',
} as const;

/** Signs in through the login form, as a person would, and waits for the dashboard. */
export async function signIn(page: Page, email: string, password = DEMO_PASSWORD) {
  await page.goto('/login');
  await page.getByLabel('Email address').fill(email);
  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByRole('button', { name: 'Sign out' })).toBeVisible();
}
