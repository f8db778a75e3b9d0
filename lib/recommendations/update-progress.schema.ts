// Form schemas: each drives its form through react-hook-form and is parsed
// again by the Server Action, so the browser and the server agree.
import { z } from 'zod';
import { RecommendationStatus } from '@/lib/generated/prisma/enums';

const id = z.string().trim().min(1).max(64);
/**
 * The version an edit is based on (a hidden field). Stored as a PostgreSQL
 * integer: a larger number could never match, and would fail in the query.
 */
export const versionField = z.coerce.number().int().positive().max(2_147_483_647);

export const updateProgressSchema = z.object({
  recommendationId: id,
  version: versionField,
  status: z.enum(RecommendationStatus, { error: 'Choose a status' }),
  note: z
    .string()
    .trim()
    .min(1, 'Enter a note saying what has changed and why')
    .max(5000, 'Note must be 5,000 characters or fewer'),
});

export type UpdateProgressInput = z.input<typeof updateProgressSchema>;
