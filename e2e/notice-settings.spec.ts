// Issue 13: an admin times the notice rules and chooses an agency's senior
// lead; a user chooses their reminder emails, and someone unsubscribes by the
// link in an email without signing in. By keyboard where it matters, with
// axe on each page.
import { createHmac, randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { expect, test } from '@playwright/test';
import { expectNoAxeViolations } from './support/axe';
import { DEMO, signIn } from './support/auth';
import { e2eDatabase } from './support/db';

test('an admin changes a notice threshold, after being told the business managers must come after the senior lead', async ({ page }) => {
  await signIn(page, DEMO.admin);
  await page.getByRole('navigation').getByRole('link', { name: 'Notice rules' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Notice rules');
  await expect(page.getByText('Escalations cannot be switched off, only timed')).toBeVisible();
  await expect(page.getByText('Changes apply from the next round of notices')).toBeVisible();
  await expectNoAxeViolations(page);

  const senior = page.getByLabel("Tell the agency's senior lead when an action has been overdue for this many days");
  const managers = page.getByLabel('Tell the business managers when an action has been overdue for this many days');
  const seniorDays = await senior.inputValue();
  await managers.fill(seniorDays);
  // Enter in a field sends the form, as for anyone on a keyboard.
  await managers.press('Enter');
  const summary = page.getByRole('alert', { name: 'There is a problem' });
  const message = `The business managers must be told later than the senior lead: enter more than ${seniorDays} days`;
  await expect(summary).toContainText(message);
  await expect(summary).toBeFocused();
  await expectNoAxeViolations(page);
  // The summary's link takes the user to the field, which says the same.
  await summary.getByRole('link', { name: message }).click();
  await expect(managers).toBeFocused();
  await expect(managers).toHaveAttribute('aria-invalid', 'true');

  const later = String(Number(seniorDays) + 21);
  await managers.fill(later);
  await managers.press('Enter');
  await expect(page.getByRole('status').filter({ hasText: 'Notice rules saved' })).toBeVisible();
  await expect(summary).toBeHidden();

  await page.reload();
  await expect(managers).toHaveValue(later);
});

test("an admin makes one of an agency's owners its senior lead", async ({ page }) => {
  await signIn(page, DEMO.admin);
  await page.getByRole('navigation').getByRole('link', { name: 'Agencies' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Agencies');
  await expect(page.getByText('An agency without a senior lead has its overdue actions escalated straight to the business managers.')).toBeVisible();
  await expectNoAxeViolations(page);

  const agency = page.getByRole('listitem').filter({ has: page.getByRole('heading', { name: 'Rochdale education services' }) });
  const choice = agency.getByLabel('Senior lead of Rochdale education services');
  await choice.selectOption({ label: 'Education safeguarding lead (owner.education@followthrough.test)' });
  await agency.getByRole('button', { name: 'Save the senior lead of Rochdale education services' }).click();
  await expect(agency.getByRole('status').filter({ hasText: 'Senior lead of Rochdale education services saved' })).toBeVisible();
  await expect(agency).toContainText('Senior lead: Education safeguarding lead');
  await expectNoAxeViolations(page);

  await page.reload();
  await expect(choice).toHaveValue(/.+/);
  await expect(agency).toContainText('Senior lead: Education safeguarding lead');
});

test('a user chooses no reminder emails at all, by keyboard', async ({ page }) => {
  await signIn(page, DEMO.viewer);
  await page.getByRole('link', { name: 'Reminder emails' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toContainText('Reminder emails');
  const group = page.getByRole('group', { name: 'Email me about reminders' });
  await expect(group).toContainText('Escalations of overdue actions to senior leads and business managers always come by email at once');
  await expect(page.getByRole('radio', { name: 'In a weekly digest' })).toBeChecked();
  await expectNoAxeViolations(page);

  const none = page.getByRole('radio', { name: 'Not at all' });
  await none.focus();
  await page.keyboard.press('Space');
  await expect(none).toBeChecked();
  await page.getByRole('button', { name: 'Save your choice' }).focus();
  await page.keyboard.press('Enter');
  await expect(page.getByRole('status').filter({ hasText: 'Your choice is saved' })).toContainText('You now get no reminder emails');
  await page.reload();
  await expect(none).toBeChecked();
});

/** A token as the e2e server signs them (lib/email/unsubscribe-token.ts), under the secret `npm start` keeps beside the database. */
function unsubscribeToken(userId: string) {
  const secret = readFileSync(path.join(process.env.E2E_DATA_DIR || '.data/e2e', 'auth-secret'), 'utf8').trim();
  return `${userId}.${createHmac('sha256', secret).update(`unsubscribe:${userId}`).digest('base64url')}`;
}

/** Someone of their own (never signed in) with the default choice, and how to read it. */
async function recipient() {
  const db = await e2eDatabase();
  try {
    const id = `e2e-${randomUUID()}`;
    await db.query(
      `INSERT INTO "User" (id, email, name, role, "agencyId", "passwordHash", "updatedAt") VALUES ($1, $2, 'Unsubscribing viewer', 'VIEWER', 'agency-board', 'none', now())`,
      [id, `${id}@example.test`],
    );
    return id;
  } finally {
    await db.end();
  }
}
async function choiceOf(id: string) {
  const db = await e2eDatabase();
  try {
    return (await db.query<{ noticeEmail: string }>('SELECT "noticeEmail"::text AS "noticeEmail" FROM "User" WHERE id = $1', [id])).rows[0]?.noticeEmail;
  } finally {
    await db.end();
  }
}

test('the link in an email stops reminder emails without signing in: opening it changes nothing, its button does', async ({ page }) => {
  const id = await recipient();
  const token = unsubscribeToken(id);
  await page.goto(`/unsubscribe?token=${encodeURIComponent(token)}`);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Stop reminder emails');
  await expectNoAxeViolations(page);
  expect(await choiceOf(id)).toBe('DIGEST');

  await page.getByRole('button', { name: 'Stop reminder emails' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('You get no reminder emails');
  await expect(page).toHaveURL(/\/unsubscribe\?token=/);
  await expectNoAxeViolations(page);
  expect(await choiceOf(id)).toBe('NONE');

  // A link that was changed: said plainly, and nothing happens.
  await page.goto(`/unsubscribe?token=${encodeURIComponent(`${token}x`)}`);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('This link is not valid');
  await expectNoAxeViolations(page);
});

test("a mail client's one-click POST to the List-Unsubscribe URL stops them; a bad token is refused with 400", async ({ request }) => {
  const id = await recipient();
  const token = encodeURIComponent(unsubscribeToken(id));
  // RFC 8058: the same URL the page is at, POSTed with no cookies.
  const bad = await request.post(`/unsubscribe?token=${token}x`, { form: { 'List-Unsubscribe': 'One-Click' } });
  expect(bad.status()).toBe(400);
  expect(await choiceOf(id)).toBe('DIGEST');
  const response = await request.post(`/unsubscribe?token=${token}`, { form: { 'List-Unsubscribe': 'One-Click' } });
  expect(response.status()).toBe(200);
  expect(await response.text()).toMatch(/^Unsubscribed/);
  expect(await choiceOf(id)).toBe('NONE');
  expect((await request.post(`/api/unsubscribe?token=${token}`, { form: { 'List-Unsubscribe': 'One-Click' } })).status()).toBe(200);
});
