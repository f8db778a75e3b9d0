// Form schemas for reviews. Each drives its form through react-hook-form and is
// parsed again by the Server Action. The form hands the Server Action what the
// resolver produced (Dates, nulls), so every field also accepts its own output:
// parsing twice gives the same result.
import { z } from 'zod';
import { ReviewKind, ReviewStatus } from '@/lib/generated/prisma/enums';
import { optionalDayField } from '@/lib/day-fields';

/** Free text that may be left empty; empty becomes null. */
export function optionalText(max: number, tooLong: string) {
  return z
    .union([z.null(), z.string().trim().max(max, tooLong)])
    .optional()
    .transform((value) => (value ? value : null));
}

export const idField = z.string().trim().min(1).max(64);

/**
 * The version an edit is based on (a hidden field). Stored as a PostgreSQL
 * integer: a larger number could never match, and would fail in the query.
 */
export const versionField = z.coerce.number().int().positive().max(2_147_483_647);

const sourceUrl = z
  .union([z.null(), z.string().trim().max(2000, 'Source link must be 2,000 characters or fewer')])
  .optional()
  .transform((value, ctx) => {
    if (!value) return null;
    let url: URL | null = null;
    try {
      url = new URL(value);
    } catch {
      url = null;
    }
    if (!url || (url.protocol !== 'https:' && url.protocol !== 'http:') || !url.hostname) {
      ctx.issues.push({ code: 'custom', message: 'Enter a source link starting with https:// or http://', input: value });
      return z.NEVER;
    }
    return value;
  });

const reviewFields = z.object({
  title: z.string().trim().min(1, 'Enter the title of the review').max(300, 'Title must be 300 characters or fewer'),
  kind: z.enum(ReviewKind, { error: 'Choose the kind of review' }),
  commissioningBody: z
    .string()
    .trim()
    .min(1, 'Enter the body that commissioned the review')
    .max(200, 'Commissioning body must be 200 characters or fewer'),
  periodStart: optionalDayField('Enter a real start date for the period covered, or leave it blank'),
  periodEnd: optionalDayField('Enter a real end date for the period covered, or leave it blank'),
  publishedOn: optionalDayField('Enter a real publication date, or leave it blank'),
  status: z.enum(ReviewStatus, { error: 'Choose a status' }),
  summary: z.string().trim().max(10_000, 'Summary must be 10,000 characters or fewer'),
  sourceUrl,
});

function periodInOrder(value: { periodStart: Date | null; periodEnd: Date | null }, ctx: z.RefinementCtx) {
  if (value.periodStart && value.periodEnd && value.periodEnd < value.periodStart) {
    ctx.addIssue({ code: 'custom', path: ['periodEnd'], message: 'The end of the period covered must be on or after its start' });
  }
}

export const createReviewSchema = reviewFields.superRefine(periodInOrder);

export const updateReviewSchema = reviewFields.extend({ id: idField, version: versionField }).superRefine(periodInOrder);

/** Archiving any record: which one, the version the user saw, and an optional reason for the record. */
export const archiveSchema = z.object({
  id: idField,
  version: versionField,
  // Not just "reason": the field's element id must not clash with other forms on the same page.
  archiveReason: optionalText(2000, 'Reason must be 2,000 characters or fewer'),
});

export type CreateReviewInput = z.input<typeof createReviewSchema>;
export type UpdateReviewInput = z.input<typeof updateReviewSchema>;
export type ReviewFields = z.output<typeof createReviewSchema>;
