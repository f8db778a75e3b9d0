import { describe, expect, it } from 'vitest';
import { plural, reviewStatusText } from './labels';

describe('reviewStatusText', () => {
  const day = new Date('2012-09-27T00:00:00Z');
  it('says when a published review was published, and otherwise its status (with the date when there is one)', () => {
    expect(reviewStatusText({ status: 'PUBLISHED', publishedOn: day })).toBe('Published 27 September 2012');
    expect(reviewStatusText({ status: 'PUBLISHED', publishedOn: null })).toBe('Published');
    expect(reviewStatusText({ status: 'CLOSED', publishedOn: day })).toBe('Closed, published 27 September 2012');
    expect(reviewStatusText({ status: 'PLANNED', publishedOn: null })).toBe('Planned');
  });
});

describe('plural', () => {
  it('gives a count its noun, in the singular only for one', () => {
    expect(plural(1, 'day')).toBe('1 day');
    expect(plural(0, 'day')).toBe('0 days');
    expect(plural(1500, 'owner agency', 'owner agencies')).toBe('1,500 owner agencies');
  });
});
