// What changed in an edit, for the `before` and `after` of an "*.updated"
// history event (the kinds themselves are in event-catalogue.ts).

export type FieldValues = Record<string, unknown>;

/** The fields whose values differ, as a before/after pair; dates compare by instant. */
export function changedFields<T extends FieldValues>(before: T, after: T): { before: Partial<T>; after: Partial<T> } {
  const changed = { before: {} as FieldValues, after: {} as FieldValues };
  for (const key of Object.keys(after)) {
    if (!sameValue(before[key], after[key])) {
      changed.before[key] = before[key] ?? null;
      changed.after[key] = after[key] ?? null;
    }
  }
  return changed as { before: Partial<T>; after: Partial<T> };
}

function sameValue(a: unknown, b: unknown): boolean {
  if (a instanceof Date || b instanceof Date) {
    return a instanceof Date && b instanceof Date && a.getTime() === b.getTime();
  }
  if (Array.isArray(a) && Array.isArray(b)) {
    return a.length === b.length && a.every((item, i) => sameValue(item, b[i]));
  }
  if (a !== null && b !== null && typeof a === 'object' && typeof b === 'object') {
    return String(a) === String(b); // Prisma Decimal
  }
  return (a ?? null) === (b ?? null);
}
