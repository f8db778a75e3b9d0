// Form schemas: each drives its form through react-hook-form and is parsed
// again by the Server Action, so the browser and the server agree.
import { z } from 'zod';
import { RecommendationStatus } from '@/lib/generated/prisma/enums';
import { idField, versionField } from '@/lib/reviews/review.schema';

const note = z
  .string()
  .trim()
  .min(1, 'Enter a note saying what has changed and why')
  .max(5000, 'Note must be 5,000 characters or fewer');

/** An owner's or reviewer's update of an action: a note, and a new status when the workflow allows it. */
export const updateProgressSchema = z.object({
  actionId: idField,
  version: versionField,
  status: z.enum(RecommendationStatus, { error: 'Choose a status' }),
  note,
});

/** A reviewer's decision on a whole recommendation: set it aside (not accepted, superseded) or reopen it. */
export const decideRecommendationSchema = z.object({
  recommendationId: idField,
  version: versionField,
  status: z.enum(RecommendationStatus, { error: 'Choose a decision' }),
  note,
});

export type UpdateProgressInput = z.input<typeof updateProgressSchema>;
export type DecideRecommendationInput = z.input<typeof decideRecommendationSchema>;
