import { expect, test } from '@playwright/test';
import { expectNoAxeViolations } from './support/axe';
import { DEMO, signIn } from './support/auth';

const ROCHDALE_TITLE = 'Review of multi-agency responses to child sexual exploitation in Rochdale, 2007–2012';

test('a review and a lead officer chosen from the results filter the list, stay with other filters, and can be removed', async ({ page }) => {
  await signIn(page, DEMO.viewer);
  await page.goto('/recommendations');
  const results = page.getByRole('table').locator('tbody');

  // Choose the review from a result row.
  await results.getByRole('link', { name: `${ROCHDALE_TITLE} (show only this review’s recommendations)` }).first().click();
  await expect(page).toHaveURL(/[?&]review=review-rochdale-cse-2012/);
  const filters = page.getByRole('form', { name: 'Filter recommendations' });
  // The filters are in a panel that opens on request, and says how many apply.
  const panel = page.locator('details.filter-panel');
  const openFilters = async () => {
    if (!(await panel.evaluate((details: HTMLDetailsElement) => details.open))) await panel.locator('summary').click();
  };
  await expect(panel.locator('summary')).toContainText('(1 applied)');
  await expect(filters).toBeHidden();
  await openFilters();
  await expect(filters.getByText(ROCHDALE_TITLE)).toBeVisible();
  for (const cell of await results.locator('tr td:nth-child(2)').allInnerTexts()) expect(cell).toBe(ROCHDALE_TITLE);

  // Then a lead officer, from a result row too.
  await results.getByRole('link', { name: "Children's social care lead officer (show only the recommendations they lead)" }).first().click();
  await expect(page).toHaveURL(/[?&]lead=/);
  await openFilters();
  await expect(filters.getByText("Children's social care lead officer (Children's social care)")).toBeVisible();
  for (const cell of await results.locator('tr td:nth-child(5)').allInnerTexts()) expect(cell).toBe("Children's social care lead officer");
  await expectNoAxeViolations(page);

  // Applying another filter keeps both.
  await filters.getByRole('checkbox', { name: 'In progress' }).check();
  await filters.getByRole('button', { name: 'Apply filters' }).click();
  await expect(page).toHaveURL(/status=IN_PROGRESS/);
  await expect(page).toHaveURL(/[?&]review=review-rochdale-cse-2012/);
  await expect(page).toHaveURL(/[?&]lead=/);

  // Removing the review keeps the lead officer and the status.
  await openFilters();
  await filters.getByRole('link', { name: 'Remove the review filter' }).click();
  await expect(page).not.toHaveURL(/[?&]review=/);
  await expect(page).toHaveURL(/[?&]lead=/);
  await expect(page).toHaveURL(/status=IN_PROGRESS/);
  await openFilters();
  await expect(filters.getByText(ROCHDALE_TITLE)).toHaveCount(0);
});

test('the dashboard shows the most recent reviews; the reviews page lists them all and finds them by title', async ({ page }) => {
  await signIn(page, DEMO.viewer);
  await expect(page.getByRole('list', { name: 'Reviews' }).getByRole('listitem').first()).toBeVisible();
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Reviews' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toContainText('Reviews');
  const cards = page.getByRole('list', { name: 'Reviews' }).getByRole('article');
  const all = await cards.count();
  expect(all).toBeGreaterThan(1);
  await expect(page.getByRole('link', { name: ROCHDALE_TITLE })).toBeVisible();
  await expectNoAxeViolations(page);

  const search = page.getByRole('search', { name: 'Search reviews' });
  await search.getByLabel('Search by title').fill('MULTI-AGENCY RESPONSES');
  await search.getByRole('button', { name: 'Search' }).click();
  await expect(page).toHaveURL(/[?&]q=MULTI-AGENCY/);
  await expect(cards).toHaveCount(1);
  await expect(page.getByRole('link', { name: ROCHDALE_TITLE })).toBeVisible();
  await expect(search.getByLabel('Search by title')).toHaveValue('MULTI-AGENCY RESPONSES');

  await search.getByRole('link', { name: 'Show all reviews' }).click();
  await expect(cards).toHaveCount(all);
});
