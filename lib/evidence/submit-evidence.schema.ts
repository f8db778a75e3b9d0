// The submit-evidence form's schema: react-hook-form validates with it in the
// browser, and the Server Action parses the same schema on the server.
//
// Files: the form keeps the chosen `File` (not the input's FileList) as the
// `file` value, and sends everything as FormData (the way a Server Action
// receives files). `submitEvidenceFormDataSchema` turns that FormData back
// into the plain object and parses it with the same schema.
import { z } from 'zod';
import { EvidenceKind } from '@/lib/generated/prisma/enums';
import { MAX_FILE_BYTES, MAX_FILE_SIZE_TEXT } from './file-type';
import { SUBMIT_EVIDENCE_FIELDS as FIELDS, submitEvidenceToFormData } from './submit-evidence-form-data';

// The browser side (values to FormData) is zod-free, for the form (a client
// component); re-exported here so server code and tests find it beside the schema.
export { submitEvidenceToFormData };

const id = z.string().trim().min(1).max(64);

/** Cross-field rules run even when another field failed, so that the form shows every problem at once. */
const everyProblemAtOnce = { when: (payload: { value: unknown }) => typeof payload.value === 'object' && payload.value !== null };

const LINK_OR_FILE = 'Give a link to the evidence or choose a file to upload';
const NOT_BOTH = 'Give a link or a file, not both';

const optionalUrl = z
  .string()
  .trim()
  .max(2000, 'Link must be 2,000 characters or fewer')
  .optional()
  .transform((value) => value || undefined)
  .pipe(
    z
      .url({ protocol: /^https?$/, error: 'Enter a full web address starting with https://' })
      .optional(),
  );

export const submitEvidenceSchema = z
  .object({
    actionId: id,
    title: z
      .string({ error: 'Enter a title' })
      .trim()
      .min(1, 'Enter a title')
      .max(200, 'Title must be 200 characters or fewer'),
    description: z.string().trim().max(5000, 'Description must be 5,000 characters or fewer').optional().default(''),
    kind: z.enum(EvidenceKind, { error: 'Choose the kind of evidence' }),
    url: optionalUrl,
    file: z
      .file({ error: 'Choose a file to upload' })
      .min(1, 'The file is empty')
      .max(MAX_FILE_BYTES, `The file must be ${MAX_FILE_SIZE_TEXT} or smaller`)
      .optional(),
  })
  .superRefine((value, ctx) => {
    const hasUrl = typeof value.url === 'string' && value.url.trim() !== '';
    const hasFile = value.file !== undefined && value.file !== null;
    if (hasUrl === hasFile) {
      const message = hasUrl ? NOT_BOTH : LINK_OR_FILE;
      ctx.addIssue({ code: 'custom', path: ['url'], message });
      ctx.addIssue({ code: 'custom', path: ['file'], message });
    }
  }, everyProblemAtOnce);

export type SubmitEvidenceInput = z.input<typeof submitEvidenceSchema>;
export type SubmitEvidenceValues = z.output<typeof submitEvidenceSchema>;

/**
 * FormData to the schema's plain object. A file input left empty submits a
 * nameless, empty File: that counts as no file.
 */
export function submitEvidenceFromFormData(formData: FormData): Record<string, unknown> {
  const values: Record<string, unknown> = {};
  for (const field of FIELDS) {
    const value = formData.get(field);
    if (value === null) continue;
    if (typeof value === 'string') {
      if (field !== 'file' || value !== '') values[field] = value;
    } else if (value.size > 0 || value.name !== '') {
      values[field] = value;
    }
  }
  return values;
}

/** What the Server Action parses: the form's FormData (or the plain object), through the same schema. */
export const submitEvidenceFormDataSchema = z.preprocess(
  (input) => (input instanceof FormData ? submitEvidenceFromFormData(input) : input),
  submitEvidenceSchema,
);
