import { z } from 'zod';
import { ForbiddenError } from '@/lib/auth/permissions';
import { getCurrentUser } from '@/lib/auth/session';
import { NotFoundError, RuleError } from '@/lib/errors';
import { getReport } from '@/lib/reports/get-report';
import { REPORT_FORMATS, reportFile } from '@/lib/reports/report-file';
import { reportQuerySchema } from '@/lib/reports/report-query.schema';
import { recordIdParam } from '@/lib/route-params';
import { fileResponse, plainResponse } from '@/lib/file-response';

const downloadSchema = reportQuerySchema.extend({ format: z.enum(REPORT_FORMATS, { error: 'Choose csv, xlsx or pdf' }) });

/** GET /reports/[scope]/download?format=csv|xlsx|pdf&asAt=YYYY-MM-DD&since=YYYY-MM-DD */
export async function GET(request: Request, { params }: { params: Promise<{ scope: string }> }) {
  const actor = await getCurrentUser();
  if (!actor) return plainResponse(401, 'Sign in to download reports.');
  const search = new URL(request.url).searchParams;
  const parsed = downloadSchema.safeParse({
    format: search.get('format') ?? undefined,
    asAt: search.get('asAt') ?? undefined,
    since: search.get('since') ?? undefined,
  });
  if (!parsed.success) return plainResponse(400, parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`).join('\n'));
  const scope = recordIdParam.safeParse((await params).scope);
  if (!scope.success) return plainResponse(404, 'That review does not exist, or has been archived');
  try {
    const { format, ...query } = parsed.data;
    return fileResponse(await reportFile(await getReport(actor, scope.data, query), format));
  } catch (error) {
    if (error instanceof NotFoundError) return plainResponse(404, error.message);
    if (error instanceof ForbiddenError) return plainResponse(403, error.message);
    if (error instanceof RuleError) return plainResponse(400, error.message);
    throw error;
  }
}
