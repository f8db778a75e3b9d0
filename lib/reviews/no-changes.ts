import 'server-only';

/**
 * Thrown inside an edit's transaction when the submitted values equal the
 * stored ones: rolls back the version claim, so a save that changes nothing
 * leaves no trace (no new version, no empty history event).
 */
export class NoChanges extends Error {
  constructor() {
    super('Nothing changed');
    this.name = 'NoChanges';
  }
}

/** Runs an edit; if it turned out to change nothing, answers `unchanged()` instead. */
export async function unlessNoChanges<T>(edit: () => Promise<T>, unchanged: () => T): Promise<T> {
  try {
    return await edit();
  } catch (error) {
    if (error instanceof NoChanges) return unchanged();
    throw error;
  }
}
