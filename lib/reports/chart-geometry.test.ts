import { describe, expect, it } from 'vitest';
import {
  CHART_STATUS_ORDER,
  labelledIndices,
  linearScale,
  linePath,
  listInWords,
  niceTicks,
  progressSummary,
  spreadPoints,
  stackSegments,
  statusByAgencySummary,
} from './chart-geometry';
import { emptyStatusCounts, type Report } from './compute-report';

describe('linearScale', () => {
  it('maps 0..max onto the range, either way up', () => {
    expect(linearScale(10, 0, 200)(5)).toBe(100);
    expect(linearScale(10, 300, 100)(10)).toBe(100);
    expect(linearScale(10, 300, 100)(0)).toBe(300);
  });

  it('does not divide by zero when everything is zero', () => {
    expect(linearScale(0, 0, 200)(0)).toBe(0);
  });
});

describe('niceTicks', () => {
  it('counts in ones for small numbers', () => {
    expect(niceTicks(4)).toEqual([0, 1, 2, 3, 4]);
    expect(niceTicks(5)).toEqual([0, 1, 2, 3, 4, 5]);
  });

  it('uses round steps for larger numbers, reaching at least the maximum', () => {
    expect(niceTicks(6)).toEqual([0, 2, 4, 6]);
    expect(niceTicks(7)).toEqual([0, 2, 4, 6, 8]);
    expect(niceTicks(37)).toEqual([0, 10, 20, 30, 40]);
    expect(niceTicks(120)).toEqual([0, 50, 100, 150]);
    expect(niceTicks(1500)).toEqual([0, 500, 1000, 1500]);
  });

  it('still draws an axis for nothing', () => {
    expect(niceTicks(0)).toEqual([0, 1]);
  });
});

describe('stackSegments', () => {
  const scale = linearScale(10, 0, 100);

  it('lays values end to end and skips zeros', () => {
    const segments = stackSegments(
      [
        { key: 'a', value: 2 },
        { key: 'b', value: 0 },
        { key: 'c', value: 3 },
      ],
      scale,
      40,
    );
    expect(segments).toEqual([
      { key: 'a', value: 2, x: 40, width: 20 },
      { key: 'c', value: 3, x: 60, width: 30 },
    ]);
  });

  it('leaves a gap between neighbours', () => {
    const [first, second] = stackSegments(
      [
        { key: 'a', value: 5 },
        { key: 'b', value: 5 },
      ],
      scale,
      0,
      2,
    );
    expect(first).toMatchObject({ x: 0, width: 48 });
    expect(second).toMatchObject({ x: 50, width: 48 });
  });
});

describe('labelledIndices', () => {
  it('labels every point when there is room', () => {
    expect(labelledIndices(4, 8)).toEqual([0, 1, 2, 3]);
  });

  it('thins labels out, always keeping the latest', () => {
    expect(labelledIndices(12, 6)).toEqual([1, 3, 5, 7, 9, 11]);
    expect(labelledIndices(25, 7)).toEqual([0, 4, 8, 12, 16, 20, 24]);
    expect(labelledIndices(25, 7).length).toBeLessThanOrEqual(7);
    expect(labelledIndices(0, 7)).toEqual([]);
  });
});

describe('spreadPoints', () => {
  it('spaces points evenly from end to end', () => {
    expect(spreadPoints(3, 0, 100)).toEqual([0, 50, 100]);
  });

  it('centres a single point', () => {
    expect(spreadPoints(1, 0, 100)).toEqual([50]);
  });
});

describe('linePath', () => {
  it('moves to the first point and draws lines to the rest', () => {
    expect(
      linePath([
        { x: 0, y: 10 },
        { x: 33.333, y: 5.55 },
      ]),
    ).toBe('M0 10 L33.3 5.6');
  });
});

describe('words', () => {
  it('lists things in English', () => {
    expect(listInWords([])).toBe('');
    expect(listInWords(['a'])).toBe('a');
    expect(listInWords(['a', 'b'])).toBe('a and b');
    expect(listInWords(['a', 'b', 'c'])).toBe('a, b and c');
  });
});

describe('statusByAgencySummary', () => {
  const agency = (name: string, counts: Partial<ReturnType<typeof emptyStatusCounts>>): Report['byAgency'][number] => {
    const byStatus = { ...emptyStatusCounts(), ...counts };
    const total = Object.values(byStatus).reduce((sum, value) => sum + value, 0);
    return { agency: name, total, byStatus, overdue: 0, implementedPercent: 0 };
  };

  it('says in words what each bar shows, done first', () => {
    expect(
      statusByAgencySummary([agency("Children's social care", { NOT_STARTED: 1, IN_PROGRESS: 4, VERIFIED: 1 }), agency('Police', { SUPERSEDED: 1 })]),
    ).toBe(
      "There are 7 actions across 2 owner agencies. Children's social care owns 6 actions: 1 verified, 4 in progress and 1 not started. Police owns 1 action: 1 superseded.",
    );
  });

  it('orders the bars done, then open, then set aside, furthest along first', () => {
    expect(CHART_STATUS_ORDER).toEqual(['VERIFIED', 'IMPLEMENTED', 'IN_PROGRESS', 'NOT_STARTED', 'NOT_ACCEPTED', 'SUPERSEDED']);
  });
});

describe('progressSummary', () => {
  it('says how the counts moved from the first month to the last', () => {
    const summary = progressSummary([
      { month: '2012-09', implemented: 0, verified: 0 },
      { month: '2012-12', implemented: 6, verified: 1 },
      { month: '2013-03', implemented: 5, verified: 2 },
    ]);
    expect(summary).toContain('Implemented or verified rose from 0 in September 2012 to 5 in March 2013; verified rose from 0 to 2 over the same months.');
    expect(summary).toContain('peaked at 6 in December 2012');
  });

  it('says when nothing moved', () => {
    expect(
      progressSummary([
        { month: '2012-09', implemented: 0, verified: 0 },
        { month: '2012-10', implemented: 0, verified: 0 },
      ]),
    ).toMatch(/^Implemented or verified stayed at 0 from September 2012 to October 2012; verified stayed at 0 over the same months\./);
  });

  it('describes a single month, or none', () => {
    expect(progressSummary([{ month: '2012-09', implemented: 3, verified: 1 }])).toBe(
      'At the end of September 2012, 3 recommendations were implemented or verified, 1 of them verified.',
    );
    expect(progressSummary([])).toBe('There is no history to chart yet.');
  });
});
