// The comment form's schema, shared by react-hook-form and the Server Action.
import { z } from 'zod';

export const addCommentSchema = z.object({
  recommendationId: z.string().trim().min(1).max(64),
  body: z.string().trim().min(1, 'Enter your comment').max(5000, 'Comment must be 5,000 characters or fewer'),
});

export type AddCommentInput = z.input<typeof addCommentSchema>;
export type AddCommentValues = z.output<typeof addCommentSchema>;
