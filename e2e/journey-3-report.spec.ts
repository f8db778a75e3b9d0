import { readFileSync } from 'node:fs';
import { expect, type Page, test } from '@playwright/test';
import { csvSections, pdfPages, xlsxSheets } from '../tests/support/read-report-files';
import { expectNoAxeViolations } from './support/axe';
import { DEMO, signIn } from './support/auth';
import { ROCHDALE_REVIEW_ID } from './support/records';

/** Each headline card's figure under its column in the files' "Headline figures" table. */
const HEADLINE_COLUMNS: Record<string, string> = {
  recommendations: 'Recommendations',
  implemented: 'Implemented or verified',
  verified: 'Verified',
  overdue: 'Overdue',
  red: 'RAG red',
  evidence: 'Evidence awaiting assessment',
};

/** The on-screen headline cards as column → the figure as shown ("10", "40%"). */
async function screenSummary(page: Page) {
  const cards = await page.locator('[data-headline]').evaluateAll((items) =>
    items.map((item) => [item.getAttribute('data-headline') ?? '', (item.querySelector('.report-headline__value')?.textContent ?? '').trim()] as const),
  );
  expect(cards.map(([key]) => key)).toEqual(Object.keys(HEADLINE_COLUMNS));
  return new Map(cards.map(([key, shown]) => [HEADLINE_COLUMNS[key]!, shown]));
}
const asNumber = (shown: string) => Number(shown.replace(/[,%]/g, ''));

/** Types a date ('2013-03-31') into the day, month and year boxes of the group named `legend`. */
async function typeDate(page: Page, legend: string, value: string) {
  const [year, month, day] = value.split('-');
  const group = page.getByRole('group', { name: legend, exact: true });
  await group.getByLabel('Day').fill(String(Number(day)));
  await group.getByLabel('Month').fill(String(Number(month)));
  await group.getByLabel('Year').fill(year!);
}

async function setDates(page: Page, asAt: string, since: string) {
  await typeDate(page, 'As at', asAt);
  await typeDate(page, 'Changes since', since);
  await page.getByRole('button', { name: 'Update report' }).click();
  // The report's own address, to bookmark and share.
  await expect(page).toHaveURL(new RegExp(`\\?asAt=${asAt}&since=${since}$`));
}

async function download(page: Page, name: string) {
  const [file] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name }).click()]);
  return { name: file.suggestedFilename(), bytes: readFileSync((await file.path())!) };
}

test('journey 3: a reviewer produces the Rochdale report as at past dates, on screen and as CSV, XLSX and PDF', async ({ page }) => {
  await signIn(page, DEMO.reviewer);
  // From here on: the report pages must log no errors at all.
  const consoleErrors: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'error') consoleErrors.push(`${message.text()} (${message.location().url})`);
  });
  await page.goto(`/reviews/${ROCHDALE_REVIEW_ID}`);
  await page.getByRole('link', { name: /Progress report/ }).click();
  await expect(page.getByRole('heading', { level: 1 })).toContainText('Progress report');

  // As the board saw it at the end of October 2012...
  await setDates(page, '2012-10-31', '2012-09-30');
  const october = await screenSummary(page);
  expect(october.get('Recommendations')).toBe('10');
  // ...and at the end of March 2013: more has been verified since.
  await setDates(page, '2013-03-31', '2013-02-28');
  const march = await screenSummary(page);
  expect(march.get('Recommendations')).toBe('10');
  expect(march.get('Verified')).toMatch(/^\d+(\.\d)?%$/);
  expect(asNumber(march.get('Verified')!)).toBeGreaterThan(asNumber(october.get('Verified')!));
  // The board's order: headline, exceptions, what changed, then the detail; RAG and status as tags with their words.
  expect(await page.locator('section[data-part]').evaluateAll((parts) => parts.map((part) => part.getAttribute('data-part')))).toEqual([
    'headline',
    'exceptions',
    'changes',
    'detail',
  ]);
  await expect(page.locator('table[data-section="summary"]')).toHaveCount(0);
  await expect(page.locator('table[data-section="exceptions"] .tag--red').first()).toHaveText('Red');
  await expect(page.locator('table[data-section="progress"] tbody tr').first()).toContainText('September 2012');
  await expect(page.locator('[data-report-dates]')).toContainText('As at 31 March 2013');
  await expectNoAxeViolations(page);

  // The files carry the same numbers as the screen.
  const csv = await download(page, 'Download CSV');
  expect(csv.name).toMatch(/^followthrough-review-of-multi-agency.*-as-at-2013-03-31\.csv$/);
  const [csvHeaders, csvFigures] = csvSections(csv.bytes.toString('utf8')).get('Headline figures')!;
  for (const [column, shown] of march) {
    // The same words: "40%" on screen is "40%" in the CSV.
    expect(csvFigures![csvHeaders!.indexOf(column)], `CSV ${column}`).toBe(shown);
  }

  const xlsx = await download(page, 'Download spreadsheet (XLSX)');
  expect(xlsx.name).toMatch(/-as-at-2013-03-31\.xlsx$/);
  const sheet = (await xlsxSheets(xlsx.bytes)).get('Headline figures')!;
  const [sheetHeaders, sheetFigures] = [sheet.at(-2)!, sheet.at(-1)!];
  for (const [column, shown] of march) {
    const cell = sheetFigures[sheetHeaders.indexOf(column)];
    expect(typeof cell, `XLSX ${column} is a number`).toBe('number');
    // A percentage is kept as a fraction, formatted as one (0.4 shows as "40%").
    expect(shown.endsWith('%') ? Math.round((cell as number) * 1000) / 10 : cell, `XLSX ${column}`).toBe(asNumber(shown));
  }

  const pdf = await download(page, 'Download PDF');
  expect(pdf.name).toMatch(/-as-at-2013-03-31\.pdf$/);
  const pages = await pdfPages(pdf.bytes);
  expect(pages.length).toBeGreaterThanOrEqual(2);
  for (const [i, text] of pages.entries()) {
    expect(text).toContain('Progress report: Review of multi-agency responses');
    expect(text).toContain('As at 31 March 2013');
    expect(text).toContain(`Page ${i + 1} of ${pages.length}`);
  }
  const first = pages[0]!.replace(/\s+/g, ' ');
  expect(first).toContain(`1. Headline figures ${march.get('Recommendations')} recommendations ${march.get('Implemented or verified')} implemented or verified`);
  expect(first).not.toContain('Measure Value');

  expect(consoleErrors).toEqual([]);
});

test('the partnership report renders for a viewer, who may download it too', async ({ page }) => {
  await signIn(page, DEMO.viewer);
  await page.goto('/reports');
  await page.getByRole('link', { name: /Partnership/ }).first().click();
  await expect(page.getByRole('heading', { level: 1 })).toContainText('Partnership progress report');
  const csv = await download(page, 'Download CSV');
  expect(csv.name).toMatch(/^followthrough-partnership-as-at-\d{4}-\d{2}-\d{2}\.csv$/);
  await expectNoAxeViolations(page);
});
