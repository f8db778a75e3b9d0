// Issue 13: a round of notices (`npm run reminders:run`, the real command) tells
// the reviewers about an action nobody leads; they see it in the header and on
// their notifications page, mark it read, and the action shows who was reminded.
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { randomUUID } from 'node:crypto';
import { expect, test } from '@playwright/test';
import { expectNoAxeViolations } from './support/axe';
import { DEMO, signIn } from './support/auth';
import { createTestRecommendation } from './support/records';

test('a round tells the reviewers about an action nobody leads; a reviewer reads it and marks it read', async ({ page }) => {
  // The real command starts its own Node process (tsx compiling lib/ first): 6 s alone, 45 s beside the rest of the suite.
  test.slow();
  const recommendation = await createTestRecommendation(`Notices ${randomUUID().slice(0, 8)}: an action with no lead officer`);
  const databaseUrl = readFileSync(path.join(process.env.E2E_DATA_DIR || '.data/e2e', 'database-url'), 'utf8').trim();
  const printed = execFileSync('npm', ['run', '--silent', 'reminders:run'], { env: { ...process.env, DATABASE_URL: databaseUrl }, encoding: 'utf8' });
  expect(printed).toMatch(/^Notice round for \d{4}-\d{2}-\d{2}: \d+ notices due, \d+ new/m);

  await signIn(page, DEMO.reviewer);
  await page.goto('/');
  const link = page.getByRole('navigation').getByRole('link', { name: /^Notifications \d+ unread$/ });
  await expect(link).toBeVisible();
  await link.click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Notifications');
  const notice = page.getByRole('link', { name: `${recommendation.actionLabel} has nobody leading it: give it a lead officer` });
  await expect(notice).toBeVisible();
  await expectNoAxeViolations(page);

  await page.getByRole('button', { name: 'Mark all as read' }).click();
  await expect(page.getByText('0 are unread.')).toBeVisible();
  await expect(page.getByRole('navigation').getByRole('link', { name: 'Notifications', exact: true })).toBeVisible();

  // The action says who was reminded, and when.
  await notice.click();
  await expect(page.getByRole('heading', { level: 1 })).toContainText(`Action ${recommendation.actionLabel}`);
  await expect(page.getByRole('list', { name: 'Reminders' })).toContainText('Reminder sent to Independent chair of the board on');
});
