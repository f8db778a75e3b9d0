import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { type ChainContent, canonicalEvent, canonicalJson, eventHash } from './chain';

const content: ChainContent = {
  occurredAt: new Date('2026-11-27T09:30:00.123Z'),
  actorId: 'user-1',
  subjectType: 'recommendation',
  subjectId: 'rec-1',
  subjectVersion: 2,
  kind: 'recommendation.status_changed',
  before: { status: 'NOT_STARTED' },
  after: { status: 'IN_PROGRESS' },
  note: 'Training booked',
  reviewId: 'review-1',
  recommendationId: 'rec-1',
};

// Written out by hand (and checked with `printf ... | sha256sum`), so that the
// format is pinned independently of the code that produces it.
const CANONICAL =
  'followthrough.history.v1\n' +
  '{"actorId":"user-1","after":{"status":"IN_PROGRESS"},"before":{"status":"NOT_STARTED"},' +
  '"kind":"recommendation.status_changed","note":"Training booked","occurredAt":"2026-11-27T09:30:00.123Z",' +
  '"prevHash":null,"recommendationId":"rec-1","reviewId":"review-1","subjectId":"rec-1",' +
  '"subjectType":"recommendation","subjectVersion":2}';
const HASH = '17e1cee3b72128c918c2ba4456303d12d5959bc4fd9bfa0fbde1ae5e909b0224';

describe('the history hash chain', () => {
  it('matches the known vector', () => {
    expect(canonicalEvent(null, content)).toBe(CANONICAL);
    expect(eventHash(null, content)).toBe(HASH);
    const next = eventHash(HASH, { ...content, subjectVersion: 3, note: 'Second' });
    expect(next).toBe(createHash('sha256').update(canonicalEvent(HASH, { ...content, subjectVersion: 3, note: 'Second' })).digest('hex'));
    expect(next).toMatch(/^[0-9a-f]{64}$/);
  });

  it('does not depend on the order of keys, at any depth', () => {
    const a = { ...content, after: { status: 'IN_PROGRESS', nested: { b: 1, a: [{ y: 2, x: 1 }] } } };
    const b = { ...content, after: { nested: { a: [{ x: 1, y: 2 }], b: 1 }, status: 'IN_PROGRESS' } };
    const reordered = Object.fromEntries(Object.entries(a).reverse()) as ChainContent;
    expect(eventHash('p', a)).toBe(eventHash('p', b));
    expect(eventHash('p', reordered)).toBe(eventHash('p', a));
    expect(canonicalJson({ b: 1, a: { d: 2, c: 3 } })).toBe('{"a":{"c":3,"d":2},"b":1}');
  });

  it('changes when any field, or the previous hash, changes', () => {
    const base = eventHash(HASH, content);
    const changes: Partial<ChainContent>[] = [
      { occurredAt: new Date('2026-11-27T09:30:00.124Z') },
      { actorId: 'user-2' },
      { actorId: null },
      { subjectType: 'measure' },
      { subjectId: 'rec-2' },
      { subjectVersion: 3 },
      { subjectVersion: null },
      { kind: 'recommendation.progress_updated' },
      { before: { status: 'IN_PROGRESS' } },
      { before: null },
      { after: { status: 'IN_PROGRESS', extra: null } },
      { after: { status: 'IMPLEMENTED' } },
      { note: 'Training booked.' },
      { note: null },
      { reviewId: 'review-2' },
      { reviewId: null },
      { recommendationId: null },
    ];
    const hashes = new Set([base]);
    for (const change of changes) hashes.add(eventHash(HASH, { ...content, ...change }));
    expect(hashes.size).toBe(changes.length + 1);
    expect(eventHash(null, content)).not.toBe(base);
    expect(eventHash('0'.repeat(64), content)).not.toBe(base);
  });

  it('keeps values of different types apart', () => {
    expect(eventHash(null, { ...content, note: 'null' })).not.toBe(eventHash(null, { ...content, note: null }));
    expect(eventHash(null, { ...content, after: { value: '1' } })).not.toBe(eventHash(null, { ...content, after: { value: 1 } }));
    expect(eventHash(null, { ...content, after: [1, 2] })).not.toBe(eventHash(null, { ...content, after: [2, 1] }));
  });

  it('hashes what PostgreSQL stores and gives back', () => {
    // jsonb gives back what JSON.stringify sent, keys in its own order, numbers re-parsed.
    const sent = { when: new Date('2026-01-02T03:04:05.006Z'), gone: undefined, list: [undefined, 1.5, 1e21], nan: Number.NaN };
    const readBack = JSON.parse(JSON.stringify(sent));
    expect(canonicalJson(sent)).toBe(canonicalJson(readBack));
    expect(canonicalJson(sent)).toBe('{"list":[null,1.5,1e+21],"nan":null,"when":"2026-01-02T03:04:05.006Z"}');
    // The driver writes a lone surrogate as U+FFFD: the hash must agree with the stored text.
    expect(eventHash(null, { ...content, note: 'a\uD800b' })).toBe(eventHash(null, { ...content, note: 'a\uFFFDb' }));
    expect(eventHash(null, { ...content, note: '\uD83D\uDE00' })).not.toBe(eventHash(null, { ...content, note: '\uFFFD\uFFFD' }));
    // undefined and null are the same absent value; an empty object is not.
    expect(eventHash(null, { ...content, before: undefined })).toBe(eventHash(null, { ...content, before: null }));
    expect(eventHash(null, { ...content, before: {} })).not.toBe(eventHash(null, { ...content, before: null }));
  });

  it('refuses an invalid date rather than hashing it', () => {
    expect(() => eventHash(null, { ...content, occurredAt: new Date(Number.NaN) })).toThrow(/occurredAt/);
  });
});
