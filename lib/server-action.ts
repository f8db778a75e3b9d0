import 'server-only';
import type { z } from 'zod';
import { recordAccessDenied } from '@/lib/auth/access-denied';
import { ACCOUNT_STEP_REFUSALS, type AccountStep, pendingAccountStep } from '@/lib/auth/account-steps';
import { ForbiddenError } from '@/lib/auth/permissions';
import { getSessionUser } from '@/lib/auth/session';
import type { SessionUser } from '@/lib/auth/session-user';
import { type ConflictingChange, ConflictError, NotFoundError, RuleError } from '@/lib/errors';

/** What every Server Action returns: data, or everything the form needs to explain a refusal. */
export const SESSION_ENDED = 'Your session has ended. Sign in again to continue.';

export type ActionResult<T = null> =
  | { ok: true; data: T }
  | {
      ok: false;
      /** A message for the whole form (error summary). */
      formError?: string;
      /** Messages per field, every one of them (react-hook-form `setError`). */
      fieldErrors?: Record<string, string[]>;
      /** Set when someone else saved first. */
      conflict?: { changes: ConflictingChange[]; currentVersion: number };
      /** Set when the session has ended: the form offers a link to sign in again. */
      signInAgain?: true;
    };

export function fieldErrorsFrom(error: z.ZodError): Record<string, string[]> {
  const fieldErrors: Record<string, string[]> = {};
  for (const issue of error.issues) {
    const key = issue.path.join('.') || 'form';
    (fieldErrors[key] ??= []).push(issue.message);
  }
  return fieldErrors;
}

export type ServerActionOptions = {
  /**
   * The one pending account step this action is for ('password-change' for
   * changing the password, 'two-factor-enrolment' for setting up two-factor):
   * a user who must first do something else is refused by every other action.
   */
  allow?: AccountStep;
};

/**
 * The one way into the domain from a Server Action: authenticate, check the
 * user has no pending account step (a password to change, two-factor to set
 * up), parse with the form's own zod schema, call `lib/` (which authorizes),
 * and map expected refusals to a typed result; a refusal for want of
 * permission is recorded in the history (access.denied). A Server Action is
 * a public POST endpoint, so none of these steps may be skipped.
 */
export function serverAction<Schema extends z.ZodType, T>(
  schema: Schema,
  handler: (actor: SessionUser, input: z.output<Schema>) => Promise<T>,
  options: ServerActionOptions = {},
): (input: unknown) => Promise<ActionResult<T>> {
  return async (input) => {
    const actor = await getSessionUser();
    if (!actor) return { ok: false, formError: SESSION_ENDED, signInAgain: true };
    const step = pendingAccountStep(actor);
    if (step && step !== options.allow) return { ok: false, formError: ACCOUNT_STEP_REFUSALS[step] };
    const unstorable = unstorableFields(input);
    if (unstorable.length) {
      return { ok: false, fieldErrors: Object.fromEntries(unstorable.map((field) => [field, [UNSTORABLE_MESSAGE]])) };
    }
    const parsed = await schema.safeParseAsync(input);
    if (!parsed.success) return { ok: false, fieldErrors: fieldErrorsFrom(parsed.error) };
    try {
      return { ok: true, data: await handler(actor, parsed.data) };
    } catch (error) {
      if (error instanceof ForbiddenError) await recordAccessDenied(actor.id, error.action, recordIdOf(parsed.data));
      return refusal(error);
    }
  };
}

// NUL, and UTF-16 surrogates without their pair, cannot be stored as text in
// PostgreSQL: refuse them as bad input, before any schema or query sees them.
const UNSTORABLE = /\u0000|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
const UNSTORABLE_MESSAGE = 'Remove the characters that cannot be stored (such as invisible control characters)';

/** The fields (dotted paths) of an input that hold text PostgreSQL cannot store. */
export function unstorableFields(value: unknown, path = '', depth = 0): string[] {
  const here = path || 'form';
  if (typeof value === 'string') return UNSTORABLE.test(value) ? [here] : [];
  if (depth > 8 || value === null || typeof value !== 'object') return [];
  if (typeof Blob !== 'undefined' && value instanceof Blob) {
    return typeof File !== 'undefined' && value instanceof File && UNSTORABLE.test(value.name) ? [here] : [];
  }
  const entries: [string, unknown][] =
    typeof FormData !== 'undefined' && value instanceof FormData ? [...value.entries()] : Object.entries(value);
  return entries.flatMap(([key, child]) =>
    UNSTORABLE.test(key) ? [here] : unstorableFields(child, path ? `${path}.${key}` : key, depth + 1),
  );
}

/**
 * The id of the record an action was aimed at, when its input names one that
 * looks like ours (cuids and the seed's ids); anything else, the action name
 * stands in, so that junk (NUL, lone surrogates) never reaches the history.
 */
function recordIdOf(input: unknown): string | null {
  if (input === null || typeof input !== 'object') return null;
  const id = (input as Record<string, unknown>).id;
  return typeof id === 'string' && /^[A-Za-z0-9_-]{1,100}$/.test(id) ? id : null;
}

export function refusal(error: unknown): ActionResult<never> {
  if (error instanceof RuleError) {
    return error.field ? { ok: false, fieldErrors: { [error.field]: [error.message] } } : { ok: false, formError: error.message };
  }
  if (error instanceof ConflictError) {
    return { ok: false, formError: error.message, conflict: { changes: error.changes, currentVersion: error.currentVersion } };
  }
  if (error instanceof ForbiddenError || error instanceof NotFoundError) return { ok: false, formError: error.message };
  throw error;
}
