import { expect, type Page, test } from '@playwright/test';
import { expectNoAxeViolations } from './support/axe';
import { DEMO, signIn } from './support/auth';
import { ROCHDALE_REVIEW_ID } from './support/records';
import { PAGES } from './support/pages';


async function submitEmptyFirstForm(page: Page) {
  const form = page.locator('main form').first();
  for (const field of await form.locator('input[type="text"], input:not([type]), textarea').all()) {
    if (await field.isEditable()) await field.fill('');
  }
  await form.locator('button[type="submit"]').first().click();
  await expect(page.getByRole('alert', { name: 'There is a problem' }).first()).toBeVisible();
}

test('every working page has no axe violations, also with form errors showing', async ({ page }) => {
  test.setTimeout(180_000);
  await signIn(page, DEMO.admin);
  for (const path of PAGES) {
    await page.goto(path);
    await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
    await expectNoAxeViolations(page);
  }
  for (const path of [
    '/reviews/new',
    `/reviews/${ROCHDALE_REVIEW_ID}/findings/new`,
    `/reviews/${ROCHDALE_REVIEW_ID}/recommendations/new`,
    '/recommendations/rec-rochdale-r2/actions/new',
    '/admin/users/new',
  ]) {
    await page.goto(path);
    await submitEmptyFirstForm(page);
    await expectNoAxeViolations(page);
  }
});

test("an agency's action can be updated with the keyboard alone", async ({ page }) => {
  await signIn(page, DEMO.ownerCsc);
  await page.goto('/recommendations?agency=agency-csc&status=IN_PROGRESS');
  await page.getByRole('table').locator('tbody').getByRole('link').first().click();
  // From the recommendation to the action of their agency, by keyboard.
  await page.getByRole('link', { name: /^Update progress/ }).first().focus();
  await page.keyboard.press('Enter');
  const form = page.getByRole('form', { name: 'Update progress' });
  await form.getByLabel('Note').focus();
  await page.keyboard.type('Checked with the team by keyboard only');
  await page.keyboard.press('Tab');
  await expect(form.getByRole('button', { name: 'Save update' })).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(page.getByRole('status').filter({ hasText: 'Progress update saved' })).toBeVisible();
});
