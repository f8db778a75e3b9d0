// The admin's form for the notice rules: driven by react-hook-form and parsed
// again by the Server Action. The form hands the action what the resolver
// produced (numbers, the list of days), so each field accepts its own output
// too: parsing twice gives the same result.
import { z } from 'zod';
import { versionField } from '@/lib/reviews/review.schema';

/** The most days any threshold may be (the business managers' escalation may be up to twice this). */
export const MAX_NOTICE_DAYS = 365;
export const MAX_MANAGER_DAYS = 730;
/** How many reminders before the due date there may be. */
export const MAX_DUE_SOON_REMINDERS = 5;

const WHOLE = /^\d+$/;

/** A whole number of days typed into a text input ("14"), from 1 to `max`. */
function daysField(what: string, max = MAX_NOTICE_DAYS) {
  const Whole = `${what[0]!.toUpperCase()}${what.slice(1)}`;
  return z.union([z.string(), z.number()], { error: `Enter ${what}` }).transform((value, ctx) => {
    const text = String(value).trim();
    const problem =
      text === ''
        ? `Enter ${what}`
        : !WHOLE.test(text)
          ? `${Whole} must be a whole number of days, like 14`
          : Number(text) < 1 || Number(text) > max
            ? `${Whole} must be between 1 and ${max} days`
            : null;
    if (problem) {
      ctx.issues.push({ code: 'custom', message: problem, input: value });
      return z.NEVER;
    }
    return Number(text);
  });
}

const DUE_SOON_EXAMPLE = 'like 30, 7';

/** "30, 7": one to five different whole numbers of days, as typed (commas or spaces between); kept largest first. */
const dueSoonDaysField = z
  .union([z.string(), z.array(z.number())], { error: `Enter the days before the due date to remind, ${DUE_SOON_EXAMPLE}` })
  .transform((value, ctx) => {
    const fail = (message: string) => {
      ctx.issues.push({ code: 'custom', message, input: value });
      return z.NEVER;
    };
    const items = typeof value === 'string' ? value.split(/[\s,]+/).filter(Boolean) : value.map(String);
    if (items.length === 0) return fail(`Enter the days before the due date to remind, ${DUE_SOON_EXAMPLE}`);
    if (items.length > MAX_DUE_SOON_REMINDERS) return fail(`Enter at most ${MAX_DUE_SOON_REMINDERS} numbers of days before the due date`);
    if (items.some((item) => !WHOLE.test(item))) return fail(`Enter whole numbers of days separated by commas, ${DUE_SOON_EXAMPLE}`);
    const days = items.map(Number);
    if (days.some((day) => day < 1 || day > MAX_NOTICE_DAYS)) return fail(`Each number of days before the due date must be between 1 and ${MAX_NOTICE_DAYS}`);
    const twice = days.find((day, index) => days.indexOf(day) !== index);
    if (twice !== undefined) return fail(`Enter each number of days once: ${twice} is there twice`);
    return days.sort((a, b) => b - a);
  });

export const noticeSettingsSchema = z
  .object({
    version: versionField,
    dueSoonDays: dueSoonDaysField,
    stalledDays: daysField('the days without progress before a reminder'),
    evidenceWaitingDays: daysField('the days evidence waits before a reminder'),
    seniorLeadAfterDays: daysField("the days overdue before the senior lead is told"),
    managerAfterDays: daysField('the days overdue before the business managers are told', MAX_MANAGER_DAYS),
  })
  .superRefine((value, ctx) => {
    if (value.managerAfterDays <= value.seniorLeadAfterDays) {
      ctx.addIssue({
        code: 'custom',
        path: ['managerAfterDays'],
        message: `The business managers must be told later than the senior lead: enter more than ${value.seniorLeadAfterDays} days`,
      });
    }
  });

export type NoticeSettingsInput = z.input<typeof noticeSettingsSchema>;
export type NoticeSettingsValues = z.output<typeof noticeSettingsSchema>;
