import { describe, expect, it } from 'vitest';
import type { RecommendationStatus, Role } from '@/lib/generated/prisma/enums';
import { checkTransition, statusChoices, type WorkflowActor, type WorkflowRecommendation } from './workflow';

const STATUSES: RecommendationStatus[] = ['NOT_STARTED', 'IN_PROGRESS', 'IMPLEMENTED', 'VERIFIED', 'NOT_ACCEPTED', 'SUPERSEDED'];
const ROLES: Role[] = ['ADMIN', 'REVIEWER', 'OWNER', 'VIEWER'];

// Written out by hand from PRODUCT.md, not derived from the module under test:
// the moves that exist, and who may make them ('O' owner of the agency or reviewer, 'R' reviewer only).
const MOVES: Record<string, 'O' | 'R'> = {
  'NOT_STARTED>IN_PROGRESS': 'O',
  'NOT_STARTED>IMPLEMENTED': 'O',
  'NOT_STARTED>NOT_ACCEPTED': 'R',
  'NOT_STARTED>SUPERSEDED': 'R',
  'IN_PROGRESS>IMPLEMENTED': 'O',
  'IN_PROGRESS>NOT_ACCEPTED': 'R',
  'IN_PROGRESS>SUPERSEDED': 'R',
  'IMPLEMENTED>IN_PROGRESS': 'R',
  'IMPLEMENTED>VERIFIED': 'R',
  'IMPLEMENTED>SUPERSEDED': 'R',
  'VERIFIED>IN_PROGRESS': 'R',
  'NOT_ACCEPTED>NOT_STARTED': 'R',
  'SUPERSEDED>NOT_STARTED': 'R',
};

const ME = 'user-me';
const actor = (role: Role): WorkflowActor => ({ id: ME, role, agencyId: 'mine' });
// Everything a move could need is present (evidence accepted, submitted by someone else), so only "who" and "which move" decide.
const satisfied = (status: RecommendationStatus, ownAgency: boolean): WorkflowRecommendation => ({
  status,
  ownerAgencyId: ownAgency ? 'mine' : 'theirs',
  evidence: [{ assessment: 'ACCEPTED', submittedById: 'someone-else' }],
});

describe('checkTransition: every (from, to, role) combination', () => {
  for (const from of STATUSES) {
    for (const to of STATUSES) {
      for (const role of ROLES) {
        for (const ownAgency of [true, false]) {
          const move = MOVES[`${from}>${to}`];
          const expected =
            move !== undefined &&
            (role === 'ADMIN' || role === 'REVIEWER' || (move === 'O' && role === 'OWNER' && ownAgency));
          it(`${from} -> ${to} by ${role} (${ownAgency ? 'own' : 'other'} agency): ${expected ? 'allowed' : 'refused'}`, () => {
            const result = checkTransition(satisfied(from, ownAgency), to, actor(role));
            expect(result.allowed).toBe(expected);
            if (!result.allowed) expect(result.reason).toMatch(/\w/);
          });
        }
      }
    }
  }
});

