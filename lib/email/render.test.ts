import { describe, expect, it } from 'vitest';
import { type EmailItem, renderDigest, renderNoticeEmail } from './render';

const item = (overrides: Partial<EmailItem> = {}): EmailItem => ({
  rule: 'overdue',
  aboutDay: '2013-03-31',
  label: 'R3.1',
  review: 'Child Q',
  dueDate: '2013-03-31',
  status: 'IN_PROGRESS',
  link: 'https://followthrough.example/actions/a1',
  ...overrides,
});

describe('what an email says', () => {
  it('names a single reminder in its subject, and lists several', () => {
    expect(renderNoticeEmail('Lead', [item()], '2013-04-02', 'https://x/settings').subject).toBe('Reminder: R3.1 was due on 31 March 2013 and is overdue');
    expect(renderNoticeEmail('Lead', [item(), item({ label: 'R4.1' })], '2013-04-02', 'https://x/settings').subject).toBe('Followthrough: 2 reminders');
  });

  it('leads with escalations, which cannot be switched off', () => {
    const one = renderNoticeEmail('Senior', [item({ rule: 'escalated_senior_lead' })], '2013-04-20', 'https://x/settings');
    expect(one.subject).toBe('Escalation: R3.1 is overdue (Child Q)');
    expect(one.text).toContain('Escalations are always sent: they cannot be switched off.');
    expect(one.text).not.toContain('To change that');
    const mixed = renderNoticeEmail('Manager', [item({ rule: 'escalated_manager' }), item({ rule: 'escalated_manager', label: 'R5.2' }), item({ rule: 'due_soon', aboutDay: '2013-05-01' })], '2013-04-20', 'https://x/settings');
    expect(mixed.subject).toBe('Escalation: 2 overdue actions');
    expect(mixed.text).toContain('To change that: https://x/settings');
  });

  it('gives each item its reference, review, due date, status and link, in text and HTML', () => {
    const { text, html } = renderNoticeEmail('Lead', [item()], '2013-04-02', 'https://x/settings');
    expect(text).toContain('R3.1 was due on 31 March 2013 and is overdue\nReview: Child Q\nDue: 31 March 2013 · Status: In progress\nOpen it: https://followthrough.example/actions/a1');
    expect(html).toContain('<a href="https://followthrough.example/actions/a1">R3.1 was due on 31 March 2013 and is overdue</a>');
  });

  it('escapes what it puts in HTML', () => {
    const { html, text } = renderNoticeEmail('<b>Lead</b>', [item({ review: 'Child <script>alert(1)</script> & "Q"' })], '2013-04-02', 'https://x/settings');
    expect(html).not.toContain('<script>');
    expect(html).toContain('Child &lt;script&gt;alert(1)&lt;/script&gt; &amp; &quot;Q&quot;');
    expect(html).toContain('Dear &lt;b&gt;Lead&lt;/b&gt;,');
    // The text part is text.
    expect(text).toContain('Child <script>alert(1)</script> & "Q"');
  });

  it('makes a digest of the week with its links to change or stop it', () => {
    const digest = renderDigest('Reviewer', [item(), item({ rule: 'unled', label: 'R1.2' })], '2013-04-29', 'https://x/settings', 'https://x/unsubscribe?token=t');
    expect(digest.subject).toBe('Your Followthrough reminders for the week of 29 April 2013 (2 items)');
    expect(digest.text).toContain('R1.2 has nobody leading it: give it a lead officer');
    expect(digest.text).toContain('To stop these emails: https://x/unsubscribe?token=t');
    expect(digest.html).toContain('<html lang="en-GB">');
  });
});
