// Form schemas for creating and editing recommendations. The same schema
// drives the form (zodResolver) and is parsed again by the Server Action.
// Rules that need the database (the findings belong to this review, the lead
// officer works for the owner agency) are checked by the use cases and come
// back as field errors.
import { z } from 'zod';
import { Priority, ResponseKind } from '@/lib/generated/prisma/enums';
import { referenceField } from '@/lib/findings/finding.schema';
import { dayField } from '@/lib/day-fields';
import { ownerFields } from '@/lib/actions/action.schema';
import { idField, versionField } from '@/lib/reviews/review.schema';

export const CHOOSE_FINDINGS = 'Choose at least one finding that this recommendation answers';
export const DUE_DATE_REASON_NEEDED = 'Enter the reason for moving the due date';

// Checkboxes give an array (or, in some browsers' edge cases, one value or false).
const findingIds = z
  .union([z.array(idField), idField, z.literal(false), z.null()], { error: CHOOSE_FINDINGS })
  .optional()
  .transform((value) => [...new Set(Array.isArray(value) ? value : value ? [value] : [])])
  .pipe(z.array(idField).min(1, CHOOSE_FINDINGS).max(200));

/** What a recommendation says; its owners and dates are its actions'. */
const recommendationFields = z.object({
  reference: referenceField('R1'),
  text: z
    .string()
    .trim()
    .min(1, 'Enter the text of the recommendation')
    .max(5000, 'Recommendation must be 5,000 characters or fewer'),
  findingIds,
  response: z.enum(ResponseKind, { error: "Choose the partnership's response" }),
  priority: z.enum(Priority, { error: 'Choose a priority' }),
});

/** A new recommendation starts with one action: its owner agency, lead officer and due date are asked for with it. */
export const createRecommendationSchema = recommendationFields.extend({
  reviewId: idField,
  ...ownerFields,
  dueDate: dayField('Enter the due date', 'Enter a real due date'),
});

export const updateRecommendationSchema = recommendationFields.extend({ id: idField, version: versionField });

export type CreateRecommendationInput = z.input<typeof createRecommendationSchema>;
export type UpdateRecommendationInput = z.input<typeof updateRecommendationSchema>;
