import { recordIdParam } from '@/lib/route-params';
import { ForbiddenError } from '@/lib/auth/permissions';
import { getCurrentUser } from '@/lib/auth/session';
import { NotFoundError } from '@/lib/errors';
import { attachmentDisposition } from '@/lib/evidence/file-type';
import { getEvidenceFile } from '@/lib/evidence/get-evidence-file';

type Context = { params: Promise<{ evidenceId: string }> };

// Never cached, never sniffed, never shown inline: always a download.
const BASE_HEADERS = {
  'Cache-Control': 'private, no-store',
  'X-Content-Type-Options': 'nosniff',
} as const;

function plain(status: number, message: string) {
  return new Response(message, { status, headers: { ...BASE_HEADERS, 'Content-Type': 'text/plain; charset=utf-8' } });
}

/** Downloads an evidence file as an attachment, for anyone signed in who may read reviews. */
export async function GET(_request: Request, { params }: Context) {
  const user = await getCurrentUser();
  if (!user) return plain(401, 'Sign in to download evidence.');
  const evidenceId = recordIdParam.safeParse((await params).evidenceId);
  if (!evidenceId.success) return plain(404, 'That evidence does not exist, or has been archived');
  try {
    const file = await getEvidenceFile(user, evidenceId.data);
    return new Response(new Uint8Array(file.content), {
      status: 200,
      headers: {
        ...BASE_HEADERS,
        'Content-Type': file.mediaType,
        'Content-Length': String(file.content.length),
        'Content-Disposition': attachmentDisposition(file.fileName),
        // Should a browser render it anyway, it runs nothing and loads nothing.
        'Content-Security-Policy': "default-src 'none'; sandbox",
      },
    });
  } catch (error) {
    if (error instanceof NotFoundError) return plain(404, 'That file does not exist, or has been archived.');
    if (error instanceof ForbiddenError) return plain(403, 'You do not have permission to download this file.');
    throw error;
  }
}
