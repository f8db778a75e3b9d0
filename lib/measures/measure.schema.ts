// Measure forms' schemas, shared by react-hook-form and the Server Actions.
import { z } from 'zod';
import { versionField as version } from '@/lib/reviews/review.schema';

const id = z.string().trim().min(1).max(64);

/** Stored as DECIMAL(14, 2). */
const MAX_VALUE = 999_999_999_999;
const twoDecimals = (value: number) => Math.abs(Math.round(value * 100) - value * 100) < 1e-6;

/** A number typed into a text input ("1,500" is fine): blank is not zero. */
function amount(what: string) {
  const notANumber = `Enter the ${what} as a number, like 1500 or 12.5`;
  return z.preprocess(
    (value) => {
      if (typeof value !== 'string') return value;
      const text = value.trim().replace(/,/g, '');
      return text === '' ? undefined : Number(text);
    },
    z
      .number({ error: (issue) => (issue.input === undefined ? `Enter the ${what}` : notANumber) })
      .max(MAX_VALUE, `The ${what} must be less than 1,000,000,000,000`)
      .refine(twoDecimals, `The ${what} can have at most 2 decimal places`),
  );
}

export const createMeasureSchema = z.object({
  actionId: id,
  name: z.string().trim().min(1, 'Enter what is measured').max(200, 'Name must be 200 characters or fewer'),
  unit: z.string().trim().max(50, 'Unit must be 50 characters or fewer').optional().default(''),
  target: amount('target').pipe(z.number().positive('The target must be greater than 0')),
});

export const updateMeasureValueSchema = z.object({
  measureId: id,
  version,
  currentValue: amount('current value').pipe(z.number().min(0, 'The current value cannot be negative')),
  note: z
    .string()
    .trim()
    .min(1, 'Enter a note saying where the new value comes from')
    .max(5000, 'Note must be 5,000 characters or fewer'),
});

export type CreateMeasureInput = z.input<typeof createMeasureSchema>;
export type CreateMeasureValues = z.output<typeof createMeasureSchema>;
export type UpdateMeasureValueInput = z.input<typeof updateMeasureValueSchema>;
export type UpdateMeasureValueValues = z.output<typeof updateMeasureValueSchema>;
