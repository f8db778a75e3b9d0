// Issue 14: a warning before the idle sign-out (WCAG 2.2.1) and the GOV.UK
// date input (day, month, year) instead of the browser's date field.
import { expect, test } from '@playwright/test';
import { expectNoAxeViolations } from './support/axe';
import { DEMO, DEMO_PASSWORD, signIn } from './support/auth';
import { createTestRecommendation } from './support/records';

test('two minutes before the idle sign-out "Stay signed in" is offered; at 30 minutes a link signs in again', async ({ page }) => {
  // The page's clock only: the server's session is real and stays live.
  await page.clock.install();
  await signIn(page, DEMO.viewer);
  await page.goto('/reviews');
  // The count starts when the page's scripts run: let them, before moving the clock.
  await page.waitForLoadState('networkidle');
  await page.clock.fastForward('27:00');
  await expect(page.getByRole('dialog')).toHaveCount(0);

  await page.clock.fastForward('01:30');
  const warning = page.getByRole('dialog', { name: 'You will be signed out in 2 minutes' });
  await expect(warning).toBeVisible();
  // Focus is in the dialog, on its first button.
  await expect(warning.getByRole('button', { name: 'Stay signed in' })).toBeFocused();
  await expectNoAxeViolations(page);
  await warning.getByRole('button', { name: 'Stay signed in' }).click();
  await expect(page.getByRole('dialog')).toHaveCount(0);

  // The count starts again from there.
  await page.clock.fastForward('27:00');
  await expect(page.getByRole('dialog')).toHaveCount(0);
  await page.clock.fastForward('03:30');
  const ended = page.getByRole('dialog', { name: 'You have been signed out' });
  await expect(ended).toBeVisible();
  await expect(ended.getByRole('link', { name: 'Sign in again' })).toHaveAttribute('href', '/login?callbackUrl=%2Freviews');
});

test('a due date is typed as day, month and year; an impossible one is refused at the field, and a real one saved', async ({ page }) => {
  const recommendation = await createTestRecommendation('A recommendation whose due date moves');
  await signIn(page, DEMO.reviewer);
  await page.goto(`${recommendation.actionUrl}/edit`);
  const dueDate = page.getByRole('group', { name: 'Due date' });
  await expect(dueDate.getByLabel('Day')).toHaveValue('31');
  await expect(dueDate.getByLabel('Month')).toHaveValue('3');
  await expect(dueDate.getByLabel('Year')).toHaveValue('2030');

  // The 31st of April does not exist; nor does a five-digit year.
  for (const [day, month, year] of [
    ['31', '4', '2030'],
    ['30', '4', '12030'],
    ['', '4', '2030'],
  ]) {
    await dueDate.getByLabel('Day').fill(day!);
    await dueDate.getByLabel('Month').fill(month!);
    await dueDate.getByLabel('Year').fill(year!);
    await page.getByLabel('Reason for moving the due date').fill('The new strategy starts later');
    await page.getByRole('button', { name: 'Save changes' }).click();
    const summary = page.getByRole('alert', { name: 'There is a problem' });
    await expect(summary).toContainText('Enter a real due date');
    // The summary's link goes to the day box.
    await summary.getByRole('link', { name: 'Enter a real due date' }).click();
    await expect(dueDate.getByLabel('Day')).toBeFocused();
  }
  await expectNoAxeViolations(page);

  await dueDate.getByLabel('Day').fill('30');
  await dueDate.getByLabel('Month').fill('4');
  await dueDate.getByLabel('Year').fill('2030');
  await page.getByRole('button', { name: 'Save changes' }).click();
  await expect(page).toHaveURL(new RegExp(`${recommendation.actionUrl}$`));
  await expect(page.getByText('30 April 2030').first()).toBeVisible();
  await expect(page.getByText('Originally due 31 March 2030').first()).toBeVisible();
});

test('a form sent after the session ended says so, with a link that signs in again and comes back', async ({ page, context }) => {
  const recommendation = await createTestRecommendation('A recommendation updated after the session ended');
  await signIn(page, DEMO.ownerCsc);
  await page.goto(recommendation.actionUrl);
  await context.clearCookies();
  const form = page.getByRole('form', { name: 'Update progress' });
  await form.getByLabel('Note').fill('Typed before noticing the session had ended');
  await form.getByRole('button', { name: 'Save update' }).click();
  const link = form.getByRole('alert', { name: 'There is a problem' }).getByRole('link', { name: 'Your session has ended. Sign in again to continue.' });
  await expect(link).toHaveAttribute('href', `/login?callbackUrl=${encodeURIComponent(new URL(recommendation.actionUrl, 'http://x').pathname)}`);
  await link.click();
  await expect(page).toHaveURL(/\/login\?callbackUrl=/);
  await page.getByLabel('Email address').fill(DEMO.ownerCsc);
  await page.getByLabel('Password').fill(DEMO_PASSWORD);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page).toHaveURL(new RegExp(`${recommendation.actionUrl}$`));
});
