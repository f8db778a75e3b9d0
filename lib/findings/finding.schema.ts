// Form schemas for findings: the form's resolver and the Server Action parse the same one.
import { z } from 'zod';
import { Severity } from '@/lib/generated/prisma/enums';
import { versionField } from '@/lib/reviews/review.schema';
import { idField } from '@/lib/reviews/review.schema';

// Zod-free, for the form (a client component); re-exported for the server side.
export { THEME_SUGGESTIONS } from './finding-themes';

/** A short code such as F1 or R1 (any short code a review uses: "1.2", "F3a"). */
export function referenceField(example: string) {
  return z
    .string()
    .trim()
    .min(1, `Enter a reference, for example ${example}`)
    .max(20, 'Reference must be 20 characters or fewer')
    .regex(/^[A-Za-z0-9][A-Za-z0-9.\-/]*$/, `Reference must be a short code without spaces, for example ${example}`);
}

const findingFields = z.object({
  reference: referenceField('F1'),
  text: z.string().trim().min(1, 'Enter the text of the finding').max(5000, 'Finding must be 5,000 characters or fewer'),
  theme: z.string().trim().min(1, 'Enter a theme, for example Escalation').max(100, 'Theme must be 100 characters or fewer'),
  severity: z.enum(Severity, { error: 'Choose a severity' }),
});

export const createFindingSchema = findingFields.extend({ reviewId: idField });
export const updateFindingSchema = findingFields.extend({ id: idField, version: versionField });

export type CreateFindingInput = z.input<typeof createFindingSchema>;
export type UpdateFindingInput = z.input<typeof updateFindingSchema>;
