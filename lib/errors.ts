// Errors the domain layer throws on purpose; the Server Action wrapper turns
// each into a result the form can show. Anything else is a bug and surfaces.

/** Input that parsed but breaks a rule that needs the database ("that reference is taken"). */
export class RuleError extends Error {
  constructor(
    message: string,
    /** The form field the message belongs to, when there is one. */
    readonly field?: string,
  ) {
    super(message);
    this.name = 'RuleError';
  }
}

export class NotFoundError extends Error {
  constructor(what = 'record') {
    super(`That ${what} does not exist, or has been archived`);
    this.name = 'NotFoundError';
  }
}

export type ConflictingChange = { actorName: string; at: string; description: string };

/** Someone else saved first: the edit was based on an older version. Nothing was changed. */
export class ConflictError extends Error {
  constructor(
    readonly changes: ConflictingChange[],
    readonly currentVersion: number,
  ) {
    super('Someone else changed this record after you opened it');
    this.name = 'ConflictError';
  }
}
