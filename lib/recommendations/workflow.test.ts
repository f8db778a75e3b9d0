import { describe, expect, it } from 'vitest';
import type { RecommendationStatus, Role } from '@/lib/generated/prisma/enums';
import { checkTransition, statusChoices, type WorkflowActor, type WorkflowLevel, type WorkflowRecommendation } from './workflow';

const STATUSES: RecommendationStatus[] = ['NOT_STARTED', 'IN_PROGRESS', 'IMPLEMENTED', 'VERIFIED', 'NOT_ACCEPTED', 'SUPERSEDED'];
const ROLES: Role[] = ['ADMIN', 'REVIEWER', 'OWNER', 'VIEWER'];

// Written out by hand from PRODUCT.md, not derived from the module under test:
// the moves that exist, and who may make them ('O' owner of the agency or reviewer, 'R' reviewer only).
// A move is made on an action, except a reviewer's decision on the whole
// recommendation: setting it aside (not accepted, superseded) or reopening it
// after that ('D' below, decision 0015).
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
const DECISIONS = new Set([
  'NOT_STARTED>NOT_ACCEPTED',
  'NOT_STARTED>SUPERSEDED',
  'IN_PROGRESS>NOT_ACCEPTED',
  'IN_PROGRESS>SUPERSEDED',
  'IMPLEMENTED>SUPERSEDED',
  'NOT_ACCEPTED>NOT_STARTED',
  'SUPERSEDED>NOT_STARTED',
]);
const LEVELS: WorkflowLevel[] = ['action', 'recommendation'];

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
          for (const level of LEVELS) {
            const move = MOVES[`${from}>${to}`];
            const atLevel = DECISIONS.has(`${from}>${to}`) ? 'recommendation' : 'action';
            const expected =
              move !== undefined &&
              level === atLevel &&
              (role === 'ADMIN' || role === 'REVIEWER' || (move === 'O' && role === 'OWNER' && ownAgency));
            it(`${from} -> ${to} on the ${level} by ${role} (${ownAgency ? 'own' : 'other'} agency): ${expected ? 'allowed' : 'refused'}`, () => {
              const result = checkTransition(satisfied(from, ownAgency), to, actor(role), level);
              expect(result.allowed).toBe(expected);
              if (!result.allowed) expect(result.reason).toMatch(/\w/);
            });
          }
        }
      }
    }
  }
});

describe('what a move needs', () => {
  it('implemented needs at least one usable piece of evidence', () => {
    const none = { ...satisfied('IN_PROGRESS', true), evidence: [] };
    expect(checkTransition(none, 'IMPLEMENTED', actor('OWNER'), 'action')).toEqual({
      allowed: false,
      reason: 'Add at least one piece of evidence before marking the action as implemented',
    });
    const insufficient = { ...none, evidence: [{ assessment: 'INSUFFICIENT' as const, submittedById: ME }] };
    expect(checkTransition(insufficient, 'IMPLEMENTED', actor('OWNER'), 'action').allowed).toBe(false);
    expect(checkTransition({ ...none, status: 'NOT_STARTED' }, 'IMPLEMENTED', actor('OWNER'), 'action').allowed).toBe(false);
  });

  it('verified needs evidence a reviewer accepted', () => {
    const pending = { ...satisfied('IMPLEMENTED', false), evidence: [{ assessment: 'PENDING' as const, submittedById: 'someone-else' }] };
    const result = checkTransition(pending, 'VERIFIED', actor('REVIEWER'), 'action');
    expect(!result.allowed && result.reason).toMatch(/accept at least one piece of evidence/);
  });

  it('nobody verifies their own work: a reviewer who submitted any of the evidence cannot verify', () => {
    const own = { ...satisfied('IMPLEMENTED', true), evidence: [{ assessment: 'ACCEPTED' as const, submittedById: 'someone-else' }, { assessment: 'INSUFFICIENT' as const, submittedById: ME }] };
    for (const role of ['REVIEWER', 'ADMIN'] as const) {
      const result = checkTransition(own, 'VERIFIED', actor(role), 'action');
      expect(!result.allowed && result.reason).toMatch(/another reviewer must verify/);
    }
  });

  it('says who may make a move the user cannot', () => {
    expect(checkTransition(satisfied('IMPLEMENTED', true), 'VERIFIED', actor('OWNER'), 'action')).toEqual({
      allowed: false,
      reason: 'A reviewer verifies it',
      missing: 'recommendation:decide',
    });
    expect(checkTransition(satisfied('IN_PROGRESS', true), 'NOT_ACCEPTED', actor('OWNER'), 'recommendation')).toEqual({
      allowed: false,
      reason: 'A reviewer decides this, with a rationale',
      missing: 'recommendation:decide',
    });
    expect(checkTransition(satisfied('IN_PROGRESS', false), 'IMPLEMENTED', actor('OWNER'), 'action')).toEqual({
      allowed: false,
      reason: 'Only the owning agency or a reviewer can make this change',
      missing: 'recommendation:update-progress',
    });
  });
});

