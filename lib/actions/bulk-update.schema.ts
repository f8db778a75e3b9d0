// A bulk update of actions from the actions list: the selected actions (each
// at the version the list showed), one change (a status, or a due date) and
// one note for all of them. The same schema drives the form and is parsed
// again by the Server Action.
import { z } from 'zod';
import { optionalDayField } from '@/lib/day-fields';
import { RecommendationStatus } from '@/lib/generated/prisma/enums';
import { idField, versionField } from '@/lib/reviews/review.schema';

/** At most a page and a few more: each action is its own transaction, one after another. */
export const BULK_UPDATE_LIMIT = 100;

export const SELECT_ACTIONS = 'Tick at least one action in the list';

export const bulkUpdateSchema = z
  .object({
    items: z
      .array(z.object({ actionId: idField, version: versionField }), { error: SELECT_ACTIONS })
      .min(1, SELECT_ACTIONS)
      .max(BULK_UPDATE_LIMIT, `Tick at most ${BULK_UPDATE_LIMIT} actions at a time`),
    change: z.enum(['status', 'dueDate'], { error: 'Choose what to change' }),
    status: z.union([z.literal(''), z.enum(RecommendationStatus)], { error: 'Choose the new status' }).optional(),
    dueDate: optionalDayField('Enter a real due date'),
    note: z
      .string({ error: 'Enter a note saying what has changed and why' })
      .trim()
      .min(1, 'Enter a note saying what has changed and why')
      .max(5000, 'Note must be 5,000 characters or fewer'),
  })
  .superRefine((input, ctx) => {
    if (input.change === 'status' && !input.status) ctx.addIssue({ code: 'custom', path: ['status'], message: 'Choose the new status' });
    if (input.change === 'dueDate' && !input.dueDate) ctx.addIssue({ code: 'custom', path: ['dueDate'], message: 'Enter the new due date' });
  });

export type BulkUpdateInput = z.input<typeof bulkUpdateSchema>;
