import { beforeAll, describe, expect, it } from 'vitest';
import type { Actor } from '@/lib/auth/session-user';
import { addComment } from '@/lib/comments/add-comment';
import { updateMeasureValue } from '@/lib/measures/update-measure-value';
import { updateMeasureValueSchema } from '@/lib/measures/measure.schema';
import { createCast } from '@/tests/support/factories';
import { createMeasure, createRecommendation } from '@/tests/support/evidence-factories';
import { getRecommendation, RECENT_HISTORY } from './get-recommendation';
import { getAction } from '@/lib/actions/get-action';

let ownAgencyId: string;
let owner: Actor;
let reviewer: Actor;

beforeAll(async () => {
  ({ ownAgencyId, owner, reviewer } = await createCast());
});

describe('getRecommendation history', () => {
  it("shows the latest entries with the total, all of them on request; the action shows every past measure value either way", async () => {
    const recommendation = await createRecommendation(ownAgencyId);
    const measure = await createMeasure(recommendation.actionId);
    // The measure's first values, then enough comments to push them out of the latest entries.
    let version = measure.version;
    for (const value of [100, 250]) {
      ({ version } = await updateMeasureValue(owner, updateMeasureValueSchema.parse({ measureId: measure.id, version, currentValue: String(value), note: `Now ${value}` })));
    }
    for (let n = 1; n <= RECENT_HISTORY + 5; n++) await addComment(reviewer, { recommendationId: recommendation.id, body: `Comment ${n}` });

    const recent = await getRecommendation(owner, recommendation.id);
    expect(recent.historyTotal).toBe(RECENT_HISTORY + 7);
    expect(recent.timeline).toHaveLength(RECENT_HISTORY);
    // Newest first, comments with their bodies.
    expect(recent.timeline[0]).toMatchObject({ kind: 'comment.added', note: `Comment ${RECENT_HISTORY + 5}` });
    expect(recent.timeline.at(-1)).toMatchObject({ kind: 'comment.added', note: 'Comment 6' });

    const full = await getRecommendation(owner, recommendation.id, { fullHistory: true });
    expect(full.historyTotal).toBe(RECENT_HISTORY + 7);
    expect(full.timeline).toHaveLength(RECENT_HISTORY + 7);
    expect(full.timeline.slice(0, RECENT_HISTORY)).toEqual(recent.timeline);
    expect(full.timeline.at(-1)).toMatchObject({ kind: 'measure.updated' });

    // Measures are the action's: its page shows every past value, and its history, without the recommendation's comments.
    const action = await getAction(owner, recommendation.actionId);
    expect(action.measures[0]!.pastValues.map((past) => [past.value, past.note])).toEqual([
      [250, 'Now 250'],
      [100, 'Now 100'],
    ]);
    expect(action.historyTotal).toBe(2);
    expect(action.timeline.map((entry) => entry.kind)).toEqual(['measure.updated', 'measure.updated']);
    expect((await getAction(owner, recommendation.actionId, { fullHistory: true })).measures).toEqual(action.measures);
  });
});
