import { describe, expect, it } from 'vitest';
import type { Role } from '@/lib/generated/prisma/enums';
import { type Action, can } from './permissions';

const OWN = { ownerAgencyId: 'mine' };
const OTHER = { ownerAgencyId: 'theirs' };
const user = (role: Role) => ({ role, agencyId: 'mine' });

// PRODUCT.md's role table, action by action.
const EXPECTED: Record<Action, Record<Role, [own: boolean, other: boolean]>> = {
  'review:read': { ADMIN: [true, true], REVIEWER: [true, true], OWNER: [true, true], VIEWER: [true, true] },
  'report:read': { ADMIN: [true, true], REVIEWER: [true, true], OWNER: [true, true], VIEWER: [true, true] },
  'review:create': { ADMIN: [true, true], REVIEWER: [true, true], OWNER: [false, false], VIEWER: [false, false] },
  'review:edit': { ADMIN: [true, true], REVIEWER: [true, true], OWNER: [false, false], VIEWER: [false, false] },
  'finding:edit': { ADMIN: [true, true], REVIEWER: [true, true], OWNER: [false, false], VIEWER: [false, false] },
  'recommendation:edit': { ADMIN: [true, true], REVIEWER: [true, true], OWNER: [false, false], VIEWER: [false, false] },
  'recommendation:assign-owner': { ADMIN: [true, true], REVIEWER: [true, true], OWNER: [false, false], VIEWER: [false, false] },
  'recommendation:change-due-date': { ADMIN: [true, true], REVIEWER: [true, true], OWNER: [false, false], VIEWER: [false, false] },
  'recommendation:override-rag': { ADMIN: [true, true], REVIEWER: [true, true], OWNER: [false, false], VIEWER: [false, false] },
  'recommendation:decide': { ADMIN: [true, true], REVIEWER: [true, true], OWNER: [false, false], VIEWER: [false, false] },
  'evidence:assess': { ADMIN: [true, true], REVIEWER: [true, true], OWNER: [false, false], VIEWER: [false, false] },
  'recommendation:update-progress': { ADMIN: [true, true], REVIEWER: [true, true], OWNER: [true, false], VIEWER: [false, false] },
  'evidence:submit': { ADMIN: [true, true], REVIEWER: [true, true], OWNER: [true, false], VIEWER: [false, false] },
  'comment:add': { ADMIN: [true, true], REVIEWER: [true, true], OWNER: [true, false], VIEWER: [false, false] },
  'user:manage': { ADMIN: [true, true], REVIEWER: [false, false], OWNER: [false, false], VIEWER: [false, false] },
  'notice-rules:edit': { ADMIN: [true, true], REVIEWER: [false, false], OWNER: [false, false], VIEWER: [false, false] },
  'agency:manage': { ADMIN: [true, true], REVIEWER: [false, false], OWNER: [false, false], VIEWER: [false, false] },
  'plan:import': { ADMIN: [true, true], REVIEWER: [true, true], OWNER: [false, false], VIEWER: [false, false] },
  'outbox:manage': { ADMIN: [true, true], REVIEWER: [false, false], OWNER: [false, false], VIEWER: [false, false] },
  'own-notice-email:choose': { ADMIN: [true, true], REVIEWER: [true, true], OWNER: [true, true], VIEWER: [true, true] },
};

describe('can', () => {
  for (const [action, byRole] of Object.entries(EXPECTED) as [Action, Record<Role, [boolean, boolean]>][]) {
    for (const [role, [own, other]] of Object.entries(byRole) as [Role, [boolean, boolean]][]) {
      it(`${role} ${own ? 'may' : 'may not'} ${action} on their own agency's record, and ${other ? 'may' : 'may not'} on another's`, () => {
        expect(can(user(role), action, OWN)).toBe(own);
        expect(can(user(role), action, OTHER)).toBe(other);
      });
    }
  }

  it('gives an owner nothing agency-scoped without the record to check', () => {
    expect(can(user('OWNER'), 'evidence:submit')).toBe(false);
  });

  it("judges an action by its own agency, whichever agency leads its recommendation (decision 0015)", () => {
    // What lib/actions passes: the action, with its recommendation's lead beside it.
    const ownActionOfTheirs = { ownerAgencyId: 'mine', recommendation: { ownerAgencyId: 'theirs' } };
    const theirActionOfMine = { ownerAgencyId: 'theirs', recommendation: { ownerAgencyId: 'mine' } };
    for (const action of ['recommendation:update-progress', 'evidence:submit'] as const) {
      expect(can(user('OWNER'), action, ownActionOfTheirs)).toBe(true);
      expect(can(user('OWNER'), action, theirActionOfMine)).toBe(false);
    }
  });
});
