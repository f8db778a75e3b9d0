import { describe, expect, it } from 'vitest';
import type { RecommendationStatus } from '@/lib/generated/prisma/enums';
import type { RagResult } from '@/lib/recommendations/rag';
import { type ActionForRollUp, rolledUpRag, rolledUpStatus, rollUp } from './roll-up';

const day = (text: string) => new Date(`${text}T00:00:00Z`);

function action(reference: string, status: RecommendationStatus, fields: Partial<ActionForRollUp> = {}): ActionForRollUp {
  return {
    reference,
    status,
    ownerAgencyId: `agency-${reference}`,
    leadOfficerId: `lead-${reference}`,
    dueDate: day('2026-03-31'),
    originalDueDate: day('2026-03-31'),
    statusChangedAt: new Date('2026-01-01T10:00:00Z'),
    lastProgressAt: new Date('2026-01-01T10:00:00Z'),
    ...fields,
  };
}

describe("a recommendation's status follows from its actions", () => {
  // [the actions' statuses, the recommendation's]
  const table: [RecommendationStatus[], RecommendationStatus][] = [
    [['NOT_STARTED'], 'NOT_STARTED'],
    [['IN_PROGRESS'], 'IN_PROGRESS'],
    [['IMPLEMENTED'], 'IMPLEMENTED'],
    [['VERIFIED'], 'VERIFIED'],
    [['NOT_ACCEPTED'], 'NOT_ACCEPTED'],
    [['SUPERSEDED'], 'SUPERSEDED'],
    [['NOT_STARTED', 'NOT_STARTED'], 'NOT_STARTED'],
    [['NOT_STARTED', 'IN_PROGRESS'], 'IN_PROGRESS'],
    [['NOT_STARTED', 'IMPLEMENTED'], 'IN_PROGRESS'],
    [['NOT_STARTED', 'VERIFIED'], 'IN_PROGRESS'],
    [['IN_PROGRESS', 'VERIFIED'], 'IN_PROGRESS'],
    [['IMPLEMENTED', 'VERIFIED'], 'IMPLEMENTED'],
    [['IMPLEMENTED', 'IMPLEMENTED'], 'IMPLEMENTED'],
    [['VERIFIED', 'VERIFIED', 'VERIFIED'], 'VERIFIED'],
    // A reviewer's decision closes the unfinished actions; verified work stays verified.
    [['SUPERSEDED', 'VERIFIED'], 'SUPERSEDED'],
    [['NOT_ACCEPTED', 'NOT_ACCEPTED'], 'NOT_ACCEPTED'],
    [[], 'NOT_STARTED'],
  ];
  it.each(table)('%j -> %s', (statuses, expected) => {
    expect(rolledUpStatus(statuses.map((status) => ({ status })))).toBe(expected);
  });
});

describe("a recommendation's dates and lead follow from its actions", () => {
  it('is due when its last action is due, leads with its first action (by reference), and moved when the latest did', () => {
    const rolled = rollUp([
      action('10', 'IN_PROGRESS', { dueDate: day('2026-09-30'), originalDueDate: day('2026-06-30'), lastProgressAt: new Date('2026-02-01T09:00:00Z') }),
      action('2', 'NOT_STARTED', { dueDate: day('2026-05-31'), statusChangedAt: new Date('2026-01-05T09:00:00Z') }),
    ]);
    expect(rolled).toEqual({
      status: 'IN_PROGRESS',
      ownerAgencyId: 'agency-2',
      leadOfficerId: 'lead-2',
      dueDate: day('2026-09-30'),
      originalDueDate: day('2026-06-30'),
      statusChangedAt: new Date('2026-01-05T09:00:00Z'),
      lastProgressAt: new Date('2026-02-01T09:00:00Z'),
    });
  });

  it('has nothing to roll up without live actions', () => {
    expect(rollUp([])).toBeNull();
  });
});

describe("a recommendation's RAG is the worst of its open actions'", () => {
  const rag = (rating: RagResult['rating'], reasons: string[], overridden = false): RagResult => ({ rating, reasons, overridden });
  const item = (label: string, status: RecommendationStatus, result: RagResult) => ({ label, status, rag: result });

  it('names the actions behind the rating when there are several', () => {
    expect(
      rolledUpRag('IN_PROGRESS', [
        item('R3.1', 'IN_PROGRESS', rag('AMBER', ['Due date has moved'])),
        item('R3.2', 'NOT_STARTED', rag('RED', ['Overdue since 1 May 2026'])),
        item('R3.3', 'VERIFIED', rag(null, [])),
      ]),
    ).toEqual(rag('RED', ['R3.2: Overdue since 1 May 2026']));
  });

  it('says only the reason when there is one action', () => {
    expect(rolledUpRag('IN_PROGRESS', [item('R1.1', 'IN_PROGRESS', rag('GREEN', ['On track']))])).toEqual(rag('GREEN', ['On track']));
  });

  it('is overridden only when every action behind the worst rating is', () => {
    const rolled = rolledUpRag('IN_PROGRESS', [
      item('R3.1', 'IN_PROGRESS', rag('RED', ['Set by a reviewer'], true)),
      item('R3.2', 'IN_PROGRESS', rag('RED', ['No update for 61 days'])),
    ]);
    expect(rolled.rating).toBe('RED');
    expect(rolled.overridden).toBe(false);
  });

  it('is green while done work awaits verification, and none once closed', () => {
    expect(rolledUpRag('IMPLEMENTED', [item('R3.1', 'IMPLEMENTED', rag('GREEN', ['Implemented, awaiting verification']))]).rating).toBe('GREEN');
    expect(rolledUpRag('VERIFIED', [item('R3.1', 'VERIFIED', rag(null, []))])).toEqual(rag(null, []));
    expect(rolledUpRag('SUPERSEDED', [item('R3.1', 'IN_PROGRESS', rag('RED', ['x']))])).toEqual(rag(null, []));
  });
});
