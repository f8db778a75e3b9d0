// Who may do what: PRODUCT.md's role table, written once, with its two
// record-level rules (owners act on their own agency's records; nobody judges
// their own evidence). The domain layer calls `assertCan` before every read and
// write, and the status workflow (lib/recommendations/workflow.ts) asks here
// who may make each move; pages ask the same functions only to decide what to
// offer, never as the check itself.
import type { Role } from '@/lib/generated/prisma/enums';

export type Action =
  | 'review:read'
  | 'review:create'
  | 'review:edit'
  | 'finding:edit'
  | 'recommendation:edit'
  | 'recommendation:assign-owner'
  | 'recommendation:change-due-date'
  | 'recommendation:override-rag'
  | 'recommendation:update-progress'
  /** A reviewer's decision on a recommendation: verify it, send it back, reopen it, or set it aside. */
  | 'recommendation:decide'
  | 'evidence:submit'
  | 'evidence:assess'
  | 'comment:add'
  | 'report:read'
  /** Import an action plan from a spreadsheet: writes recommendations and actions and names their owners. */
  | 'plan:import'
  | 'user:manage'
  /** The partnership's notice rules: when reminders and escalations go. */
  | 'notice-rules:edit'
  /** An agency's settings, such as its senior lead. */
  | 'agency:manage'
  /** The emails the app sends (the outbox): read them, try a failed one again. */
  | 'outbox:manage'
  /** Your own choice of reminder emails: only ever your own account. */
  | 'own-notice-email:choose';

/** The least a permission check needs to know about the acting user. */
export type PermissionSubject = { role: Role; agencyId: string };

/** The record acted on, where the rule depends on who owns it. */
export type OwnedRecord = { ownerAgencyId: string };

const REVIEWER_ACTIONS: ReadonlySet<Action> = new Set<Action>([
  'review:read',
  'review:create',
  'review:edit',
  'finding:edit',
  'recommendation:edit',
  'recommendation:assign-owner',
  'recommendation:change-due-date',
  'recommendation:override-rag',
  'recommendation:update-progress',
  'recommendation:decide',
  'evidence:submit',
  'evidence:assess',
  'comment:add',
  'report:read',
  'plan:import',
]);

// Owners act only on recommendations their own agency owns.
const OWNER_ACTIONS_ON_OWN_AGENCY: ReadonlySet<Action> = new Set<Action>([
  'recommendation:update-progress',
  'evidence:submit',
  'comment:add',
]);

const READ_ACTIONS: ReadonlySet<Action> = new Set<Action>(['review:read', 'report:read']);

// Everyone signed in, on their own account (the use case only ever touches the actor's own row).
const OWN_ACCOUNT_ACTIONS: ReadonlySet<Action> = new Set<Action>(['own-notice-email:choose']);

export function can(user: PermissionSubject, action: Action, record?: OwnedRecord): boolean {
  if (OWN_ACCOUNT_ACTIONS.has(action)) return true;
  switch (user.role) {
    case 'ADMIN':
      return true;
    case 'REVIEWER':
      return REVIEWER_ACTIONS.has(action);
    case 'OWNER':
      if (READ_ACTIONS.has(action)) return true;
      return OWNER_ACTIONS_ON_OWN_AGENCY.has(action) && record !== undefined && record.ownerAgencyId === user.agencyId;
    case 'VIEWER':
      return READ_ACTIONS.has(action);
  }
}

export class ForbiddenError extends Error {
  constructor(readonly action: Action) {
    super('You do not have permission to do that');
    this.name = 'ForbiddenError';
  }
}

export function assertCan(user: PermissionSubject, action: Action, record?: OwnedRecord): void {
  if (!can(user, action, record)) throw new ForbiddenError(action);
}

/** Evidence as the "own evidence" rule needs it. */
export type SubmittedEvidence = { submittedById: string };

/**
 * Nobody verifies their own work (PRODUCT.md): whoever submitted any of a
 * recommendation's evidence does not verify it, and nobody assesses evidence
 * they submitted.
 */
export function submittedAny(user: { id: string }, evidence: readonly SubmittedEvidence[]): boolean {
  return evidence.some((item) => item.submittedById === user.id);
}

/** May assess this piece of evidence: a reviewer who did not submit it. */
export function canAssess(user: PermissionSubject & { id: string }, evidence: SubmittedEvidence): boolean {
  return can(user, 'evidence:assess') && !submittedAny(user, [evidence]);
}
