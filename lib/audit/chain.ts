// The history's hash chain (docs/decisions/0004; issue 5, item 6). Pure: no
// database. Each event's hash is SHA-256 over a canonical serialisation of the
// previous event's hash and this event's content, so that changing, removing
// or reordering any stored event breaks the chain from that event on.
//
// The canonical form, for anyone re-implementing the check:
//   "followthrough.history.v1\n" + JSON of an object whose keys are sorted (by
//   UTF-16 code units, recursively, inside `before` and `after` too), with no
//   whitespace, holding: prevHash, occurredAt (ISO 8601 UTC with
//   milliseconds, as timestamp(3) stores it), actorId, subjectType, subjectId,
//   subjectVersion, kind, before, after, note, reviewId, recommendationId;
//   absent values are null. The hash is the lowercase hex SHA-256 of its UTF-8.
// The event's id is not part of it: it is assigned by the insert.
import { createHash } from 'node:crypto';

export const CHAIN_FORMAT = 'followthrough.history.v1';

/** What a history event's hash covers, besides the previous event's hash. */
export type ChainContent = {
  occurredAt: Date;
  actorId: string | null;
  subjectType: string;
  subjectId: string;
  subjectVersion: number | null;
  kind: string;
  /** JSON as stored (jsonb): plain values; a Date or other toJSON() object serialises as JSON.stringify would. */
  before: unknown;
  after: unknown;
  note: string | null;
  reviewId: string | null;
  recommendationId: string | null;
};

/** The exact text that is hashed for an event. */
export function canonicalEvent(prevHash: string | null, content: ChainContent): string {
  const occurredAt = content.occurredAt;
  if (!(occurredAt instanceof Date) || Number.isNaN(occurredAt.getTime())) {
    throw new TypeError('A history event needs a valid occurredAt date');
  }
  const fields: Record<string, unknown> = {
    prevHash: prevHash ?? null,
    occurredAt: occurredAt.toISOString(),
    actorId: content.actorId ?? null,
    subjectType: content.subjectType,
    subjectId: content.subjectId,
    subjectVersion: content.subjectVersion ?? null,
    kind: content.kind,
    before: content.before ?? null,
    after: content.after ?? null,
    note: content.note ?? null,
    reviewId: content.reviewId ?? null,
    recommendationId: content.recommendationId ?? null,
  };
  return `${CHAIN_FORMAT}\n${canonicalJson(fields)}`;
}

/** SHA-256 (lowercase hex) chaining this event to the one before it (null for the first event). */
export function eventHash(prevHash: string | null, content: ChainContent): string {
  return createHash('sha256').update(canonicalEvent(prevHash, content), 'utf8').digest('hex');
}

/**
 * JSON with object keys sorted recursively and no whitespace. Otherwise it
 * follows JSON.stringify (toJSON() is applied, undefined object members are
 * left out, undefined array items and non-finite numbers become null), which
 * is what PostgreSQL is sent; reading jsonb back gives the same text.
 */
export function canonicalJson(value: unknown): string {
  return serialise(value) ?? 'null';
}

function serialise(input: unknown): string | undefined {
  let value = input;
  if (value !== null && typeof value === 'object' && typeof (value as { toJSON?: unknown }).toJSON === 'function') {
    value = (value as { toJSON(): unknown }).toJSON();
  }
  if (value instanceof Number || value instanceof String || value instanceof Boolean) value = value.valueOf();
  switch (typeof value) {
    case 'string':
      return JSON.stringify(wellFormed(value));
    case 'number':
      return Number.isFinite(value) ? JSON.stringify(value) : 'null';
    case 'boolean':
      return value ? 'true' : 'false';
    case 'bigint':
      throw new TypeError('A BigInt cannot be stored in a history event');
    case 'undefined':
    case 'function':
    case 'symbol':
      return undefined;
  }
  if (value === null) return 'null';
  if (Array.isArray(value)) return `[${value.map((item) => serialise(item) ?? 'null').join(',')}]`;
  const object = value as Record<string, unknown>;
  const members: string[] = [];
  for (const key of Object.keys(object).sort()) {
    const member = serialise(object[key]);
    if (member !== undefined) members.push(`${JSON.stringify(wellFormed(key))}:${member}`);
  }
  return `{${members.join(',')}}`;
}

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/**
 * A lone UTF-16 surrogate cannot be stored: the driver's UTF-8 encoding turns
 * it into U+FFFD, so the hash must see U+FFFD too, or the stored event would
 * never verify.
 */
function wellFormed(text: string) {
  return /[\uD800-\uDFFF]/.test(text) ? text.replace(LONE_SURROGATE, '\uFFFD') : text;
}

/** The SHA-256 (lowercase hex) of content the chain covers by its hash: a comment's text, an evidence file's bytes. */
export function contentSha256(content: string | Uint8Array): string {
  return createHash('sha256').update(content).digest('hex');
}
