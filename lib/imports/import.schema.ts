// The importer's forms: upload a file, say how to read it, commit it. Each
// schema drives its form (react-hook-form) and is parsed again by the Server
// Action. What needs the file or the database (the sheet exists, the header
// row is in it) comes back from the use cases as field errors.
import { z } from 'zod';
import { optionalDayField } from '@/lib/day-fields';
import { RecommendationStatus } from '@/lib/generated/prisma/enums';
import { idField, versionField } from '@/lib/reviews/review.schema';
import { IMPORT_FIELDS } from './columns';
import { MAX_IMPORT_BYTES } from './import-limits';

export const CHOOSE_FILE = 'Choose a spreadsheet (.xlsx or .csv) to upload';

export const uploadPlanSchema = z.object({
  reviewId: idField,
  file: z
    .instanceof(File, { error: CHOOSE_FILE })
    .refine((file) => file.size > 0, 'The file is empty: choose the spreadsheet again')
    .refine((file) => file.size <= MAX_IMPORT_BYTES, 'The file must be 10 MB or smaller')
    .refine((file) => file.name.length <= 255, 'The file’s name must be 255 characters or fewer'),
});

const blankAsNull = <T extends z.ZodType>(schema: T) => z.union([z.literal(''), z.null(), schema]).transform((value) => (value === '' ? null : value));

export const importSettingsSchema = z.object({
  importId: idField,
  version: versionField,
  sheetName: z.string().trim().min(1, 'Choose a sheet').max(255),
  headerRow: z.coerce
    .number({ error: 'Enter the number of the row with the column headings' })
    .int('Enter a whole row number')
    .min(1, 'Enter a row number of 1 or more')
    .max(1_000_000, 'Enter a row number in the sheet'),
  /** What each column holds, by position: a field, or '' to ignore it. */
  columns: z.array(blankAsNull(z.enum(IMPORT_FIELDS))).max(500),
  /** The status each word of the file becomes. */
  statusWords: z.array(z.object({ word: z.string().max(500), status: blankAsNull(z.enum(RecommendationStatus)) })).max(500),
  /** A Date at UTC midnight of the day, or null. */
  defaultDueDate: optionalDayField('Enter a real due date, or leave it blank'),
  defaultFindingId: blankAsNull(idField).optional().transform((value) => value ?? null),
});

export const commitImportSchema = z.object({
  importId: idField,
  version: versionField,
  /** What the preview showed, so that a commit never writes something else (decision 0016). */
  fingerprint: z.string().regex(/^[0-9a-f]{64}$/, 'Check the preview again before importing'),
  leaveOutProblemRows: z
    .union([z.boolean(), z.literal('on'), z.literal('true'), z.literal('')])
    .optional()
    .transform((value) => value === true || value === 'on' || value === 'true'),
});

export type UploadPlanInput = z.input<typeof uploadPlanSchema>;
export type ImportSettingsInput = z.input<typeof importSettingsSchema>;
export type CommitImportInput = z.input<typeof commitImportSchema>;

/** The upload form's FormData (a Server Action receives files so) to the schema's plain object; an empty file input counts as none. */
export const uploadPlanFormDataSchema = z.preprocess((input) => {
  if (!(input instanceof FormData)) return input;
  const file = input.get('file');
  return { reviewId: input.get('reviewId') ?? undefined, file: file instanceof File && (file.size > 0 || file.name !== '') ? file : undefined };
}, uploadPlanSchema);
