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
import { e2eDatabase } from './support/db';
import { createTestRecommendation } from './support/records';

test('a round tells the reviewers about an action nobody leads; a reviewer reads it and marks it read; an admin reads the emails in the outbox', async ({ page, browser }) => {
  // The real command starts its own Node process (tsx compiling lib/ first): 6 s alone, 45 s beside the rest of the suite.
  test.slow();
  const recommendation = await createTestRecommendation(`Notices ${randomUUID().slice(0, 8)}: an action with no lead officer`);
  const dataDir = process.env.E2E_DATA_DIR || '.data/e2e';
  const kept = (file: string) => readFileSync(path.join(dataDir, file), 'utf8').trim();
  // The e2e server's database, and its secret (links in emails are signed with it), as `npm start` keeps them.
  const printed = execFileSync('npm', ['run', '--silent', 'reminders:run'], {
    env: { ...process.env, DATABASE_URL: kept('database-url'), NEXTAUTH_SECRET: kept('auth-secret') },
    encoding: 'utf8',
  });
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

  // Escalations to the business manager (the admin) went by email at once: with no SMTP_URL, into the outbox.
  expect(printed).toMatch(/^Emails: 0 sent, \d+ kept in the outbox/m);
  const adminPage = await (await browser.newContext()).newPage();
  await signIn(adminPage, DEMO.admin);
  await adminPage.goto('/admin/emails?status=HELD');
  await expect(adminPage.getByRole('heading', { level: 1 })).toHaveText('Emails');
  await expect(adminPage.getByText('No mail server is set up (SMTP_URL)')).toBeVisible();
  // The business manager's own (another spec may have given an agency a senior lead, who gets one too).
  const held = adminPage
    .getByRole('region', { name: 'Emails' })
    .getByRole('row')
    .filter({ hasText: 'Partnership business manager' })
    .getByRole('link', { name: /^Escalation: / })
    .first();
  await expect(held).toBeVisible();
  await expectNoAxeViolations(adminPage);
  const subject = (await held.textContent())!;
  await held.click();
  await expect(adminPage.getByRole('heading', { level: 1 })).toHaveText(subject);
  const text = adminPage.getByRole('region', { name: "The email's text" });
  await expect(text).toContainText('Escalated to the business manager:');
  await expect(text).toContainText(/Open it: http:\/\/localhost:\d+\/actions\//);
  await expectNoAxeViolations(adminPage);

  // A failed one (as an SMTP server's refusal leaves it) is tried again from here.
  const db = await e2eDatabase();
  try {
    const emailId = adminPage.url().split('/').pop()!;
    await db.query(`UPDATE "EmailMessage" SET status = 'FAILED', "lastError" = 'Refused by the mail server (550 Mailbox unavailable): check the address.' WHERE id = $1`, [emailId]);
    await adminPage.reload();
    await expect(adminPage.getByText('Refused by the mail server (550 Mailbox unavailable)')).toBeVisible();
    await adminPage.getByRole('button', { name: 'Try sending again' }).click();
    await expect(adminPage.getByText('Queued', { exact: true })).toBeVisible();
    expect((await db.query(`SELECT status FROM "EmailMessage" WHERE id = $1`, [emailId])).rows[0].status).toBe('QUEUED');
  } finally {
    await db.end();
  }
});
