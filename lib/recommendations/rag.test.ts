import { describe, expect, it } from 'vitest';
import { computeRag, daysOverdue, isOverdue, measureProgress, type RagInput, STALL_DAYS } from './rag';

const d = (iso: string) => new Date(iso);
const base: RagInput = {
  status: 'IN_PROGRESS',
  dueDate: d('2013-03-31'),
  originalDueDate: d('2013-03-31'),
  startedAt: d('2012-09-27T10:00:00Z'),
  lastProgressAt: d('2012-11-01T10:00:00Z'),
  measures: [],
};

describe('isOverdue and daysOverdue', () => {
  it('counts only open work past its due date', () => {
    expect(isOverdue('IN_PROGRESS', d('2013-03-31'), d('2013-03-31T23:59:00Z'))).toBe(false);
    expect(isOverdue('IN_PROGRESS', d('2013-03-31'), d('2013-04-01T00:00:01Z'))).toBe(true);
    expect(isOverdue('NOT_STARTED', d('2013-03-31'), d('2013-04-10T00:00:00Z'))).toBe(true);
    for (const status of ['IMPLEMENTED', 'VERIFIED', 'NOT_ACCEPTED', 'SUPERSEDED'] as const) {
      expect(isOverdue(status, d('2013-03-31'), d('2014-01-01'))).toBe(false);
    }
    expect(daysOverdue('IN_PROGRESS', d('2013-03-31'), d('2013-04-10T15:00:00Z'))).toBe(10);
    expect(daysOverdue('VERIFIED', d('2013-03-31'), d('2013-04-10'))).toBe(0);
  });
});

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
    expect(result.reasons).toEqual(['Overdue by 5 days']);
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
