import type { Metadata } from 'next';
import Link from '@/components/link';
import { CreateUserForm } from '@/components/users/create-user-form';
import { AdminOnly } from '@/components/users/admin-only';
import { listAgencyNames } from '@/lib/agencies/list-agencies';
import { can } from '@/lib/auth/permissions';
import { requireUser } from '@/lib/auth/session';
import { createUserAction } from './actions';

export const metadata: Metadata = { title: 'Add a user' };

export default async function NewUserPage() {
  const user = await requireUser();
  if (!can(user, 'user:manage')) {
    return (
      <>
        <h1>Add a user</h1>
        <AdminOnly what="add a user" />
      </>
    );
  }
  const agencies = await listAgencyNames(user);
  return (
    <>
      <p className="small">
        <Link href="/admin/users">Users</Link>
      </p>
      <h1>Add a user</h1>
      <CreateUserForm agencies={agencies} action={createUserAction} />
    </>
  );
}
