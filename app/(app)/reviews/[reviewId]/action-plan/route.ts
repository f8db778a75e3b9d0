import { z } from 'zod';
import { ForbiddenError } from '@/lib/auth/permissions';
import { getCurrentUser } from '@/lib/auth/session';
import { NotFoundError } from '@/lib/errors';
import { exportActionPlan, PLAN_FORMATS } from '@/lib/imports/export-plan';
import { fileResponse, plainResponse } from '@/lib/file-response';
import { recordIdParam } from '@/lib/route-params';

const formatSchema = z.enum(PLAN_FORMATS, { error: 'Choose xlsx or csv' });

/** GET /reviews/[reviewId]/action-plan?format=xlsx|csv: the review's action plan, in the importer's columns. */
export async function GET(request: Request, { params }: { params: Promise<{ reviewId: string }> }) {
  const actor = await getCurrentUser();
  if (!actor) return plainResponse(401, 'Sign in to download action plans.');
  const format = formatSchema.safeParse(new URL(request.url).searchParams.get('format') ?? undefined);
  if (!format.success) return plainResponse(400, 'format: Choose xlsx or csv');
  const reviewId = recordIdParam.safeParse((await params).reviewId);
  if (!reviewId.success) return plainResponse(404, 'That review does not exist, or has been archived');
  try {
    return fileResponse(await exportActionPlan(actor, reviewId.data, format.data));
  } catch (error) {
    if (error instanceof NotFoundError) return plainResponse(404, error.message);
    if (error instanceof ForbiddenError) return plainResponse(403, error.message);
    throw error;
  }
}
