import { plainResponse } from '@/lib/file-response';
import { RuleError } from '@/lib/errors';
import { FROM_UNSUBSCRIBE_PAGE, unsubscribeByToken } from '@/lib/notices/preferences';

/**
 * POST /api/unsubscribe?token=…: RFC 8058 one-click unsubscribe. A mail
 * client POSTs `List-Unsubscribe=One-Click` here, without cookies or a
 * session: the token alone says whose reminder emails to stop (it can do
 * nothing else). The /unsubscribe page's button posts here too, and is sent
 * back to that page (303) to see the result. A POST to /unsubscribe itself
 * (the List-Unsubscribe URL) is routed here by proxy.ts. There is no GET: a
 * link opened, or fetched ahead by a mail scanner, changes nothing.
 */
export async function POST(request: Request): Promise<Response> {
  const token = new URL(request.url).searchParams.get('token') ?? '';
  const fromPage = (await formField(request, 'from')) === FROM_UNSUBSCRIBE_PAGE;
  try {
    await unsubscribeByToken(token);
  } catch (error) {
    if (!(error instanceof RuleError)) throw error;
    return fromPage ? backToPage(token) : plainResponse(400, error.message);
  }
  return fromPage
    ? backToPage(token)
    : plainResponse(200, 'Unsubscribed: you will get no more reminder emails. Escalations of overdue actions still come by email.');
}

/** See Other, to the page that shows the link's state (relative: right behind any proxy). */
function backToPage(token: string): Response {
  return new Response(null, { status: 303, headers: { Location: `/unsubscribe?token=${encodeURIComponent(token)}`, 'Cache-Control': 'no-store' } });
}

/** Most a form body of ours can be: anything longer is not from our page, and is not read. */
const FORM_LIMIT = 2048;

/** A field of a URL-encoded form body, or null (another body, or too long to be ours). */
async function formField(request: Request, name: string): Promise<string | null> {
  if (!(request.headers.get('content-type') ?? '').startsWith('application/x-www-form-urlencoded') || !request.body) return null;
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      size += value.byteLength;
      if (size > FORM_LIMIT) return null;
      chunks.push(value);
    }
  } catch {
    return null;
  } finally {
    await reader.cancel().catch(() => undefined);
  }
  return new URLSearchParams(new TextDecoder().decode(Buffer.concat(chunks))).get(name);
}
