// Form schemas for adding and editing an action. The same schema drives the
// form (zodResolver) and is parsed again by the Server Action. Rules that need
// the database (the lead officer works for the owner agency, a moved due date
// has a reason) come back from the use cases as field errors.
import { z } from 'zod';
import { dayField } from '@/lib/day-fields';
import { referenceField } from '@/lib/findings/finding.schema';
import { idField, optionalText, versionField } from '@/lib/reviews/review.schema';

export const CHOOSE_OWNER = 'Choose the owner agency';

/** The owner agency and lead officer: an action always has an owner agency. */
export const ownerFields = {
  ownerAgencyId: z.string({ error: CHOOSE_OWNER }).trim().min(1, CHOOSE_OWNER).max(64),
  leadOfficerId: z
    .union([z.null(), z.string().trim().max(64)])
    .optional()
    .transform((value) => (value ? value : null)),
};

export const actionText = z
  .string({ error: 'Enter what the action is' })
  .trim()
  .min(1, 'Enter what the action is')
  .max(5000, 'Action must be 5,000 characters or fewer');

const actionFields = z.object({
  reference: referenceField('1'),
  text: actionText,
  ...ownerFields,
  dueDate: dayField('Enter the due date', 'Enter a real due date'),
});

export const createActionSchema = actionFields.extend({ recommendationId: idField });

export const updateActionSchema = actionFields.extend({
  id: idField,
  version: versionField,
  /** Required when the due date moves: checked against the stored due date by the use case. */
  dueDateChangeReason: optionalText(2000, 'Reason must be 2,000 characters or fewer'),
});

export type CreateActionInput = z.input<typeof createActionSchema>;
export type UpdateActionInput = z.input<typeof updateActionSchema>;
