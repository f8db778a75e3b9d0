import { can, type PermissionSubject } from '@/lib/auth/permissions';

/** Importing a plan writes recommendations and actions and names their owners: a reviewer's or an admin's work. */
export const canImportPlan = (user: PermissionSubject) => can(user, 'recommendation:edit') && can(user, 'recommendation:assign-owner');
