// The assess-evidence form's schema, shared by react-hook-form and the Server Action.
import { z } from 'zod';
import { versionField } from '@/lib/reviews/review.schema';
import { ASSESSMENT_CHOICES } from './assessment-choices';

// Zod-free, for the form (a client component); re-exported for the server side.
export { ASSESSMENT_CHOICES };

const id = z.string().trim().min(1).max(64);

/** Cross-field rules run even when another field failed, so that the form shows every problem at once. */
const everyProblemAtOnce = { when: (payload: { value: unknown }) => typeof payload.value === 'object' && payload.value !== null };

export const assessEvidenceSchema = z
  .object({
    evidenceId: id,
    version: versionField,
    assessment: z.enum(ASSESSMENT_CHOICES, { error: 'Choose accepted or insufficient' }),
    comment: z.string().trim().max(5000, 'Comment must be 5,000 characters or fewer').optional().default(''),
  })
  .superRefine((value, ctx) => {
    if (value.assessment === 'INSUFFICIENT' && !value.comment?.trim()) {
      ctx.addIssue({ code: 'custom', path: ['comment'], message: 'Say why the evidence is insufficient and what would be enough' });
    }
  }, everyProblemAtOnce);

export type AssessEvidenceInput = z.input<typeof assessEvidenceSchema>;
export type AssessEvidenceValues = z.output<typeof assessEvidenceSchema>;
