// A day in Followthrough is a UK calendar day (Europe/London), at every layer:
// due dates, overdue, RAG, lists, the work queue, reports and the history's
// words. This module is the one place that turns instants into days and days
// into words (decision 0011). Safe for client components (no zod here: the
// typed-date validators are in day-fields.ts, loaded only with forms).
//
// Two kinds of value, never mixed:
// - an instant ("when it happened"): a `Date`, shown in UK time;
// - a day ("which day"): a `Day`, 'YYYY-MM-DD'. Date-only database columns
//   (`@db.Date`) come back from Prisma as a `Date` at UTC midnight of that
//   day; `dayOf` and `storedDate` convert between the two.
import { TZDate } from '@date-fns/tz';

const UK_TIME_ZONE = 'Europe/London';

/** A calendar day, 'YYYY-MM-DD'. */
export type Day = string;
/** A calendar month, 'YYYY-MM'. */
export type Month = string;

const DAY_PATTERN = /^(\d{4})-(\d{2})-(\d{2})$/;
const MS_PER_DAY = 86_400_000;

function parts(day: Day): [number, number, number] {
  const match = DAY_PATTERN.exec(day);
  if (!match) throw new RangeError(`Not a day: ${day}`);
  return [Number(match[1]), Number(match[2]), Number(match[3])];
}

const pad = (n: number, width = 2) => String(n).padStart(width, '0');

/** An instant as London's clocks and calendar show it. */
const inLondon = (instant: Date) => new TZDate(instant.getTime(), UK_TIME_ZONE);

/** The UK calendar day an instant falls in. */
export function ukDay(instant: Date): Day {
  const london = inLondon(instant);
  return `${pad(london.getFullYear(), 4)}-${pad(london.getMonth() + 1)}-${pad(london.getDate())}`;
}

/** The UK calendar month an instant falls in ('2013-03'). */
export function ukMonth(instant: Date): Month {
  return ukDay(instant).slice(0, 7);
}

/** The day a date-only column holds (Prisma returns it at UTC midnight). */
export function dayOf(stored: Date): Day {
  return stored.toISOString().slice(0, 10);
}

/** The value to store in a date-only column for a day. */
export function storedDate(day: Day): Date {
  const [y, m, d] = parts(day);
  return new Date(Date.UTC(y, m - 1, d));
}

/** The first instant of a UK day (midnight in London, whatever the season). */
export function startOfUkDay(day: Day): Date {
  const [y, m, d] = parts(day);
  return new Date(new TZDate(y, m - 1, d, UK_TIME_ZONE).getTime());
}

/** The last millisecond of a UK day. */
export function endOfUkDay(day: Day): Date {
  return new Date(startOfUkDay(addDays(day, 1)).getTime() - 1);
}

/** The day `days` after (or, negative, before) the given one. */
export function addDays(day: Day, days: number): Day {
  const [y, m, d] = parts(day);
  return new Date(Date.UTC(y, m - 1, d + days)).toISOString().slice(0, 10);
}

/** Whole calendar days from `from` to `to` (negative when `to` is earlier). */
export function daysBetween(from: Day, to: Day): number {
  return Math.round((storedDate(to).getTime() - storedDate(from).getTime()) / MS_PER_DAY);
}

/** The month after the given one. */
export function nextMonth(month: Month): Month {
  const [y, m] = month.split('-').map(Number) as [number, number];
  return m === 12 ? `${y + 1}-01` : `${y}-${pad(m + 1)}`;
}

// Days and months are formatted at UTC, where a Day's midnight sits.
const DAY_WORDS = new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' });
const MONTH_WORDS = new Intl.DateTimeFormat('en-GB', { month: 'long', year: 'numeric', timeZone: 'UTC' });
const MONTH_SHORT_WORDS = new Intl.DateTimeFormat('en-GB', { month: 'short', year: 'numeric', timeZone: 'UTC' });

const asDay = (value: Day | Date): Day => (typeof value === 'string' ? value : dayOf(value));

/** "31 December 2012", for a day or a date-only column's value; '—' for none. */
export function formatDay(value: Day | Date | null | undefined): string {
  return value ? DAY_WORDS.format(storedDate(asDay(value))) : '—';
}

/** "27 September 2012": the UK day an instant falls in. */
export function formatInstantDay(instant: Date): string {
  return formatDay(ukDay(instant));
}

/** "September 2012". */
export function formatMonth(month: Month): string {
  return MONTH_WORDS.format(storedDate(`${month}-01`));
}

/** "Sept 2012" (abbreviated, for chart axes). */
export function formatMonthShort(month: Month): string {
  return MONTH_SHORT_WORDS.format(storedDate(`${month}-01`));
}

/** "27 September 2012, 12:34pm" in UK time. */
export function formatDateTime(instant: Date): string {
  const london = inLondon(instant);
  const hours = london.getHours();
  const hour12 = hours % 12 === 0 ? 12 : hours % 12;
  return `${formatInstantDay(instant)}, ${hour12}:${pad(london.getMinutes())}${hours < 12 ? 'am' : 'pm'}`;
}

/**
 * An instant's UK wall-clock time, written as if it were UTC: what a
 * spreadsheet cell needs, since spreadsheets have no time zones and read a
 * date's UTC fields.
 */
export function ukWallClock(instant: Date): Date {
  const london = inLondon(instant);
  return new Date(
    Date.UTC(london.getFullYear(), london.getMonth(), london.getDate(), london.getHours(), london.getMinutes(), london.getSeconds(), london.getMilliseconds()),
  );
}

/** The value a `<time dateTime>` attribute or a date input wants ('' for none). */
export function dayInputValue(value: Day | Date | null | undefined): string {
  return value ? asDay(value) : '';
}

/** The earliest and latest years a typed date may have. */
const FIRST_YEAR = 1900;
const LAST_YEAR = 2200;

/** A real calendar day typed as 'YYYY-MM-DD' (what `<input type="date">` gives), or null. */
export function parseDay(value: string): Day | null {
  const match = DAY_PATTERN.exec(value.trim());
  if (!match) return null;
  const day = match[0];
  const [y] = parts(day);
  if (y < FIRST_YEAR || y > LAST_YEAR) return null;
  return addDays(day, 0) === day ? day : null;
}

/** A date as the GOV.UK date input's three boxes hold it. */
export type DayParts = { day: string; month: string; year: string };

/**
 * The typed value of three boxes: '' when all are empty, otherwise
 * 'YYYY-MM-DD' as typed, so that a missing or impossible part (a fifth digit
 * of the year, a 31st of April) is refused by the one day validator
 * (lib/day-fields.ts) with the field's own message.
 */
export function joinDayParts({ day, month, year }: DayParts): string {
  if (!day.trim() && !month.trim() && !year.trim()) return '';
  const pad = (part: string) => part.trim().padStart(2, '0');
  return `${year.trim()}-${pad(month)}-${pad(day)}`;
}

/** A typed value ('YYYY-MM-DD', complete or not) as the three boxes show it. */
export function splitDayParts(value: string): DayParts {
  const match = /^(\d*)-(\d*)-(\d*)$/.exec(value);
  if (!match) return { day: '', month: '', year: '' };
  const trim = (part: string) => part.replace(/^0+(?=\d)/, '');
  return { year: match[1]!, month: trim(match[2]!), day: trim(match[3]!) };
}
