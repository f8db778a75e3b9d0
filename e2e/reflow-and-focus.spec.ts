// WCAG 1.4.10 (reflow) and focus order, issue 14: no page scrolls sideways at
// 320 CSS px (a phone, or 400 % zoom) nor at 1280 px, a wide table scrolls
// in its own labelled, focusable region, and focus goes to the start of the
// page after a navigation (never left on <body>) and to the success banner
// after a form is saved.
import { expect, type Page, test } from '@playwright/test';
import { DEMO, DEMO_PASSWORD, signIn } from './support/auth';
import { PAGES } from './support/pages';
import { createTestRecommendation, ROCHDALE_REVIEW_ID } from './support/records';

// Every working page (as the axe checks load them), and the pages only reached from them.
const SIGNED_IN_PAGES = [
  ...PAGES,
  '/recommendations/rec-rochdale-r1',
  '/recommendations/rec-rochdale-r1/edit',
  '/reports/partnership?asAt=2013-03-31',
  `/reports/${ROCHDALE_REVIEW_ID}?asAt=2013-03-31&since=2012-12-31`,
  '/recommendations/no-such-recommendation',
];

/** How far the page is wider than the window, in CSS px (0: no sideways scrolling). */
async function overflow(page: Page): Promise<number> {
  return page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
}

/** Elements sticking out past the right edge of the window (for the failure message). */
async function widest(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const width = document.documentElement.clientWidth;
    return [...document.querySelectorAll('body *')]
      .filter((element) => element.getBoundingClientRect().right > width + 1 && !element.closest('.table-wrapper'))
      .slice(0, 5)
      .map((element) => `${element.tagName.toLowerCase()}.${element.className} (${Math.round(element.getBoundingClientRect().right)} px)`);
  });
}

for (const width of [320, 1280]) {
  test(`no page scrolls sideways at ${width} px; wide tables scroll in a labelled, focusable region`, async ({ page }) => {
    test.setTimeout(240_000);
    await page.setViewportSize({ width, height: 800 });
    await page.goto('/login');
    expect(await overflow(page), `/login at ${width} px: ${(await widest(page)).join(', ')}`).toBe(0);
    await signIn(page, DEMO.admin);
    for (const path of SIGNED_IN_PAGES) {
      await page.goto(path);
      await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
      expect(await overflow(page), `${path} at ${width} px: ${(await widest(page)).join(', ')}`).toBe(0);
      // Every table's wrapper is a named region that can take focus.
      for (const wrapper of await page.locator('.table-wrapper').all()) {
        await expect(wrapper, path).toHaveAttribute('role', 'region');
        await expect(wrapper, path).toHaveAttribute('tabindex', '0');
        expect((await wrapper.getAttribute('aria-label')) ?? (await wrapper.getAttribute('aria-labelledby')), path).toBeTruthy();
      }
    }
    // The not-found page inside the app has one header and one main.
    await page.goto('/recommendations/no-such-recommendation');
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Page not found');
    await expect(page.locator('header')).toHaveCount(1);
    await expect(page.locator('main')).toHaveCount(1);
  });
}

test('focus goes to the start of the page after signing in, following a link and updating a report, never to <body>', async ({ page }) => {
  const focusedIsPageStart = () => page.evaluate(() => document.activeElement?.id === 'page-start');
  await signIn(page, DEMO.viewer);
  await expect.poll(focusedIsPageStart).toBe(true);

  await page.goto('/');
  await page.waitForLoadState('networkidle');
  // The next Tab is the skip link.
  await page.keyboard.press('Tab');
  await expect(page.getByRole('link', { name: 'Skip to main content' })).toBeFocused();

  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Reviews' }).click();
  await expect(page).toHaveURL(/\/reviews$/);
  await expect.poll(focusedIsPageStart).toBe(true);

  // By its full title: the serious case review (the demo's current plan) is about Rochdale too, and listed first.
  await page.getByRole('link', { name: /multi-agency responses to child sexual exploitation in Rochdale/ }).first().click();
  await expect(page).toHaveURL(new RegExp(`/reviews/${ROCHDALE_REVIEW_ID}$`));
  await expect.poll(focusedIsPageStart).toBe(true);

  await page.goto('/reports/partnership?asAt=2013-03-31');
  await page.getByRole('button', { name: 'Update report' }).click();
  await expect.poll(focusedIsPageStart).toBe(true);
  expect(await page.evaluate(() => document.activeElement === document.body)).toBe(false);
});

test('after saving a progress update, the banner takes focus and says what changed', async ({ page }) => {
  const recommendation = await createTestRecommendation('Focus after saving: a recommendation of its own');
  await signIn(page, DEMO.ownerCsc);
  await page.goto(recommendation.actionUrl);
  const form = page.getByRole('form', { name: 'Update progress' });
  await form.getByRole('radio', { name: 'In progress', exact: true }).check();
  await form.getByLabel('Note').fill('Started, with the team');
  await form.getByRole('button', { name: 'Save update' }).click();
  const banner = form.getByRole('status').filter({ hasText: 'Progress update saved' });
  await expect(banner).toBeFocused();
  await expect(banner).toContainText('Status changed from Not started to In progress');
  // A note alone says the status did not change.
  await form.getByLabel('Note').fill('A note only');
  await form.getByRole('button', { name: 'Save update' }).click();
  await expect(form.getByRole('status')).toContainText('the status did not change');
  await expect(form.getByRole('status')).toBeFocused();
});

/** Presses Tab until `target` has focus (at most 60 times): how a keyboard user gets there. */
async function tabTo(page: Page, target: ReturnType<Page['locator']>) {
  await expect(target).toBeAttached();
  for (let i = 0; i < 60; i++) {
    if (await target.evaluate((element) => element === document.activeElement).catch(() => false)) return;
    await page.keyboard.press('Tab');
  }
  throw new Error(`Tab never reached ${target}`);
}

test('keyboard only: sign in, open the partnership report for a past date, and download it', async ({ page }) => {
  await page.goto('/login');
  await tabTo(page, page.getByLabel('Email address'));
  await page.keyboard.type(DEMO.viewer);
  await tabTo(page, page.getByLabel('Password'));
  await page.keyboard.type(DEMO_PASSWORD);
  await page.keyboard.press('Enter');
  await expect(page).toHaveURL(/\/$/);

  await tabTo(page, page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Reports' }));
  await page.keyboard.press('Enter');
  await expect(page).toHaveURL(/\/reports$/);
  await tabTo(page, page.getByRole('main').getByRole('link', { name: /partnership/i }).first());
  await page.keyboard.press('Enter');
  await expect(page.getByRole('heading', { level: 1 })).toContainText('Partnership progress report');

  const asAt = page.getByRole('group', { name: 'As at' });
  await tabTo(page, asAt.getByLabel('Day'));
  await page.keyboard.type('31');
  await page.keyboard.press('Tab');
  await page.keyboard.type('3');
  await page.keyboard.press('Tab');
  await page.keyboard.type('2013');
  await page.keyboard.press('Enter');
  await expect(page).toHaveURL(/asAt=2013-03-31/);
  await expect(page.locator('[data-report-dates]')).toContainText('As at 31 March 2013');

  const download = page.waitForEvent('download');
  await tabTo(page, page.getByRole('link', { name: 'Download CSV' }));
  await page.keyboard.press('Enter');
  expect((await download).suggestedFilename()).toMatch(/\.csv$/);
});
