import { randomUUID } from 'node:crypto';
import { expect, test } from '@playwright/test';
import { expectNoAxeViolations } from './support/axe';
import { DEMO, DEMO_TOTP_SECRET, signIn } from './support/auth';
import { e2eDatabase, sealedTotpSecret } from './support/db';

/** A reviewer of this test's own (tests run in parallel on one database), with the demo password and two-factor on. */
async function createEnrolledReviewer() {
  const db = await e2eDatabase();
  try {
    const id = `e2e-${randomUUID()}`;
    const email = `reviewer-${id}@followthrough.test`;
    await db.query(
      `INSERT INTO "User" (id, email, name, role, "agencyId", "passwordHash", "totpSecret", "totpEnabledAt", "updatedAt")
       SELECT $1, $2, 'Lost-phone reviewer', 'REVIEWER', 'agency-board', "passwordHash", $3, now(), now() FROM "User" WHERE email = $4`,
      [id, email, sealedTotpSecret(id, DEMO_TOTP_SECRET), DEMO.viewer],
    );
    return { id, email };
  } finally {
    await db.end();
  }
}

test("an admin resets a reviewer's two-factor sign-in; the reviewer must set it up again at the next sign-in", async ({ page, browser }) => {
  const reviewer = await createEnrolledReviewer();
  await signIn(page, DEMO.admin);
  await page.goto('/admin/users');
  const search = page.getByRole('search', { name: 'Search users' });
  await search.getByLabel('Search by name or email').fill(reviewer.email);
  await search.getByRole('button', { name: 'Search' }).click();
  await expect(page.getByText('1 user matches')).toBeVisible();
  await page.getByRole('link', { name: /Lost-phone reviewer/ }).click();

  await page.getByRole('button', { name: 'Reset two-factor sign-in' }).click();
  const confirm = page.getByRole('form', { name: `Are you sure you want to reset two-factor sign-in for ${reviewer.email}?` });
  await expect(confirm.getByRole('heading')).toBeFocused();
  await expectNoAxeViolations(page);
  await confirm.getByLabel('Reason (optional)').fill('Lost phone; identity checked by a call to their office');
  await confirm.getByRole('button', { name: 'Yes, reset two-factor sign-in' }).click();
  await expect(page.getByText('Not set up. Their role needs it')).toBeVisible();

  // Recorded, by whom and why.
  const db = await e2eDatabase();
  try {
    const { rows } = await db.query(`SELECT "actorId", note, after FROM "HistoryEvent" WHERE kind = 'user.two_factor_disabled' AND "subjectId" = $1`, [reviewer.id]);
    const { rows: admins } = await db.query(`SELECT id FROM "User" WHERE email = $1`, [DEMO.admin]);
    expect(rows).toEqual([{ actorId: admins[0].id, note: 'Lost phone; identity checked by a call to their office', after: { by: 'admin' } }]);
  } finally {
    await db.end();
  }

  // The reviewer signs in with the password alone and is sent to set two-factor up again.
  const context = await browser.newContext();
  const theirs = await context.newPage();
  await signIn(theirs, reviewer.email);
  await expect(theirs).toHaveURL(/\/account\/two-factor/);
  await context.close();
});
