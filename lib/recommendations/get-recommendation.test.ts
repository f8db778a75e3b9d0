import { beforeAll, describe, expect, it } from 'vitest';
import type { Actor } from '@/lib/auth/session-user';
import { addComment } from '@/lib/comments/add-comment';
import { updateMeasureValue } from '@/lib/measures/update-measure-value';
import { updateMeasureValueSchema } from '@/lib/measures/measure.schema';
import { createCast } from '@/tests/support/factories';
import { createMeasure, createRecommendation } from '@/tests/support/evidence-factories';
import { getRecommendation, RECENT_HISTORY } from './get-recommendation';

let ownAgencyId: string;
let owner: Actor;
let reviewer: Actor;

beforeAll(async () => {
  ({ ownAgencyId, owner, reviewer } = await createCast());
});

describe('getRecommendation history', () => {
  it('shows the latest entries with the total, all of them on request, and every past measure value either way', async () => {
    const recommendation = await createRecommendation(ownAgencyId);
    const measure = await createMeasure(recommendation.id);
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
    expect(recent.measures[0]!.pastValues.map((past) => [past.value, past.note])).toEqual([
      [250, 'Now 250'],
      [100, 'Now 100'],
    ]);

    const full = await getRecommendation(owner, recommendation.id, { fullHistory: true });
    expect(full.historyTotal).toBe(RECENT_HISTORY + 7);
    expect(full.timeline).toHaveLength(RECENT_HISTORY + 7);
    expect(full.timeline.slice(0, RECENT_HISTORY)).toEqual(recent.timeline);
    expect(full.timeline.at(-1)).toMatchObject({ kind: 'measure.updated' });
    expect(full.measures).toEqual(recent.measures);
  });
});
