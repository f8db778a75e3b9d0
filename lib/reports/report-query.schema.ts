import { z } from 'zod';

const day = z
  .string()
  .trim()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'Enter a real date')
  .refine((value) => !Number.isNaN(Date.parse(`${value}T00:00:00Z`)) && new Date(`${value}T00:00:00Z`).toISOString().startsWith(value), 'Enter a real date');

/** The report form's query string: both dates optional (as at today, changes over the last 30 days). */
export const reportQuerySchema = z.object({
  asAt: day.optional().or(z.literal('').transform(() => undefined)),
  since: day.optional().or(z.literal('').transform(() => undefined)),
});

export type ReportQuery = z.output<typeof reportQuerySchema>;
