// What an email says: pure, so that what may and may not leave the app by
// email is tested directly (render.test.ts). An email carries each item's
// reference, review, due date, status and a link: never a recommendation's
// text, notes, comments or evidence (SECURITY.md). The words of each notice
// are the app's own (noticeText), built from references and dates only.
import { type Day, formatDay } from '@/lib/days';
import type { RecommendationStatus } from '@/lib/generated/prisma/enums';
import { plural, STATUS_LABELS } from '@/lib/labels';
import { isEscalation, noticeText } from '@/lib/notices/rules';

/** One item an email is about: only fields that may leave the app. */
export type EmailItem = {
  rule: string;
  aboutDay: Day | null;
  /** The action's reference, e.g. "R3.1". */
  label: string;
  review: string;
  dueDate: Day;
  status: RecommendationStatus;
  /** An absolute link to the action in the app. */
  link: string;
};

export type RenderedEmail = { subject: string; text: string; html: string };

const escapeHtml = (value: string) =>
  value.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

function itemLines(item: EmailItem, today: Day): string[] {
  return [
    noticeText(item, item.label, today),
    `Review: ${item.review}`,
    `Due: ${formatDay(item.dueDate)} · Status: ${STATUS_LABELS[item.status]}`,
    `Open it: ${item.link}`,
  ];
}

function itemHtml(item: EmailItem, today: Day): string {
  return `<li><p><a href="${escapeHtml(item.link)}">${escapeHtml(noticeText(item, item.label, today))}</a></p>
<p>Review: ${escapeHtml(item.review)}<br>Due: ${escapeHtml(formatDay(item.dueDate))} · Status: ${escapeHtml(STATUS_LABELS[item.status])}</p></li>`;
}

const FOOTER_WHY =
  'This email carries references and links only. What the action says, its notes and its evidence stay in Followthrough: sign in to read them.';

function body(greeting: string, intro: string, items: EmailItem[], today: Day, footer: string[]): Omit<RenderedEmail, 'subject'> {
  const text = [greeting, '', intro, '', ...items.flatMap((item) => [...itemLines(item, today), '']), FOOTER_WHY, ...footer].join('\n');
  const html = `<!doctype html><html lang="en-GB"><body>
<p>${escapeHtml(greeting)}</p>
<p>${escapeHtml(intro)}</p>
<ul>${items.map((item) => itemHtml(item, today)).join('\n')}</ul>
<p>${escapeHtml(FOOTER_WHY)}</p>
${footer.map((line) => `<p>${escapeHtml(line)}</p>`).join('\n')}
</body></html>`;
  return { text, html };
}

/**
 * An email at once, with a round's new notices for one person: escalations
 * (always), or reminders for someone who chose "as they happen".
 */
export function renderNoticeEmail(recipientName: string, items: EmailItem[], today: Day, settingsLink: string): RenderedEmail {
  const escalations = items.filter((item) => isEscalation(item.rule));
  const first = items[0]!;
  const subject = escalations.length
    ? escalations.length === 1
      ? `Escalation: ${escalations[0]!.label} is overdue (${escalations[0]!.review})`
      : `Escalation: ${escalations.length} overdue actions`
    : items.length === 1
      ? `Reminder: ${noticeText(first, first.label, today)}`
      : `Followthrough: ${items.length} reminders`;
  const footer = [
    ...(escalations.length ? ['Escalations are always sent: they cannot be switched off.'] : []),
    ...(escalations.length < items.length ? [`You get reminders as they happen. To change that: ${settingsLink}`] : []),
  ];
  const intro = escalations.length ? 'Overdue actions have been escalated to you.' : 'Reminders from Followthrough.';
  return { subject, ...body(`Dear ${recipientName},`, intro, items, today, footer) };
}

/** The weekly digest: the week's reminders in one email. */
export function renderDigest(recipientName: string, items: EmailItem[], today: Day, settingsLink: string, unsubscribeLink: string): RenderedEmail {
  const subject = `Your Followthrough reminders for the week of ${formatDay(today)} (${plural(items.length, 'item')})`;
  const footer = [`To get reminders as they happen, or none by email: ${settingsLink}`, `To stop these emails: ${unsubscribeLink}`];
  return { subject, ...body(`Dear ${recipientName},`, 'Your reminders from Followthrough this week:', items, today, footer) };
}
