import 'server-only';
import type { Db, Tx } from '@/lib/db';
import { contentSha256, eventHash } from './chain';
import { readEvent } from './event-catalogue';
import type { Fingerprint } from './fingerprint';

export type ChainBreak = { id: number; reason: string };

export type ChainCheck = {
  /** Events read, up to and including the first broken one. */
  checked: number;
  /** The last event checked and its hash: record them elsewhere to detect a cut-off tail later. */
  lastId: number | null;
  lastHash: string | null;
  firstBroken: ChainBreak | null;
  /** Whether the chain holds the event of an expected fingerprint (given as `expect`), with that hash. */
  expected?: 'found' | 'missing' | 'different';
  /** Comments and evidence files whose content no longer has the SHA-256 their event recorded (the first few). */
  alteredContent: { count: number; first: ChainBreak[] };
  /** Events (of those checked) that no version of their kind in the event catalogue reads, and the first few of them. */
  unreadable: { count: number; first: ChainBreak[] };
};

const SELECT = {
  id: true,
  occurredAt: true,
  actorId: true,
  subjectType: true,
  subjectId: true,
  subjectVersion: true,
  kind: true,
  before: true,
  after: true,
  note: true,
  reviewId: true,
  recommendationId: true,
  prevHash: true,
  hash: true,
} as const;

/**
 * Walks the whole history in id order, a batch at a time (keyset on id, so a
 * million events never sit in memory at once), recomputing each event's hash
 * and checking that it links to the event before it. Stops at the first
 * broken link. Events appended while it runs are left for the next check.
 *
 * Each event is also read through the event catalogue: one that no version
 * of its kind describes is counted (the code could no longer replay it).
 *
 * What it proves: no stored event was altered, removed or inserted out of
 * turn, short of rewriting every later hash too. Cutting events off the end
 * leaves a shorter chain that still verifies: compare `lastHash` with a copy
 * kept elsewhere to catch that.
 */
export async function verifyChain(db: Db | Tx, options: { batchSize?: number; expect?: Fingerprint } = {}): Promise<ChainCheck> {
  const batchSize = options.batchSize ?? 5000;
  const { _max } = await db.historyEvent.aggregate({ _max: { id: true } });
  const lastId = _max.id;
  let checked = 0;
  let previous: { id: number; hash: string } | null = null;
  let after = 0;
  const unreadable: ChainCheck['unreadable'] = { count: 0, first: [] };
  let expected: ChainCheck['expected'] = options.expect ? 'missing' : undefined;
  const alteredContent: ChainCheck['alteredContent'] = { count: 0, first: [] };
  const altered = (id: number, reason: string) => {
    alteredContent.count++;
    if (alteredContent.first.length < 5) alteredContent.first.push({ id, reason });
  };
  const broken = (id: number, reason: string): ChainCheck => ({
    checked,
    lastId: previous?.id ?? null,
    lastHash: previous?.hash ?? null,
    firstBroken: { id, reason },
    unreadable,
    alteredContent,
    expected,
  });

  while (lastId !== null && after < lastId) {
    const events = await db.historyEvent.findMany({
      where: { id: { gt: after, lte: lastId } },
      orderBy: { id: 'asc' },
      take: batchSize,
      select: SELECT,
    });
    if (events.length === 0) break;
    // What the chain covers by hash only: comment texts and evidence files, a batch at a time.
    const commentHashes = new Map<string, number>();
    const fileHashes = new Map<string, { id: number; sha256: string }>();
    for (const event of events) {
      checked++;
      if (event.hash === null) return broken(event.id, 'it has no hash: it was not written through the chain');
      if (eventHash(event.prevHash, event) !== event.hash) return broken(event.id, 'hash does not match its content');
      const link = previous?.hash ?? null;
      if (event.prevHash !== link) {
        return broken(
          event.id,
          previous
            ? `it does not follow on from event ${previous.id}: an event between them was removed, or one was altered`
            : 'it is the first event but links to an earlier one, which is missing',
        );
      }
      previous = { id: event.id, hash: event.hash };
      if (options.expect?.id === event.id) expected = event.hash.startsWith(options.expect.hashPrefix) ? 'found' : 'different';
      // Every shape the history holds must stay readable (decision 0013).
      try {
        const read = readEvent(event);
        if (read.kind === 'comment.added' && read.after.bodySha256) commentHashes.set(event.subjectId, event.id);
        if (read.kind === 'evidence.submitted' && read.after.sha256) fileHashes.set(event.subjectId, { id: event.id, sha256: read.after.sha256 });
      } catch (error) {
        unreadable.count++;
        if (unreadable.first.length < 5) unreadable.first.push({ id: event.id, reason: (error as Error).message });
      }
    }
    await checkContent(db, events, commentHashes, fileHashes, altered);
    after = events[events.length - 1]!.id;
  }
  return { checked, lastId: previous?.id ?? null, lastHash: previous?.hash ?? null, firstBroken: null, unreadable, alteredContent, expected };
}

/** Recomputes the SHA-256 of the comments and evidence files whose events recorded one, and reports any that differ. */
async function checkContent(
  db: Db | Tx,
  events: { id: number; subjectId: string; after: unknown }[],
  commentHashes: Map<string, number>,
  fileHashes: Map<string, { id: number; sha256: string }>,
  altered: (id: number, reason: string) => void,
) {
  if (commentHashes.size > 0) {
    const comments = await db.comment.findMany({ where: { id: { in: [...commentHashes.keys()] } }, select: { id: true, body: true } });
    const found = new Map(comments.map((c) => [c.id, c.body]));
    for (const event of events) {
      const eventId = commentHashes.get(event.subjectId);
      if (eventId !== event.id) continue;
      const body = found.get(event.subjectId);
      const recorded = (event.after as { bodySha256: string }).bodySha256;
      if (body === undefined) altered(event.id, `its comment ${event.subjectId} is missing`);
      else if (contentSha256(body) !== recorded) altered(event.id, `the text of comment ${event.subjectId} is not the text it recorded`);
    }
  }
  if (fileHashes.size > 0) {
    // Hashed where the bytes are: files of up to 10 MB each never come over the wire.
    const files = await db.$queryRaw<{ evidenceId: string; sha256: string }[]>`
      SELECT "evidenceId", encode(sha256(content), 'hex') AS sha256 FROM "EvidenceFile" WHERE "evidenceId" = ANY(${[...fileHashes.keys()]})`;
    const found = new Map(files.map((f) => [f.evidenceId, f.sha256]));
    for (const [evidenceId, { id, sha256 }] of fileHashes) {
      const actual = found.get(evidenceId);
      if (actual === undefined) altered(id, `the file of evidence ${evidenceId} is missing`);
      else if (actual !== sha256) altered(id, `the file of evidence ${evidenceId} is not the file it recorded`);
    }
  }
}
