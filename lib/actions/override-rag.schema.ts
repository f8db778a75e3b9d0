// A reviewer's override of the computed RAG rating, and its withdrawal: both
// need words on the record.
import { z } from 'zod';
import { Rag } from '@/lib/generated/prisma/enums';
import { idField } from '@/lib/reviews/review.schema';
import { versionField } from '@/lib/reviews/review.schema';

export const overrideRagSchema = z.object({
  actionId: idField,
  version: versionField,
  rating: z.enum(Rag, { error: 'Choose a RAG rating' }),
  justification: z
    .string()
    .trim()
    .min(1, 'Enter why the computed rating should be overridden')
    .max(2000, 'Justification must be 2,000 characters or fewer'),
});

export const withdrawRagOverrideSchema = z.object({
  actionId: idField,
  version: versionField,
  reason: z
    .string()
    .trim()
    .min(1, 'Enter why the override is being withdrawn')
    .max(2000, 'Reason must be 2,000 characters or fewer'),
});

export type OverrideRagInput = z.input<typeof overrideRagSchema>;
export type WithdrawRagOverrideInput = z.input<typeof withdrawRagOverrideSchema>;
