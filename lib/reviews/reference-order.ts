/** Natural order of references within a review: F2 before F10, case ignored. Safe for client code. */
export function byReference(a: { reference: string }, b: { reference: string }) {
  return a.reference.localeCompare(b.reference, 'en', { numeric: true, sensitivity: 'base' });
}
