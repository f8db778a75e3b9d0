import 'server-only';

/** A file to download (a report, an action plan): never cached, never sniffed as something else. */
export function fileResponse(file: { fileName: string; contentType: string; body: Buffer }) {
  return new Response(new Uint8Array(file.body), {
    headers: {
      'Content-Type': file.contentType,
      'Content-Disposition': `attachment; filename="${file.fileName}"`,
      'Cache-Control': 'private, no-store',
      'X-Content-Type-Options': 'nosniff',
    },
  });
}

/** A refusal a download link shows as it is. */
export function plainResponse(status: number, message: string) {
  return new Response(message, { status, headers: { 'Content-Type': 'text/plain; charset=utf-8', 'Cache-Control': 'no-store' } });
}
