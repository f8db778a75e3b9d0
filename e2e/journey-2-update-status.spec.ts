import { expect, type Page, test } from '@playwright/test';
import { expectNoAxeViolations } from './support/axe';
import { DEMO, signIn } from './support/auth';
import { createTestRecommendation } from './support/records';

const OWNER = "Children's social care lead officer";
const REVIEWER = 'Independent chair of the board';

// A minimal, valid one-page PDF: the server checks files by their content.
const PDF = Buffer.from(
  '%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj\n' +
    '3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 612 792]>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n',
);

/** What an action's timeline says of a change of its status. */
function statusChange(actionLabel: string) {
  return (who: string, from: string, to: string) => `${who} changed the status of action ${actionLabel} from ${from} to ${to}`;
}

function progressForm(page: Page) {
  return page.getByRole('form', { name: 'Update progress' });
}

async function updateProgress(page: Page, status: string, note: string) {
  const form = progressForm(page);
  await form.getByRole('radio', { name: status, exact: true }).check();
  await form.getByLabel('Note').fill(note);
  await form.getByRole('button', { name: 'Save update' }).click();
}

test('journey 2: an owner moves their action to implemented with evidence, and a reviewer verifies it', async ({ browser }) => {
  const recommendation = await createTestRecommendation('Screen every referral of a child over 12 for signs of exploitation');
  const changed = statusChange(recommendation.actionLabel);

  const ownerContext = await browser.newContext();
  const owner = await ownerContext.newPage();
  await signIn(owner, DEMO.ownerCsc);
  // From the recommendation, straight to its one action.
  await owner.goto(recommendation.url);
  await expect(owner.getByRole('heading', { level: 1 })).toContainText('Recommendation');
  await expect(owner.getByText('Screen every referral').first()).toBeVisible();
  await expectNoAxeViolations(owner);
  await owner.getByRole('link', { name: /^Update progress/ }).click();
  await expect(owner).toHaveURL(new RegExp(`${recommendation.actionUrl}#update-progress-heading$`));
  await expect(owner.getByRole('heading', { level: 1 })).toContainText(`Action ${recommendation.actionLabel}`);
  await expect(owner.getByText('Screen every referral').first()).toBeVisible();
  await expectNoAxeViolations(owner);

  // In progress, with a note.
  await updateProgress(owner, 'In progress', 'Screening tool agreed with the front door team');
  const banner = owner.getByRole('status').filter({ hasText: 'Progress update saved' });
  await expect(banner).toBeVisible();
  // It says what changed, and takes focus.
  await expect(banner).toContainText('Status changed from Not started to In progress');
  await expect(banner).toBeFocused();
  await expect(owner.getByText(changed(OWNER, 'Not started', 'In progress'))).toBeVisible();

  // Implemented without evidence is not offered, and the form says why; a reviewer's decisions on the whole recommendation are not made here.
  const status = progressForm(owner).getByRole('group', { name: 'Status' });
  await expect(status.getByRole('radio')).toHaveCount(1);
  await expect(status.getByRole('radio', { name: 'Keep as in progress' })).toBeChecked();
  const notOffered = progressForm(owner).getByRole('list', { name: 'Not offered now, and why:' });
  await expect(notOffered).toContainText('Implemented: Add at least one piece of evidence before marking the action as implemented');
  await expect(notOffered).not.toContainText('Not accepted');
  await expectNoAxeViolations(owner);

  // Evidence: a file, checked by content on the server.
  const evidenceForm = owner.getByRole('form', { name: 'Submit evidence' });
  await evidenceForm.getByLabel('Title').fill('Referral screening audit, March');
  await evidenceForm.getByLabel('Kind of evidence').selectOption({ label: 'Audit' });
  await evidenceForm.getByLabel('File (optional)').setInputFiles({ name: 'screening-audit.pdf', mimeType: 'application/pdf', buffer: PDF });
  await evidenceForm.getByRole('button', { name: 'Submit evidence' }).click();
  await expect(owner.getByRole('heading', { name: 'Referral screening audit, March' })).toBeVisible();
  await expect(owner.getByText(`${OWNER} submitted evidence "Referral screening audit, March" (Audit)`)).toBeVisible();

  // Now implemented is allowed.
  await updateProgress(owner, 'Implemented', 'All referrals of over-12s screened since 1 March');
  await expect(owner.getByText(changed(OWNER, 'In progress', 'Implemented'))).toBeVisible();
  await ownerContext.close();

  // A reviewer accepts the evidence and verifies.
  const reviewerContext = await browser.newContext();
  const reviewer = await reviewerContext.newPage();
  await signIn(reviewer, DEMO.reviewer);
  await reviewer.goto(recommendation.actionUrl);
  const assess = reviewer.getByRole('form', { name: 'Assess “Referral screening audit, March”' });
  await assess.getByLabel('Accepted').check();
  await assess.getByLabel('Comment').fill('Audit sample of 40 referrals checked');
  await assess.getByRole('button', { name: 'Save assessment' }).click();
  await expect(reviewer.getByText(`${REVIEWER} assessed evidence "Referral screening audit, March" as Accepted`)).toBeVisible();

  await updateProgress(reviewer, 'Verified', 'Evidence shows the change is embedded');
  await expect(reviewer.getByText(changed(REVIEWER, 'Implemented', 'Verified'))).toBeVisible();

  // The action's timeline, newest first, with the right people.
  const timeline = reviewer.getByRole('list', { name: 'History, newest first' });
  const entries = await timeline.locator('.timeline__what').allInnerTexts();
  expect(entries.slice(0, 6)).toEqual([
    changed(REVIEWER, 'Implemented', 'Verified'),
    `${REVIEWER} assessed evidence "Referral screening audit, March" as Accepted`,
    changed(OWNER, 'In progress', 'Implemented'),
    `${OWNER} submitted evidence "Referral screening audit, March" (Audit)`,
    changed(OWNER, 'Not started', 'In progress'),
    `${REVIEWER} added action ${recommendation.actionLabel}, owned by Children's social care`,
  ]);
  await expectNoAxeViolations(reviewer);

  // The recommendation follows from its one action.
  await reviewer.goto(recommendation.url);
  await expect(reviewer.locator('.summary-list__row').filter({ hasText: /^Status/ }).first()).toContainText('Verified');
  await expect(reviewer.getByRole('region', { name: 'Actions' }).getByRole('row', { name: new RegExp(recommendation.actionLabel) })).toContainText('Verified');
  await expectNoAxeViolations(reviewer);
  await reviewerContext.close();
});