describe('where a move is made', () => {
  it('refuses a work move on the recommendation: its status follows from its actions', () => {
    for (const [from, to] of [['NOT_STARTED', 'IN_PROGRESS'], ['IN_PROGRESS', 'IMPLEMENTED'], ['IMPLEMENTED', 'VERIFIED'], ['VERIFIED', 'IN_PROGRESS']] as const) {
      expect(checkTransition(satisfied(from, true), to, actor('REVIEWER'), 'recommendation')).toEqual({
        allowed: false,
        reason: 'A recommendation follows from its actions: change the status of each action',
      });
    }
  });

  it('refuses a decision on one action: a reviewer sets the whole recommendation aside', () => {
    for (const [from, to] of [['IN_PROGRESS', 'NOT_ACCEPTED'], ['IMPLEMENTED', 'SUPERSEDED'], ['SUPERSEDED', 'NOT_STARTED']] as const) {
      expect(checkTransition(satisfied(from, true), to, actor('REVIEWER'), 'action')).toEqual({
        allowed: false,
        reason: 'A reviewer sets the whole recommendation aside (or reopens it) on the recommendation',
      });
    }
  });

  it('names the level in its other refusals', () => {
    expect(checkTransition(satisfied('IN_PROGRESS', true), 'IN_PROGRESS', actor('REVIEWER'), 'action')).toEqual({ allowed: false, reason: 'The action already has that status' });
    expect(checkTransition(satisfied('VERIFIED', true), 'NOT_STARTED', actor('REVIEWER'), 'recommendation')).toEqual({
      allowed: false,
      reason: 'A recommendation cannot move from Verified to Not started',
    });
  });
});

describe('statusChoices: what the status control offers, and why not the rest', () => {
  const noEvidence = (status: RecommendationStatus): WorkflowRecommendation => ({ status, ownerAgencyId: 'mine', evidence: [] });
  const cases: [string, WorkflowLevel, WorkflowRecommendation, WorkflowActor, RecommendationStatus[], [RecommendationStatus, string][]][] = [
    ['an owner, action not started, no evidence', 'action', noEvidence('NOT_STARTED'), actor('OWNER'), ['IN_PROGRESS'], [
      ['IMPLEMENTED', 'Add at least one piece of evidence before marking the action as implemented'],
    ]],
    ['an owner, recommendation not started: the decisions are a reviewer\'s', 'recommendation', noEvidence('NOT_STARTED'), actor('OWNER'), [], [
      ['NOT_ACCEPTED', 'A reviewer decides this, with a rationale'],
      ['SUPERSEDED', 'A reviewer decides this, with a rationale'],
    ]],
    ['an owner, action in progress, with evidence', 'action', satisfied('IN_PROGRESS', true), actor('OWNER'), ['IMPLEMENTED'], []],
    ['an owner, action verified: not offered "In progress"', 'action', satisfied('VERIFIED', true), actor('OWNER'), [], [['IN_PROGRESS', 'A reviewer reopens it']]],
    ['an owner, action implemented', 'action', satisfied('IMPLEMENTED', true), actor('OWNER'), [], [
      ['IN_PROGRESS', 'A reviewer sends it back when the evidence falls short'],
      ['VERIFIED', 'A reviewer verifies it'],
    ]],
    ['a reviewer, action implemented, evidence accepted', 'action', satisfied('IMPLEMENTED', false), actor('REVIEWER'), ['IN_PROGRESS', 'VERIFIED'], []],
    ['a reviewer, recommendation implemented', 'recommendation', satisfied('IMPLEMENTED', false), actor('REVIEWER'), ['SUPERSEDED'], []],
    ['a reviewer who submitted evidence, action implemented', 'action', { ...satisfied('IMPLEMENTED', false), evidence: [{ assessment: 'ACCEPTED', submittedById: ME }] }, actor('REVIEWER'), ['IN_PROGRESS'], [
      ['VERIFIED', 'You submitted evidence for this action, so another reviewer must verify it'],
    ]],
    ['a reviewer, recommendation not accepted', 'recommendation', satisfied('NOT_ACCEPTED', false), actor('REVIEWER'), ['NOT_STARTED'], []],
    ['a reviewer, recommendation in progress', 'recommendation', satisfied('IN_PROGRESS', false), actor('REVIEWER'), ['NOT_ACCEPTED', 'SUPERSEDED'], []],
  ];
  for (const [name, level, recommendation, who, offered, notOffered] of cases) {
    it(name, () => {
      const choices = statusChoices(recommendation, who, level);
      expect(choices.offered).toEqual(offered);
      expect(choices.notOffered.map(({ status, reason }) => [status, reason])).toEqual(notOffered);
      // The control offers exactly what the server allows, at this level.
      for (const status of STATUSES) {
        expect(checkTransition(recommendation, status, who, level).allowed).toBe(offered.includes(status));
      }
    });
  }
});
