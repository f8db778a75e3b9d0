import { z } from 'zod';
import { dayTextField } from '@/lib/day-fields';

const day = dayTextField();

/** The report form's query string: both dates optional (as at today, changes over the last 30 days). */
export const reportQuerySchema = z.object({
  asAt: day.optional().or(z.literal('').transform(() => undefined)),
  since: day.optional().or(z.literal('').transform(() => undefined)),
});

export type ReportQuery = z.output<typeof reportQuerySchema>;
