// Issue 12: an action plan kept in a spreadsheet comes in through upload,
// preview, fixing what the preview shows, commit, and import again; the
// review's plan goes out as a spreadsheet that imports back unchanged.
import { randomUUID } from 'node:crypto';
import { expect, test } from '@playwright/test';
import ExcelJS from 'exceljs';
import { expectNoAxeViolations } from './support/axe';
import { DEMO, signIn } from './support/auth';
import { createTestReview } from './support/records';

/** A plan as partnerships keep them: a title above the headings, their own words for status, one agency misspelt. */
async function planWorkbook(agency: string): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet('Action plan');
  sheet.addRow(['Multi-agency action plan, progress at March 2013']);
  sheet.addRow([]);
  sheet.addRow(['Ref', 'Finding', 'Recommendation', 'Responsibility', 'Target date', 'Status', 'Progress update']);
  sheet.addRow(['R1', 'F1', 'Hold a multi-agency CSE meeting every month', 'Police', '31/12/2030', 'Ongoing', 'Three meetings held']);
  sheet.addRow([null, null, null, agency, '31/01/2031', 'Complete', 'Minutes published']);
  sheet.addRow(['R2', 'F1', 'Train every front-line worker', 'NHS', 'Q3 2030', 'Not started', null]);
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

test('a reviewer uploads a plan, fixes what the preview shows, imports it, and importing it again changes nothing', async ({ page }) => {
  const review = await createTestReview(`Imported plan ${randomUUID().slice(0, 8)}`);
  await signIn(page, DEMO.reviewer);
  await page.goto(review.url);
  await page.getByRole('link', { name: 'Import an action plan from a spreadsheet' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toContainText('Import an action plan');
  await expectNoAxeViolations(page);

  // Nothing chosen: refused at the field.
  await page.getByRole('button', { name: 'Upload and preview' }).click();
  await expect(page.getByRole('alert', { name: 'There is a problem' })).toContainText('Choose a spreadsheet');
  await expect(page.getByLabel('Spreadsheet', { exact: true })).toHaveAttribute('aria-invalid', 'true');

  // A file that is not a spreadsheet: refused, with why.
  await page.getByLabel('Spreadsheet', { exact: true }).setInputFiles({ name: 'plan.xlsx', mimeType: XLSX, buffer: Buffer.from('%PDF-1.7 a report, not a plan') });
  await page.getByRole('button', { name: 'Upload and preview' }).click();
  await expect(page.getByRole('alert', { name: 'There is a problem' })).toContainText('not a spreadsheet');

  await page.getByLabel('Spreadsheet', { exact: true }).setInputFiles({ name: 'plan.xlsx', mimeType: XLSX, buffer: await planWorkbook('Childrens socal care') });
  await page.getByRole('button', { name: 'Upload and preview' }).click();
  await expect(page).toHaveURL(/\/imports\/[^/]+$/);
  await expect(page.getByRole('heading', { level: 1 })).toContainText('plan.xlsx');
  await expect(page.locator('.summary-list__row').filter({ hasText: /^Sheet/ })).toContainText('headings in row 3');
  const problems = page.getByRole('region', { name: /with \d+ problems?/ });
  await expect(problems).toContainText('Unknown agency "Childrens socal care". Did you mean "Rochdale Borough Council children\'s social care"');
  await expect(problems).toContainText('"Ongoing" is not a Followthrough status: it would become in progress');
  await expectNoAxeViolations(page);

  // Committing with problems is refused until they are fixed or left out.
  await page.getByRole('button', { name: /^Import \d+ rows?$/ }).click();
  await expect(page.getByRole('alert', { name: 'There is a problem' })).toContainText('put them right in the file and upload it again, or choose to leave them out');

  // Confirm the status words as proposed; fix the agency in the file and upload it again.
  await expect(page.getByLabel('“Ongoing” (1 row)')).toHaveValue('IN_PROGRESS');
  await expect(page.getByLabel('“Complete” (1 row)')).toHaveValue('IMPLEMENTED');
  await page.getByRole('button', { name: 'Save and check again' }).click();
  await expect(problems).not.toContainText('is not a Followthrough status');
  await expect(problems).toContainText('Unknown agency');
  await page.getByRole('link', { name: 'Upload another file' }).click();
  await page.getByLabel('Spreadsheet', { exact: true }).setInputFiles({ name: 'plan-fixed.xlsx', mimeType: XLSX, buffer: await planWorkbook("Children's social care") });
  await page.getByRole('button', { name: 'Upload and preview' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toContainText('plan-fixed.xlsx');
  await page.getByRole('button', { name: 'Save and check again' }).click();
  await expect(page.getByText('No problems: the file can be imported as it is.')).toBeVisible();
  await expect(page.locator('[data-import-counts]')).toContainText('2 new recommendations');
  await expect(page.locator('[data-import-counts]')).toContainText('3 new actions');
  await expectNoAxeViolations(page);
  await page.getByRole('button', { name: 'Import 3 rows' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Imported on' })).toBeVisible();
  await expectNoAxeViolations(page);

  // The review has the plan; the history names the file and the row.
  await page.getByRole('link', { name: 'Back to the review' }).click();
  const recommendations = page.getByRole('region', { name: 'Recommendations' });
  await expect(recommendations.getByRole('row').filter({ hasText: 'Hold a multi-agency CSE meeting every month' })).toContainText('In progress');
  await recommendations.getByRole('link', { name: 'R1', exact: true }).click();
  await expect(page.getByText(/imported action R1\.2 from "plan-fixed\.xlsx" \(Action plan, row 5\)/)).toBeVisible();

  // The plan as it now is, downloaded and imported again: nothing to change.
  await page.goto(review.url);
  const download = page.waitForEvent('download');
  await page.getByRole('link', { name: 'Excel (XLSX)' }).click();
  const exported = await (await download).path();
  await page.getByRole('link', { name: 'Import an action plan from a spreadsheet' }).click();
  await page.getByLabel('Spreadsheet', { exact: true }).setInputFiles(exported);
  await page.getByRole('button', { name: 'Upload and preview' }).click();
  await expect(page).toHaveURL(/\/imports\/[^/]+$/);
  await expect(page.getByText('Every row is already as the file says: importing it again changes nothing.')).toBeVisible();
  await expect(page.locator('[data-import-counts]')).toContainText('3 actions already as the file says');
  await expectNoAxeViolations(page);
});
