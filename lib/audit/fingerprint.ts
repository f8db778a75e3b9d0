// The history fingerprint: an event's id and the first 16 hex characters of
// its hash. Printed on a report (the newest event it was built from) and by
// `npm run audit:verify`, it anchors the history outside the database: a
// board's minutes that keep it let `audit:verify -- --expect <fingerprint>`
// show later that the chain still holds that event, and so everything before it.
export type Fingerprint = { id: number; hashPrefix: string };

const PATTERN = /^(\d{1,12}):([0-9a-f]{16})$/;

export function fingerprintOf(event: { id: number; hash: string | null }): string | null {
  return event.hash ? `${event.id}:${event.hash.slice(0, 16)}` : null;
}

export function parseFingerprint(text: string): Fingerprint | null {
  const match = PATTERN.exec(text.trim().toLowerCase());
  return match ? { id: Number(match[1]), hashPrefix: match[2]! } : null;
}
