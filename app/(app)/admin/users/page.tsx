import type { Metadata } from 'next';
import Link from '@/components/link';
import { AdminOnly } from '@/components/users/admin-only';
import { UsersTable } from '@/components/users/users-table';
import { can } from '@/lib/auth/permissions';
import { requireUser } from '@/lib/auth/session';
import { listUsers } from '@/lib/users/list-users';

export const metadata: Metadata = { title: 'Users' };

export default async function UsersPage() {
  const user = await requireUser();
  if (!can(user, 'user:manage')) {
    return (
      <>
        <h1>Users</h1>
        <AdminOnly what="see or manage users" />
      </>
    );
  }
  const users = await listUsers(user);
  return (
    <>
      <h1>Users</h1>
      <p>
        Everyone who can sign in, and everyone who could. Users are never deleted: a deactivated user cannot sign in, and what they did
        stays on record under their name.
      </p>
      <p>
        <Link href="/admin/users/new" className="button">
          Add a user
        </Link>
      </p>
      <UsersTable users={users} currentUserId={user.id} />
    </>
  );
}
