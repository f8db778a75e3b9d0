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
