import { describe, expect, it } from 'vitest';
import { daysBefore, endOfUkDay, ukDay } from './dates';

describe('UK report days', () => {
  it('ends a winter day at midnight UTC and a summer day an hour earlier', () => {
    expect(endOfUkDay('2013-01-31').toISOString()).toBe('2013-01-31T23:59:59.999Z');
    expect(endOfUkDay('2013-06-30').toISOString()).toBe('2013-06-30T22:59:59.999Z');
  });

  it('handles the days the clocks change', () => {
    expect(endOfUkDay('2013-03-31').toISOString()).toBe('2013-03-31T22:59:59.999Z');
    expect(endOfUkDay('2013-10-27').toISOString()).toBe('2013-10-27T23:59:59.999Z');
  });

  it('names the UK day of an instant and counts days back across months', () => {
    expect(ukDay(new Date('2013-06-30T23:30:00Z'))).toBe('2013-07-01');
    expect(ukDay(new Date('2013-01-31T23:30:00Z'))).toBe('2013-01-31');
    expect(daysBefore('2013-03-01', 30)).toBe('2013-01-30');
  });
});
