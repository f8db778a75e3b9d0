import { describe, expect, it } from 'vitest';
import { computeRag, measureProgress, type RagInput, STALL_DAYS } from './rag';

const d = (iso: string) => new Date(iso);
const base: RagInput = {
  status: 'IN_PROGRESS',
  dueDate: d('2013-03-31'),
  originalDueDate: d('2013-03-31'),
  startedAt: d('2012-09-27T10:00:00Z'),
  lastProgressAt: d('2012-11-01T10:00:00Z'),
  measures: [],
};

describe('measureProgress', () => {
  it('averages each measure capped at its target, ignoring measures without a target', () => {
    expect(measureProgress([])).toBeNull();
    expect(measureProgress([{ target: 4000, currentValue: 1500 }])).toBeCloseTo(0.375);
    expect(measureProgress([{ target: 100, currentValue: 150 }, { target: 100, currentValue: 50 }, { target: 0, currentValue: 3 }])).toBeCloseTo(0.75);
  });
});

describe('computeRag', () => {
  it('is green when on track', () => {
    expect(computeRag(base, d('2012-11-15'))).toEqual({ rating: 'GREEN', reasons: ['On track'], overridden: false });
  });

  it('is red when overdue', () => {
    const result = computeRag({ ...base, lastProgressAt: d('2013-03-30') }, d('2013-04-05'));
    expect(result.rating).toBe('RED');
    expect(result.reasons).toEqual(['Overdue since 31 March 2013']);
  });

  it('turns red at UK midnight, not UTC midnight, in summer time', () => {
    const summer = { ...base, dueDate: d('2026-07-01'), originalDueDate: d('2026-07-01'), startedAt: d('2026-06-01T09:00:00Z'), lastProgressAt: d('2026-07-01T09:00:00Z') };
    // 22:59 UTC on 1 July is 23:59 in London: still the due day.
    expect(computeRag(summer, d('2026-07-01T22:59:00Z')).rating).not.toBe('RED');
    // 23:30 UTC on 1 July is 00:30 on 2 July in London: overdue by a day.
    expect(computeRag(summer, d('2026-07-01T23:30:00Z'))).toMatchObject({ rating: 'RED', reasons: ['Overdue since 1 July 2026'] });
  });

  it('counts days without an update as UK calendar days', () => {
    // Last update 23:30 UTC on 31 May (1 June in London); 61 UK days later is 1 August.
    const input = { ...base, dueDate: d('2026-12-31'), originalDueDate: d('2026-12-31'), startedAt: d('2026-05-01T09:00:00Z'), lastProgressAt: d('2026-05-31T23:30:00Z') };
    expect(computeRag(input, d('2026-07-31T12:00:00Z')).reasons).not.toContain('No update for 61 days');
    expect(computeRag(input, d('2026-08-01T12:00:00Z')).reasons).toContain('No update for 61 days');
  });

  it(`is red when stalled for more than ${STALL_DAYS} days`, () => {
    const result = computeRag(base, d('2013-01-15'));
    expect(result.rating).toBe('RED');
    expect(result.reasons[0]).toMatch(/^No update for \d+ days$/);
  });

  it('is amber when the due date has moved', () => {
    const result = computeRag({ ...base, dueDate: d('2013-06-30') }, d('2012-11-15'));
    expect(result).toMatchObject({ rating: 'AMBER', reasons: ['Due date has moved'] });
  });

  it('is amber when measured progress lags the time elapsed', () => {
    const measures = [{ target: 4000, currentValue: 400 }];
    // Half the time gone (27 Sep to 31 Mar, mid-point about 29 Dec), 10% done.
    const result = computeRag({ ...base, measures, lastProgressAt: d('2012-12-20') }, d('2012-12-29'));
    expect(result.rating).toBe('AMBER');
    expect(result.reasons[0]).toMatch(/^Progress 10% with 5\d% of the time gone$/);
    // The same time, 45% done: within tolerance.
    expect(computeRag({ ...base, measures: [{ target: 100, currentValue: 45 }], lastProgressAt: d('2012-12-20') }, d('2012-12-29')).rating).toBe('GREEN');
  });

  it('treats not started as no progress', () => {
    const result = computeRag({ ...base, status: 'NOT_STARTED', lastProgressAt: d('2012-12-20') }, d('2012-12-29'));
    expect(result.rating).toBe('AMBER');
  });

  it('rates implemented green and closed recommendations not at all', () => {
    expect(computeRag({ ...base, status: 'IMPLEMENTED' }, d('2014-01-01')).rating).toBe('GREEN');
    for (const status of ['VERIFIED', 'NOT_ACCEPTED', 'SUPERSEDED'] as const) {
      expect(computeRag({ ...base, status, override: 'RED' }, d('2014-01-01'))).toEqual({ rating: null, reasons: [], overridden: false });
    }
  });

  it("lets a reviewer's override win, and says so", () => {
    const result = computeRag({ ...base, override: 'AMBER' }, d('2012-11-15'));
    expect(result).toEqual({ rating: 'AMBER', reasons: ['Set by a reviewer', 'On track'], overridden: true });
  });
});
