/**
 * Text for a LIKE / ILIKE pattern with `%`, `_` and `\` matching literally.
 * Prisma's `contains` does not escape them itself (prisma/prisma#19506): pass
 * `contains: escapeLike(text)`.
 */
export function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, (c) => `\\${c}`);
}

/** An ILIKE pattern that finds `text` anywhere, matching it literally. */
export function containsPattern(text: string): string {
  return `%${escapeLike(text)}%`;
}
