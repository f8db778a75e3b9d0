import type { Metadata } from 'next';
import Link from '@/components/link';
import { NumberedPagination } from '@/components/pagination-links';
import { SearchForm } from '@/components/search-form';
import { AdminOnly } from '@/components/users/admin-only';
import { UsersTable } from '@/components/users/users-table';
import { can } from '@/lib/auth/permissions';
import { requireUser } from '@/lib/auth/session';
import { pageNumberParam, searchTextParam } from '@/lib/route-params';
import { listUsers } from '@/lib/users/list-users';

export const metadata: Metadata = { title: 'Users' };

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

export default async function UsersPage({ searchParams }: Props) {
  const user = await requireUser();
  if (!can(user, 'user:manage')) {
    return (
      <>
        <h1>Users</h1>
        <AdminOnly what="see or manage users" />
      </>
    );
  }
  const params = await searchParams;
  const q = searchTextParam(params.q);
  const { users, total, page, pageCount } = await listUsers(user, { page: pageNumberParam(params.page), q });
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
      <SearchForm action="/admin/users" name="Search users" label="Search by name or email" q={q} showAll="Show all users" />
      {q ? <p>{total === 1 ? '1 user matches' : `${total.toLocaleString('en-GB')} users match`} “{q}”.</p> : null}
      {users.length ? <UsersTable users={users} currentUserId={user.id} /> : null}
      <NumberedPagination path="/admin/users" page={page} pageCount={pageCount} query={{ q }} />
    </>
  );
}
