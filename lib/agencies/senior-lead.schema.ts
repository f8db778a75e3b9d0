// The admin's form for an agency's senior lead: the schema of the form and of its Server Action.
import { z } from 'zod';
import { versionField } from '@/lib/reviews/review.schema';

export const setSeniorLeadSchema = z.object({
  agencyId: z.string({ error: 'Choose an agency' }).trim().min(1, 'Choose an agency').max(64, 'Choose an agency'),
  // "No senior lead" is the empty choice; the form hands the action null for it.
  seniorLeadId: z
    .union([z.null(), z.string().trim().max(64, 'Choose a senior lead from the list')], { error: 'Choose a senior lead from the list, or "No senior lead"' })
    .transform((value) => (value ? value : null)),
  version: versionField,
});

export type SetSeniorLeadInput = z.input<typeof setSeniorLeadSchema>;
