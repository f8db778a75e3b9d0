// The one validator for typed dates (decision 0011), for form schemas.
import { z } from 'zod';
import { parseDay, storedDate } from './days';

/**
 * The one validator for a typed date: a real day typed as 'YYYY-MM-DD', given
 * as the date-only column's value (UTC midnight). The form hands the Server
 * Action what the resolver produced, so a Date is accepted too: parsing twice
 * gives the same result.
 */
export function dayField(missing: string, invalid = 'Enter a real date') {
  return z.union([z.date(), z.string().trim()], { error: missing }).transform((value, ctx) => {
    if (value instanceof Date) return value;
    if (value === '') {
      ctx.issues.push({ code: 'custom', message: missing, input: value });
      return z.NEVER;
    }
    const day = parseDay(value);
    if (!day) {
      ctx.issues.push({ code: 'custom', message: invalid, input: value });
      return z.NEVER;
    }
    return storedDate(day);
  });
}

/** An optional typed date: empty means none (null). */
export function optionalDayField(invalid = 'Enter a real date, or leave it blank') {
  return z.union([z.date(), z.null(), z.string().trim()]).optional().transform((value, ctx) => {
    if (value instanceof Date) return value;
    if (value === null || value === undefined || value === '') return null;
    const day = parseDay(value);
    if (!day) {
      ctx.issues.push({ code: 'custom', message: invalid, input: value });
      return z.NEVER;
    }
    return storedDate(day);
  });
}

/** A typed day kept as text ('YYYY-MM-DD'), for query strings: a report's dates, a list's cursor. */
export function dayTextField(invalid = 'Enter a real date') {
  return z
    .string()
    .trim()
    .refine((value) => parseDay(value) !== null, invalid)
    .transform((value) => parseDay(value)!);
}
