// Who may do what: PRODUCT.md's role table, written once. The domain layer
// calls `assertCan` before every read and write; pages ask `can` only to
// decide what to show, never as the check itself.
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
  | 'recommendation:close'
  | 'evidence:submit'
  | 'evidence:assess'
  | 'comment:add'
  | 'report:read'
  | 'user:manage'
  | 'agency:manage';

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
  'recommendation:close',
  'evidence:submit',
  'evidence:assess',
  'comment:add',
  'report:read',
]);

// Owners act only on recommendations their own agency owns.
const OWNER_ACTIONS_ON_OWN_AGENCY: ReadonlySet<Action> = new Set<Action>([
  'recommendation:update-progress',
  'evidence:submit',
  'comment:add',
]);

const READ_ACTIONS: ReadonlySet<Action> = new Set<Action>(['review:read', 'report:read']);

export function can(user: PermissionSubject, action: Action, record?: OwnedRecord): boolean {
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
