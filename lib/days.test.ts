import { describe, expect, it } from 'vitest';
import { dayField, optionalDayField } from './day-fields';
import {
  addDays,
  dayInputValue,
  dayOf,
  daysBetween,
  endOfUkDay,
  formatDateTime,
  formatDay,
  formatInstantDay,
  formatMonth,
  formatMonthShort,
  nextMonth,
  parseDay,
  startOfUkDay,
  storedDate,
  ukDay,
  ukMonth,
  ukWallClock,
} from './days';

const at = (iso: string) => new Date(iso);

describe('UK days', () => {
  it('puts an instant in its London day, across midnight in summer and in winter', () => {
    expect(ukDay(at('2026-07-01T22:59:59Z'))).toBe('2026-07-01');
    expect(ukDay(at('2026-07-01T23:00:00Z'))).toBe('2026-07-02'); // midnight BST
    expect(ukDay(at('2026-01-15T23:59:59Z'))).toBe('2026-01-15'); // GMT: UTC midnight is UK midnight
    expect(ukDay(at('2026-01-16T00:00:00Z'))).toBe('2026-01-16');
    expect(ukMonth(at('2026-06-30T23:30:00Z'))).toBe('2026-07');
  });

  it('starts and ends a day at London midnight, on the days the clocks change', () => {
    // 29 March 2026: the clocks go forward at 01:00 UTC; the day is 23 hours long.
    expect(startOfUkDay('2026-03-29')).toEqual(at('2026-03-29T00:00:00Z'));
    expect(endOfUkDay('2026-03-29')).toEqual(at('2026-03-29T22:59:59.999Z'));
    // 25 October 2026: the clocks go back at 01:00 UTC; the day is 25 hours long.
    expect(startOfUkDay('2026-10-25')).toEqual(at('2026-10-24T23:00:00Z'));
    expect(endOfUkDay('2026-10-25')).toEqual(at('2026-10-25T23:59:59.999Z'));
    expect(endOfUkDay('2012-12-31')).toEqual(at('2012-12-31T23:59:59.999Z'));
    expect(ukDay(endOfUkDay('2026-10-25'))).toBe('2026-10-25');
    expect(ukDay(startOfUkDay('2026-03-29'))).toBe('2026-03-29');
  });

  it('counts and moves by calendar days, whatever the clocks do', () => {
    expect(addDays('2026-03-28', 1)).toBe('2026-03-29');
    expect(addDays('2026-03-01', -1)).toBe('2026-02-28');
    expect(addDays('2024-02-28', 1)).toBe('2024-02-29');
    expect(daysBetween('2026-03-28', '2026-03-30')).toBe(2);
    expect(daysBetween('2026-10-24', '2026-10-26')).toBe(2);
    expect(daysBetween('2013-04-10', '2013-03-31')).toBe(-10);
    expect(nextMonth('2012-12')).toBe('2013-01');
    expect(nextMonth('2013-03')).toBe('2013-04');
  });

  it('reads and writes date-only columns as the day they hold', () => {
    expect(dayOf(at('2013-03-31T00:00:00Z'))).toBe('2013-03-31');
    expect(storedDate('2013-03-31')).toEqual(at('2013-03-31T00:00:00Z'));
    expect(dayInputValue(at('2013-03-31T00:00:00Z'))).toBe('2013-03-31');
    expect(dayInputValue(null)).toBe('');
  });

  it('gives spreadsheets the time UK clocks showed', () => {
    expect(ukWallClock(at('2026-07-01T23:30:00Z'))).toEqual(at('2026-07-02T00:30:00Z')); // BST
    expect(ukWallClock(at('2026-01-15T23:30:00Z'))).toEqual(at('2026-01-15T23:30:00Z')); // GMT
    expect(ukWallClock(at('2026-10-25T00:30:00Z'))).toEqual(at('2026-10-25T01:30:00Z')); // the first 01:30, in BST
    expect(ukWallClock(at('2026-10-25T01:30:00Z'))).toEqual(at('2026-10-25T01:30:00Z')); // the second, in GMT
  });
});

describe('British formats', () => {
  it('words days, months and times one way', () => {
    expect(formatDay('2012-12-31')).toBe('31 December 2012');
    expect(formatDay(at('2012-09-27T00:00:00Z'))).toBe('27 September 2012');
    expect(formatDay(null)).toBe('—');
    expect(formatMonth('2012-09')).toBe('September 2012');
    expect(formatMonthShort('2013-03')).toBe('Mar 2013');
    expect(formatDateTime(at('2012-09-27T11:34:00Z'))).toBe('27 September 2012, 12:34pm'); // BST
    expect(formatDateTime(at('2013-01-10T00:05:00Z'))).toBe('10 January 2013, 12:05am');
    expect(formatDateTime(at('2013-01-10T12:00:00Z'))).toBe('10 January 2013, 12:00pm');
    expect(formatDateTime(at('2026-07-01T23:30:00Z'))).toBe('2 July 2026, 12:30am');
    expect(formatInstantDay(at('2026-07-01T23:30:00Z'))).toBe('2 July 2026');
  });
});

describe('typed dates', () => {
  it('accepts real days only, within reason', () => {
    expect(parseDay('2013-02-28')).toBe('2013-02-28');
    expect(parseDay(' 2013-02-28 ')).toBe('2013-02-28');
    for (const bad of ['2013-02-31', '2013-13-01', '31/03/2013', '12013-01-01', '1899-12-31', '2201-01-01', '', 'today']) {
      expect(parseDay(bad), bad).toBeNull();
    }
  });

  it('gives each form one validator with field-level messages, parsing its own output again', () => {
    const due = dayField('Enter the due date', 'Enter a real due date');
    expect(due.parse('2013-03-31')).toEqual(at('2013-03-31T00:00:00Z'));
    expect(due.parse(due.parse('2013-03-31'))).toEqual(at('2013-03-31T00:00:00Z'));
    expect(due.safeParse('').error?.issues[0]?.message).toBe('Enter the due date');
    expect(due.safeParse('2013-02-31').error?.issues[0]?.message).toBe('Enter a real due date');
    const published = optionalDayField();
    expect(published.parse('')).toBeNull();
    expect(published.parse(undefined)).toBeNull();
    expect(published.safeParse('2013-02-31').error?.issues[0]?.message).toBe('Enter a real date, or leave it blank');
  });
});
