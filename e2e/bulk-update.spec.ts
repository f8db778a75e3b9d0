// Issue 13: from a filtered list, a reviewer ticks several actions and changes
// their status in one step with one note, using the keyboard alone.
import { randomUUID } from 'node:crypto';
import { expect, type Page, test } from '@playwright/test';
import { expectNoAxeViolations } from './support/axe';
import { DEMO, signIn } from './support/auth';
import { createTestRecommendation } from './support/records';

/** Presses Tab until the focused element is the one described (a keyboard user's way there), or fails. */
async function tabTo(page: Page, describe: string, matches: (element: { label: string; tag: string; type: string; text: string }) => boolean) {
  for (let presses = 0; presses < 120; presses++) {
    await page.keyboard.press('Tab');
    const focused = await page.evaluate(() => {
      const element = document.activeElement as HTMLInputElement | null;
      const label = element?.getAttribute('aria-label') ?? (element?.id ? document.querySelector(`label[for="${element.id}"]`)?.textContent : '') ?? '';
      return { label, tag: element?.tagName.toLowerCase() ?? '', type: element?.type ?? '', text: element?.textContent?.trim() ?? '' };
    });
    if (matches(focused)) return;
  }
  throw new Error(`Tab never reached ${describe}`);
}

test('a reviewer updates the status of several actions at once, by keyboard alone, and each gets its own record', async ({ page }) => {
  const run = randomUUID().slice(0, 8);
  const first = await createTestRecommendation(`Bulk update ${run}: brief the night shift`);
  const second = await createTestRecommendation(`Bulk update ${run}: brief the day shift`);
  await signIn(page, DEMO.reviewer);
  await page.goto(`/actions?q=${encodeURIComponent(`Bulk update ${run}`)}`);
  await expect(page.getByRole('region', { name: /^2 actions match your filters/ })).toBeVisible();
  await expectNoAxeViolations(page);

  // Nothing ticked: refused at the selection.
  await page.getByRole('button', { name: 'Update selected actions' }).focus();
  await page.keyboard.press('Enter');
  await expect(page.getByRole('alert', { name: 'There is a problem' })).toContainText('Tick at least one action in the list');

  // From the top of the page: Tab to each checkbox, Space to tick it.
  await page.getByRole('heading', { level: 1 }).click();
  for (const label of [first.actionLabel, second.actionLabel]) {
    await tabTo(page, `the checkbox of ${label}`, (e) => e.type === 'checkbox' && e.label.startsWith(`Select ${label} `));
    await page.keyboard.press('Space');
  }
  await tabTo(page, 'the new status', (e) => e.tag === 'select' && e.label === 'New status');
  // A closed select takes typing: the option that starts so.
  await page.keyboard.type('In p');
  await expect(page.getByLabel('New status')).toHaveValue('IN_PROGRESS');
  await tabTo(page, 'the note', (e) => e.tag === 'textarea');
  await page.keyboard.type('Both shifts briefed this week');
  await tabTo(page, 'the button', (e) => e.tag === 'button' && e.text === 'Update selected actions');
  await page.keyboard.press('Enter');

  const result = page.getByRole('status').filter({ hasText: 'actions changed' });
  await expect(result).toContainText('2 actions changed');
  await expect(result).toContainText(`${first.actionLabel}: Status changed to in progress`);
  await expect(result).toContainText(`${second.actionLabel}: Status changed to in progress`);
  await expectNoAxeViolations(page);

  // Each action has its own history event, with the one note.
  await page.goto(first.url);
  await expect(page.getByText(`changed the status of action ${first.actionLabel} from Not started to In progress`)).toBeVisible();
  await expect(page.getByText('Both shifts briefed this week').first()).toBeVisible();
});
