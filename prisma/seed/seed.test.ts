import { describe, expect, it } from 'vitest';
import { db } from '@/lib/db';
import { seedDemoData } from './index';

async function countEverything() {
  const [agencies, users, reviews, findings, recommendations, measures, evidence, comments, events] = await Promise.all([
    db.agency.count(),
    db.user.count(),
    db.review.count(),
    db.finding.count(),
    db.recommendation.count(),
    db.measure.count(),
    db.evidence.count(),
    db.comment.count(),
    db.historyEvent.count(),
  ]);
  return { agencies, users, reviews, findings, recommendations, measures, evidence, comments, events };
}

describe('the demo seed', () => {
  it('loads the Rochdale review once, and a second run changes nothing', async () => {
    expect(await seedDemoData(db)).toEqual({ created: true });
    const first = await countEverything();
    const rochdale = await db.review.findUniqueOrThrow({ where: { id: 'review-rochdale-cse-2012' } });
    expect(rochdale.title).toMatch(/Rochdale/);
    expect(first.recommendations).toBeGreaterThanOrEqual(8);
    expect(first.reviews).toBe(4);
    expect(await db.user.groupBy({ by: ['role'], _count: { _all: true } })).toHaveLength(4);

    const latestEvent = await db.historyEvent.findFirst({ orderBy: { id: 'desc' } });
    expect(await seedDemoData(db)).toEqual({ created: false });
    expect(await countEverything()).toEqual(first);
    expect(await db.historyEvent.findFirst({ orderBy: { id: 'desc' } })).toEqual(latestEvent);
  });

  it('names people by role, never by a real name from the article', async () => {
    const names = (await db.user.findMany({ select: { name: true } })).map((u) => u.name).join(' ');
    for (const realName of ['Lynne Jones', 'Jim Taylor', 'Annette Anderson', 'Simon Danczuk', 'Richard Scorer']) {
      expect(names).not.toContain(realName);
    }
  });
});
