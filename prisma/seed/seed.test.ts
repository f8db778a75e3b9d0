import { beforeAll, describe, expect, it } from 'vitest';
import { describeEvent } from '@/lib/audit/describe-event';
import { readEvent } from '@/lib/audit/event-catalogue';
import { db } from '@/lib/db';
import { replay } from '@/lib/reports/replay';
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

describe('the demo history', () => {
  beforeAll(async () => {
    await seedDemoData(db);
  });

  it('reads through the event catalogue, every event of it', async () => {
    const events = await db.historyEvent.findMany({ orderBy: { id: 'asc' } });
    expect(events.length).toBeGreaterThan(80);
    for (const event of events) expect(() => readEvent(event)).not.toThrow();
  });

  it('names every assessed piece of evidence on the timeline', async () => {
    const assessed = await db.historyEvent.findMany({ where: { kind: 'evidence.assessed' }, include: { actor: true } });
    expect(assessed.length).toBeGreaterThanOrEqual(6);
    for (const event of assessed) {
      const evidence = await db.evidence.findUniqueOrThrow({ where: { id: event.subjectId } });
      expect(describeEvent({ ...event, actorName: event.actor!.name })).toBe(
        `${event.actor!.name} assessed evidence "${evidence.title}" as ${evidence.assessment === 'ACCEPTED' ? 'Accepted' : 'Insufficient'}`,
      );
    }
  });

  it('has rows that are exactly what replaying its history gives', async () => {
    const events = await db.historyEvent.findMany({ orderBy: { id: 'asc' } });
    const state = replay(events, new Date());
    const recommendations = await db.recommendation.findMany({ include: { findings: { select: { id: true } } } });
    expect(recommendations.length).toBe(state.recommendations.size);
    for (const row of recommendations) {
      const replayed = state.recommendations.get(row.id)!;
      expect({
        status: row.status,
        dueDate: row.dueDate,
        originalDueDate: row.originalDueDate,
        dueDateChangeReason: row.dueDateChangeReason,
        statusChangedAt: row.statusChangedAt,
        lastProgressAt: row.lastProgressAt,
        progressNote: row.progressNote,
        version: row.version,
        updatedAt: row.updatedAt,
        findingIds: row.findings.map((f) => f.id).sort(),
      }).toEqual({
        status: replayed.status,
        dueDate: replayed.dueDate,
        originalDueDate: replayed.originalDueDate,
        dueDateChangeReason: replayed.dueDateChangeReason,
        statusChangedAt: replayed.statusChangedAt,
        lastProgressAt: replayed.lastProgressAt,
        progressNote: replayed.latestNote,
        version: replayed.version,
        updatedAt: replayed.updatedAt,
        findingIds: [...replayed.findingIds].sort(),
      });
    }
    for (const row of await db.measure.findMany()) {
      expect({ value: row.currentValue.toNumber(), version: row.version }).toEqual({
        value: state.measures.get(row.id)!.currentValue,
        version: state.measures.get(row.id)!.version,
      });
    }
    for (const row of await db.evidence.findMany()) {
      const replayed = state.evidence.get(row.id)!;
      expect([row.assessment, row.assessedById, row.assessedAt, row.assessmentComment, row.version]).toEqual([
        replayed.assessment,
        replayed.assessedById,
        replayed.assessedAt,
        replayed.assessmentComment,
        replayed.version,
      ]);
    }
  });
});
