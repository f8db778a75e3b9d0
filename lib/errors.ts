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

/**
 * A report would cover more recommendations than one report is built for
 * (rebuilding it from history would hold the server for minutes). A RuleError:
 * downloads answer 400 with the message.
 */
export class ReportTooLargeError extends RuleError {
  constructor(
    readonly recommendations: number,
    readonly limit: number,
  ) {
    super(
      `This report would cover ${recommendations.toLocaleString('en-GB')} recommendations, more than the ${limit.toLocaleString('en-GB')} one report can cover. Choose the report of a review instead.`,
    );
    this.name = 'ReportTooLargeError';
  }
}