test("a second user's stale edit is refused, says who changed what, and keeps what they typed", async ({ browser }) => {
  const recommendation = await createTestRecommendation('Hold monthly multi-agency meetings on victims, abusers and hotspots');
  const changed = statusChange(recommendation.actionLabel);
  const ownerContext = await browser.newContext();
  const reviewerContext = await browser.newContext();
  const owner = await ownerContext.newPage();
  const reviewer = await reviewerContext.newPage();
  await signIn(owner, DEMO.ownerCsc);
  await signIn(reviewer, DEMO.qa);
  await owner.goto(recommendation.actionUrl);
  await reviewer.goto(recommendation.actionUrl);

  await updateProgress(owner, 'In progress', 'First meeting held on 3 October');
  await expect(owner.getByRole('status').filter({ hasText: 'Progress update saved' })).toBeVisible();

  // The reviewer's page still shows the old version.
  await updateProgress(reviewer, 'In progress', 'Meetings agreed at the board');
  const notice = reviewer.getByRole('status').filter({ hasText: 'Your change was not saved: someone else changed this first' });
  await expect(notice).toBeVisible();
  await expect(notice).toContainText(`${OWNER} changed the status of`);
  await expect(notice).toContainText('from Not started to In progress');
  await expect(progressForm(reviewer).getByLabel('Note')).toHaveValue('Meetings agreed at the board');
  await expect(reviewer.getByText(changed(OWNER, 'Not started', 'In progress')).first()).toBeVisible();
  await expectNoAxeViolations(reviewer);

  await ownerContext.close();
  await reviewerContext.close();
});
