// Issue 11, decision 0015: a recommendation is carried out through actions,
// each owned by one agency; each agency's owner updates its own.
import { randomUUID } from 'node:crypto';
import { expect, test } from '@playwright/test';
import { expectNoAxeViolations } from './support/axe';
import { DEMO, signIn } from './support/auth';

/** A demo recommendation carried out by children's social care alone, until this test adds the police's part. */
const RECOMMENDATION = '/recommendations/rec-rochdale-r4';
const CSC = "Rochdale Borough Council children's social care";
const POLICE = 'Greater Manchester Police (Rochdale division)';

test("a reviewer adds an action for another agency; that agency's owner updates it; the recommendation shows both agencies", async ({ browser }) => {
  // Tests share one database, and this one may run again on it: its action says which run it is.
  const text = `Police officers join the Sunrise Team's daily meeting (${randomUUID().slice(0, 8)})`;

  const reviewerContext = await browser.newContext();
  const reviewer = await reviewerContext.newPage();
  await signIn(reviewer, DEMO.reviewer);
  await reviewer.goto(RECOMMENDATION);
  await reviewer.getByRole('link', { name: /^Add an action/ }).click();
  await expect(reviewer.getByRole('heading', { level: 1 })).toContainText('Add an action');
  await expectNoAxeViolations(reviewer);

  // The next free reference is offered.
  const reference = await reviewer.getByLabel('Reference').inputValue();
  expect(Number(reference)).toBeGreaterThanOrEqual(2);
  const label = `R4.${reference}`;
  await reviewer.getByLabel('Action', { exact: true }).fill(text);
  await reviewer.getByLabel('Owner agency').selectOption({ label: POLICE });
  const dueDate = reviewer.getByRole('group', { name: 'Due date' });
  await dueDate.getByLabel('Day').fill('30');
  await dueDate.getByLabel('Month').fill('9');
  await dueDate.getByLabel('Year').fill('2030');
  await reviewer.getByRole('button', { name: 'Add action' }).click();
  await expect(reviewer).toHaveURL(/\/actions\/[^/]+$/);
  await expect(reviewer.getByRole('heading', { level: 1 })).toContainText(`Action ${label}`);
  await expect(reviewer.getByText(text)).toBeVisible();
  await expect(reviewer.locator('.summary-list__row').filter({ hasText: /^Owner/ })).toContainText(POLICE);
  await reviewerContext.close();

  // The police owner sees their agency's action on the recommendation, and updates it.
  const ownerContext = await browser.newContext();
  const owner = await ownerContext.newPage();
  await signIn(owner, DEMO.ownerPolice);
  await owner.goto(RECOMMENDATION);
  const actions = owner.getByRole('region', { name: 'Actions' });
  await expect(actions.getByRole('row').filter({ hasText: text })).toContainText('Greater Manchester Police');
  // Only their own agency's action is offered to them.
  await expect(owner.getByRole('link', { name: /^Update progress on R4\.1$/ })).toHaveCount(0);
  await owner.getByRole('link', { name: `Update progress on ${label}` }).click();
  await expect(owner.getByRole('heading', { level: 1 })).toContainText(`Action ${label}`);
  const form = owner.getByRole('form', { name: 'Update progress' });
  await form.getByRole('radio', { name: 'In progress', exact: true }).check();
  await form.getByLabel('Note').fill('First joint meeting held');
  await form.getByRole('button', { name: 'Save update' }).click();
  await expect(form.getByRole('status')).toContainText('Status changed from Not started to In progress');
  await expect(owner.getByText(`changed the status of action ${label} from Not started to In progress`)).toBeVisible();
  await expectNoAxeViolations(owner);

  // The recommendation: both agencies, each with its actions.
  await owner.goto(RECOMMENDATION);
  await expect(actions.getByRole('row').filter({ hasText: text })).toContainText('In progress');
  const byAgency = owner.getByRole('region', { name: 'By agency' });
  await expect(byAgency.getByRole('rowheader', { name: CSC })).toBeVisible();
  await expect(byAgency.getByRole('rowheader', { name: POLICE })).toBeVisible();
  await expectNoAxeViolations(owner);
  await ownerContext.close();
});

test("an owner's dashboard and the actions list show their agency's part of the recommendations other agencies lead", async ({ page }) => {
  // The NHS leads no Rochdale recommendation of its own in R2 and R7, but has an action in each (prisma/seed/rochdale.ts).
  await signIn(page, DEMO.ownerNhs);
  const queue = page.getByRole('region', { name: "Your agency's open actions, overdue first" });
  await expect(queue.getByRole('link', { name: /^R2\.2 of / })).toBeVisible();
  await expect(queue.getByRole('link', { name: /^R7\.2 of / })).toBeVisible();

  // The header's Actions link opens the list on their own agency's actions.
  await page.getByRole('navigation').getByRole('link', { name: 'Actions', exact: true }).click();
  await expect(page).toHaveURL(/\/actions\?agency=/);
  await expect(page.getByRole('heading', { level: 1 })).toContainText('Actions');
  await expect(page.locator('details.filter-panel summary')).toContainText('Filter actions (1 applied)');
  const results = page.getByRole('table').locator('tbody');
  await expect(results.getByRole('link', { name: /^R2\.2 of / })).toBeVisible();
  await expect(results.getByRole('link', { name: /^R7\.2 of / })).toBeVisible();
  // The Owner column, wherever it is (owners also get a column to tick actions for a bulk update).
  const ownerColumn = (await page.getByRole('table').locator('thead th').allInnerTexts()).findIndex((text) => text.trim() === 'Owner') + 1;
  expect(ownerColumn).toBeGreaterThan(0);
  const owners = await results.locator(`tr td:nth-child(${ownerColumn})`).allInnerTexts();
  expect(owners.length).toBeGreaterThan(1);
  for (const owner of owners) expect(owner).toBe('NHS');
  await expectNoAxeViolations(page);

  // Sorting and the filters stay on the actions list.
  await page.getByRole('link', { name: /^Status ?, sort ascending/ }).click();
  await expect(page).toHaveURL(/\/actions\?.*sort=status/);
  await expect(page).toHaveURL(/agency=/);

  // Every agency's actions, with the other agencies' parts of the same recommendation.
  await page.locator('details.filter-panel summary').click();
  await page.getByRole('link', { name: 'Clear filters' }).click();
  await expect(page).not.toHaveURL(/agency=/);
  await page.goto('/actions?review=review-rochdale-cse-2012');
  for (const label of ['R2.1', 'R2.2', 'R2.3']) await expect(results.getByRole('link', { name: new RegExp(`^${label.replace('.', '\\.')} of `) }).first()).toBeVisible();

  // A row opens the action.
  await results.getByRole('link', { name: /^R7\.2 of / }).first().click();
  await expect(page).toHaveURL(/\/actions\/action-rochdale-r7-2$/);
  await expect(page.getByRole('heading', { level: 1 })).toContainText('Action R7.2');
});
