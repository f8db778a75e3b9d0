import { z } from 'zod';
import { getCurrentUser } from '@/lib/auth/session';
import { PLAN_FORMATS, planTemplate } from '@/lib/imports/export-plan';
import { fileResponse, plainResponse } from '@/lib/file-response';

/** GET /imports/template?format=xlsx|csv: an empty action plan in the importer's columns. */
export async function GET(request: Request) {
  if (!(await getCurrentUser())) return plainResponse(401, 'Sign in to download the template.');
  const format = z.enum(PLAN_FORMATS).safeParse(new URL(request.url).searchParams.get('format') ?? undefined);
  if (!format.success) return plainResponse(400, 'format: Choose xlsx or csv');
  return fileResponse(await planTemplate(format.data));
}
