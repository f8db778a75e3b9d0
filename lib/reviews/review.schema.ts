// Form schemas for reviews. Each drives its form through react-hook-form and is
// parsed again by the Server Action. The form hands the Server Action what the
// resolver produced (Dates, nulls), so every field also accepts its own output:
// parsing twice gives the same result.
import { z } from 'zod';
import { ReviewKind, ReviewStatus } from '@/lib/generated/prisma/enums';
import { versionField } from '@/lib/recommendations/update-progress.schema';

const ISO_DAY = /^\d{4}-\d{2}-\d{2}$/;

/** 'YYYY-MM-DD' (what `<input type="date">` gives) to a Date at UTC midnight, or null if it is not a real day. */
export function parseDay(value: string): Date | null {
  if (!ISO_DAY.test(value)) return null;
  const date = new Date(`${value}T00:00:00.000Z`);
  if (Number.isNaN(date.getTime()) || date.toISOString().slice(0, 10) !== value) return null;
  const year = date.getUTCFullYear();
  return year >= 1900 && year <= 2200 ? date : null;
}

/** A date-only value as the date input wants it ('' for none). */
export function dayInputValue(date: Date | null | undefined): string {
  return date ? date.toISOString().slice(0, 10) : '';
}

/** A required date from a date input. */
export function dayField(missing: string, invalid = 'Enter a real date') {
  return z.union([z.date(), z.string().trim()], { error: missing }).transform((value, ctx) => {
    if (value instanceof Date) return value;
    if (value === '') {
      ctx.issues.push({ code: 'custom', message: missing, input: value });
      return z.NEVER;
    }
    const date = parseDay(value);
    if (!date) {
      ctx.issues.push({ code: 'custom', message: invalid, input: value });
      return z.NEVER;
    }
    return date;
  });
}

/** An optional date from a date input: empty means none (null). */
export function optionalDayField(invalid = 'Enter a real date, or leave it blank') {
  return z.union([z.date(), z.null(), z.string().trim()]).optional().transform((value, ctx) => {
    if (value instanceof Date) return value;
    if (value === null || value === undefined || value === '') return null;
    const date = parseDay(value);
    if (!date) {
      ctx.issues.push({ code: 'custom', message: invalid, input: value });
      return z.NEVER;
    }
    return date;
  });
}

/** Free text that may be left empty; empty becomes null. */
export function optionalText(max: number, tooLong: string) {
  return z
    .union([z.null(), z.string().trim().max(max, tooLong)])
    .optional()
    .transform((value) => (value ? value : null));
}

export const idField = z.string().trim().min(1).max(64);

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
