import { describe, expect, it } from 'vitest';
import { reviewStatusText } from './labels';

describe('reviewStatusText', () => {
  const day = new Date('2012-09-27T00:00:00Z');
  it('says when a published review was published, and otherwise its status (with the date when there is one)', () => {
    expect(reviewStatusText({ status: 'PUBLISHED', publishedOn: day })).toBe('Published 27 September 2012');
    expect(reviewStatusText({ status: 'PUBLISHED', publishedOn: null })).toBe('Published');
    expect(reviewStatusText({ status: 'CLOSED', publishedOn: day })).toBe('Closed, published 27 September 2012');
    expect(reviewStatusText({ status: 'PLANNED', publishedOn: null })).toBe('Planned');
  });
});