describe('what a move needs', () => {
  it('implemented needs at least one usable piece of evidence', () => {
    const none = { ...satisfied('IN_PROGRESS', true), evidence: [] };
    expect(checkTransition(none, 'IMPLEMENTED', actor('OWNER'))).toEqual({
      allowed: false,
      reason: 'Add at least one piece of evidence before marking the recommendation as implemented',
    });
    const insufficient = { ...none, evidence: [{ assessment: 'INSUFFICIENT' as const, submittedById: ME }] };
    expect(checkTransition(insufficient, 'IMPLEMENTED', actor('OWNER')).allowed).toBe(false);
    expect(checkTransition({ ...none, status: 'NOT_STARTED' }, 'IMPLEMENTED', actor('OWNER')).allowed).toBe(false);
  });

  it('verified needs evidence a reviewer accepted', () => {
    const pending = { ...satisfied('IMPLEMENTED', false), evidence: [{ assessment: 'PENDING' as const, submittedById: 'someone-else' }] };
    const result = checkTransition(pending, 'VERIFIED', actor('REVIEWER'));
    expect(!result.allowed && result.reason).toMatch(/accept at least one piece of evidence/);
  });

  it('nobody verifies their own work: a reviewer who submitted any of the evidence cannot verify', () => {
    const own = { ...satisfied('IMPLEMENTED', true), evidence: [{ assessment: 'ACCEPTED' as const, submittedById: 'someone-else' }, { assessment: 'INSUFFICIENT' as const, submittedById: ME }] };
    for (const role of ['REVIEWER', 'ADMIN'] as const) {
      const result = checkTransition(own, 'VERIFIED', actor(role));
      expect(!result.allowed && result.reason).toMatch(/another reviewer must verify/);
    }
  });

  it('says who may make a move the user cannot', () => {
    expect(checkTransition(satisfied('IMPLEMENTED', true), 'VERIFIED', actor('OWNER'))).toEqual({
      allowed: false,
      reason: 'A reviewer verifies it',
      missing: 'recommendation:decide',
    });
    expect(checkTransition(satisfied('IN_PROGRESS', true), 'NOT_ACCEPTED', actor('OWNER'))).toEqual({
      allowed: false,
      reason: 'A reviewer decides this, with a rationale',
      missing: 'recommendation:decide',
    });
    expect(checkTransition(satisfied('IN_PROGRESS', false), 'IMPLEMENTED', actor('OWNER'))).toEqual({
      allowed: false,
      reason: 'Only the owning agency or a reviewer can make this change',
      missing: 'recommendation:update-progress',
    });
  });
});

describe('statusChoices: what the status control offers, and why not the rest', () => {
  const noEvidence = (status: RecommendationStatus): WorkflowRecommendation => ({ status, ownerAgencyId: 'mine', evidence: [] });
  const cases: [string, WorkflowRecommendation, WorkflowActor, RecommendationStatus[], [RecommendationStatus, string][]][] = [
    ['an owner, not started, no evidence', noEvidence('NOT_STARTED'), actor('OWNER'), ['IN_PROGRESS'], [
      ['IMPLEMENTED', 'Add at least one piece of evidence before marking the recommendation as implemented'],
      ['NOT_ACCEPTED', 'A reviewer decides this, with a rationale'],
      ['SUPERSEDED', 'A reviewer decides this, with a rationale'],
    ]],
    ['an owner, in progress, with evidence', satisfied('IN_PROGRESS', true), actor('OWNER'), ['IMPLEMENTED'], [
      ['NOT_ACCEPTED', 'A reviewer decides this, with a rationale'],
      ['SUPERSEDED', 'A reviewer decides this, with a rationale'],
    ]],
    ['an owner, verified: not offered "In progress"', satisfied('VERIFIED', true), actor('OWNER'), [], [['IN_PROGRESS', 'A reviewer reopens it']]],
    ['an owner, implemented', satisfied('IMPLEMENTED', true), actor('OWNER'), [], [
      ['IN_PROGRESS', 'A reviewer sends it back when the evidence falls short'],
      ['VERIFIED', 'A reviewer verifies it'],
      ['SUPERSEDED', 'A reviewer decides this, with a rationale'],
    ]],
    ['a reviewer, implemented, evidence accepted', satisfied('IMPLEMENTED', false), actor('REVIEWER'), ['IN_PROGRESS', 'VERIFIED', 'SUPERSEDED'], []],
    ['a reviewer who submitted evidence, implemented', { ...satisfied('IMPLEMENTED', false), evidence: [{ assessment: 'ACCEPTED', submittedById: ME }] }, actor('REVIEWER'), ['IN_PROGRESS', 'SUPERSEDED'], [
      ['VERIFIED', 'You submitted evidence for this recommendation, so another reviewer must verify it'],
    ]],
    ['a reviewer, not accepted', satisfied('NOT_ACCEPTED', false), actor('REVIEWER'), ['NOT_STARTED'], []],
  ];
  for (const [name, recommendation, who, offered, notOffered] of cases) {
    it(name, () => {
      const choices = statusChoices(recommendation, who);
      expect(choices.offered).toEqual(offered);
      expect(choices.notOffered.map(({ status, reason }) => [status, reason])).toEqual(notOffered);
      // The control offers exactly what the server allows.
      for (const status of STATUSES) {
        expect(checkTransition(recommendation, status, who).allowed).toBe(offered.includes(status));
      }
    });
  }
});
