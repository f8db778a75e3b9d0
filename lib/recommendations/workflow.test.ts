import { describe, expect, it } from 'vitest';
import type { RecommendationStatus, Role } from '@/lib/generated/prisma/enums';
import { checkTransition, nextStatuses, type WorkflowContext } from './workflow';

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

// Everything a move could need is present, so only "who" and "which move" decide.
const satisfied = (role: Role, ownAgency: boolean): WorkflowContext => ({
  role,
  ownAgency,
  usableEvidenceCount: 1,
  acceptedEvidenceCount: 1,
  actorSubmittedEvidence: false,
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
            const result = checkTransition(from, to, satisfied(role, ownAgency));
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
    const ctx = { ...satisfied('OWNER', true), usableEvidenceCount: 0 };
    expect(checkTransition('IN_PROGRESS', 'IMPLEMENTED', ctx)).toEqual({
      allowed: false,
      reason: 'Add at least one piece of evidence before marking the recommendation as implemented',
    });
    expect(checkTransition('NOT_STARTED', 'IMPLEMENTED', ctx).allowed).toBe(false);
  });

  it('verified needs evidence a reviewer accepted', () => {
    const ctx = { ...satisfied('REVIEWER', false), acceptedEvidenceCount: 0 };
    const result = checkTransition('IMPLEMENTED', 'VERIFIED', ctx);
    expect(result.allowed).toBe(false);
    expect(!result.allowed && result.reason).toMatch(/accept at least one piece of evidence/);
  });

  it('nobody verifies their own work: a reviewer who submitted evidence cannot verify', () => {
    for (const role of ['REVIEWER', 'ADMIN'] as const) {
      const result = checkTransition('IMPLEMENTED', 'VERIFIED', { ...satisfied(role, true), actorSubmittedEvidence: true });
      expect(result.allowed).toBe(false);
      expect(!result.allowed && result.reason).toMatch(/another reviewer must verify/);
    }
  });

  it('explains who may make a move the user cannot', () => {
    const result = checkTransition('IMPLEMENTED', 'VERIFIED', satisfied('OWNER', true));
    expect(!result.allowed && result.reason).toBe('Only a reviewer can make this change');
  });
});

describe('nextStatuses', () => {
  it('lists the moves from a status with their checks', () => {
    const options = nextStatuses('IN_PROGRESS', { ...satisfied('OWNER', true), usableEvidenceCount: 0 });
    expect(options.map((o) => o.status)).toEqual(['IMPLEMENTED', 'NOT_ACCEPTED', 'SUPERSEDED']);
    expect(options.every((o) => !o.check.allowed)).toBe(true);
  });
});
