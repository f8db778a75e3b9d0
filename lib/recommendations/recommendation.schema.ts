// Form schemas for creating and editing recommendations. The same schema
// drives the form (zodResolver) and is parsed again by the Server Action.
// Rules that need the database (the findings belong to this review, the lead
// officer works for the owner agency, a moved due date has a reason) are
// checked by the use cases and come back as field errors.
import { z } from 'zod';
import { Priority, ResponseKind } from '@/lib/generated/prisma/enums';
import { referenceField } from '@/lib/findings/finding.schema';
import { dayField } from '@/lib/day-fields';
import { idField, optionalText } from '@/lib/reviews/review.schema';
import { versionField } from './update-progress.schema';

export const CHOOSE_FINDINGS = 'Choose at least one finding that this recommendation answers';
export const DUE_DATE_REASON_NEEDED = 'Enter the reason for moving the due date';

// Checkboxes give an array (or, in some browsers' edge cases, one value or false).
const findingIds = z
  .union([z.array(idField), idField, z.literal(false), z.null()], { error: CHOOSE_FINDINGS })
  .optional()
  .transform((value) => [...new Set(Array.isArray(value) ? value : value ? [value] : [])])
  .pipe(z.array(idField).min(1, CHOOSE_FINDINGS).max(200));

const recommendationFields = z.object({
  reference: referenceField('R1'),
  text: z
    .string()
    .trim()
    .min(1, 'Enter the text of the recommendation')
    .max(5000, 'Recommendation must be 5,000 characters or fewer'),
  findingIds,
  response: z.enum(ResponseKind, { error: "Choose the partnership's response" }),
  ownerAgencyId: z.string({ error: 'Choose the owner agency' }).trim().min(1, 'Choose the owner agency').max(64),
  leadOfficerId: z
    .union([z.null(), z.string().trim().max(64)])
    .optional()
    .transform((value) => (value ? value : null)),
  priority: z.enum(Priority, { error: 'Choose a priority' }),
  dueDate: dayField('Enter the due date', 'Enter a real due date'),
});

export const createRecommendationSchema = recommendationFields.extend({ reviewId: idField });

export const updateRecommendationSchema = recommendationFields.extend({
  id: idField,
  version: versionField,
  /** Required when the due date moves: checked against the stored due date by the use case. */
  dueDateChangeReason: optionalText(2000, 'Reason must be 2,000 characters or fewer'),
});

export type CreateRecommendationInput = z.input<typeof createRecommendationSchema>;
export type UpdateRecommendationInput = z.input<typeof updateRecommendationSchema>;
