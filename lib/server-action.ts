import 'server-only';
import type { z } from 'zod';
import { getCurrentUser } from '@/lib/auth/session';
import { ForbiddenError } from '@/lib/auth/permissions';
import type { Actor } from '@/lib/auth/session-user';
import { type ConflictingChange, ConflictError, NotFoundError, RuleError } from '@/lib/errors';

/** What every Server Action returns: data, or everything the form needs to explain a refusal. */
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
    };

export function fieldErrorsFrom(error: z.ZodError): Record<string, string[]> {
  const fieldErrors: Record<string, string[]> = {};
  for (const issue of error.issues) {
    const key = issue.path.join('.') || 'form';
    (fieldErrors[key] ??= []).push(issue.message);
  }
  return fieldErrors;
}

/**
 * The one way into the domain from a Server Action: authenticate, parse with
 * the form's own zod schema, call `lib/` (which authorizes), and map expected
 * refusals to a typed result. A Server Action is a public POST endpoint, so
 * none of these steps may be skipped.
 */
export function serverAction<Schema extends z.ZodType, T>(
  schema: Schema,
  handler: (actor: Actor, input: z.output<Schema>) => Promise<T>,
): (input: unknown) => Promise<ActionResult<T>> {
  return async (input) => {
    const actor = await getCurrentUser();
    if (!actor) return { ok: false, formError: 'Your session has ended. Sign in again to continue.' };
    const parsed = await schema.safeParseAsync(input);
    if (!parsed.success) return { ok: false, fieldErrors: fieldErrorsFrom(parsed.error) };
    try {
      return { ok: true, data: await handler(actor, parsed.data) };
    } catch (error) {
      return refusal(error);
    }
  };
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
