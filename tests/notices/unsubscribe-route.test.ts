// POST /api/unsubscribe?token=… (RFC 8058 one-click), called as Next calls it:
// a mail client's POST with no session, and the /unsubscribe page's button.
import { beforeAll, describe, expect, it } from 'vitest';
import { POST } from '@/app/api/unsubscribe/route';
import { db } from '@/lib/db';
import { unsubscribeToken } from '@/lib/email/unsubscribe-token';
import { BAD_UNSUBSCRIBE_LINK, FROM_UNSUBSCRIBE_PAGE, UNSUBSCRIBED_NOTE } from '@/lib/notices/preferences';
import { createAgency, createUser } from '@/tests/support/factories';

process.env.NEXTAUTH_SECRET ||= 'unsubscribe-route-tests-secret-0123456789';

let agencyId: string;
beforeAll(async () => {
  agencyId = (await createAgency()).id;
});

function post(query: string, body = 'List-Unsubscribe=One-Click', type = 'application/x-www-form-urlencoded') {
  return POST(new Request(`http://localhost:3000/api/unsubscribe${query}`, { method: 'POST', body, headers: { 'content-type': type } }));
}
const choiceOf = async (id: string) => (await db.user.findUniqueOrThrow({ where: { id } })).noticeEmail;

describe('POST /api/unsubscribe', () => {
  it("a mail client's one-click POST stops that user's reminder emails: 200, and once only in the history", async () => {
    const user = await createUser('OWNER', agencyId);
    const token = encodeURIComponent(unsubscribeToken(user.id));
    const response = await post(`?token=${token}`);
    expect(response.status).toBe(200);
    expect(await response.text()).toMatch(/^Unsubscribed/);
    expect(await choiceOf(user.id)).toBe('NONE');
    expect((await post(`?token=${token}`)).status).toBe(200);
    const events = await db.historyEvent.findMany({ where: { kind: 'user.notice_email_changed', subjectId: user.id } });
    expect(events).toEqual([expect.objectContaining({ actorId: user.id, note: UNSUBSCRIBED_NOTE })]);
  });

  it('takes any body (multipart, none): the token is the proof', async () => {
    const user = await createUser('VIEWER', agencyId);
    const form = new FormData();
    form.append('List-Unsubscribe', 'One-Click');
    const response = await POST(new Request(`http://localhost:3000/api/unsubscribe?token=${unsubscribeToken(user.id)}`, { method: 'POST', body: form }));
    expect(response.status).toBe(200);
    expect(await choiceOf(user.id)).toBe('NONE');
  });

  it('answers 400 with the message for a bad or missing token, and changes nothing', async () => {
    const user = await createUser('OWNER', agencyId);
    const [id, mac] = unsubscribeToken(user.id).split('.') as [string, string];
    const events = await db.historyEvent.count();
    for (const query of ['', '?token=', '?token=garbage', `?token=${id}`, `?token=${id}.${mac.slice(1)}x`, `?token=${'a'.repeat(5000)}`]) {
      const response = await post(query);
      expect(response.status, query).toBe(400);
      expect(await response.text()).toBe(BAD_UNSUBSCRIBE_LINK);
    }
    expect(await choiceOf(user.id)).toBe('DIGEST');
    expect(await db.historyEvent.count()).toBe(events);
  });

  it("sends the page's own button back to the page (303), whatever the token", async () => {
    const user = await createUser('OWNER', agencyId);
    const token = unsubscribeToken(user.id);
    const response = await post(`?token=${encodeURIComponent(token)}`, `from=${FROM_UNSUBSCRIBE_PAGE}`);
    expect(response.status).toBe(303);
    expect(response.headers.get('location')).toBe(`/unsubscribe?token=${encodeURIComponent(token)}`);
    expect(await choiceOf(user.id)).toBe('NONE');
    const bad = await post('?token=nope', `from=${FROM_UNSUBSCRIBE_PAGE}`);
    expect(bad.status).toBe(303);
    expect(bad.headers.get('location')).toBe('/unsubscribe?token=nope');
  });
});
