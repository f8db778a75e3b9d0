import { describe, expect, it } from 'vitest';
import type { RecommendationStatus } from '@/lib/generated/prisma/enums';
import { type FindingStatus, findingStatus } from './finding-status';

// Written out by hand from PRODUCT.md (and the decision documented in finding-status.ts).
const CASES: [RecommendationStatus[], FindingStatus][] = [
  [[], 'UNANSWERED'],
  [['NOT_STARTED'], 'OPEN'],
  [['NOT_STARTED', 'NOT_STARTED'], 'OPEN'],
  [['IN_PROGRESS'], 'BEING_ADDRESSED'],
  [['IMPLEMENTED'], 'BEING_ADDRESSED'],
  [['NOT_STARTED', 'IN_PROGRESS'], 'BEING_ADDRESSED'],
  [['NOT_STARTED', 'VERIFIED'], 'BEING_ADDRESSED'],
  [['IMPLEMENTED', 'VERIFIED'], 'BEING_ADDRESSED'],
  [['VERIFIED'], 'ADDRESSED'],
  [['VERIFIED', 'VERIFIED'], 'ADDRESSED'],
  [['VERIFIED', 'NOT_ACCEPTED'], 'ADDRESSED'],
  [['VERIFIED', 'SUPERSEDED'], 'ADDRESSED'],
  // Closed without any work done: not addressed (see the decision in finding-status.ts).
  [['NOT_ACCEPTED'], 'OPEN'],
  [['SUPERSEDED'], 'OPEN'],
  [['NOT_ACCEPTED', 'SUPERSEDED'], 'OPEN'],
  [['NOT_ACCEPTED', 'NOT_STARTED'], 'OPEN'],
  [['SUPERSEDED', 'IN_PROGRESS'], 'BEING_ADDRESSED'],
];

describe('findingStatus', () => {
  for (const [statuses, expected] of CASES) {
    it(`[${statuses.join(', ') || 'no recommendations'}] -> ${expected}`, () => {
      expect(findingStatus(statuses)).toBe(expected);
    });
  }

  it('does not depend on the order of the recommendations', () => {
    for (const [statuses, expected] of CASES) {
      expect(findingStatus([...statuses].reverse())).toBe(expected);
    }
  });
});
