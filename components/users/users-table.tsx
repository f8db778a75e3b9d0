import Link from '@/components/link';
import { ROLE_LABELS } from '@/lib/labels';
import { formatDateTime } from '@/lib/days';
import type { UserSummary } from '@/lib/users/list-users';

/** Every user, with what an admin checks at a glance: role, agency, active, last sign-in, two-factor. */
export function UsersTable({ users, currentUserId }: { users: UserSummary[]; currentUserId: string }) {
  if (users.length === 0) return <p>There are no users yet.</p>;
  const active = users.filter((user) => user.active).length;
  return (
    <div className="table-wrapper" role="region" aria-label="Users" tabIndex={0}>
      <table className="table">
        <caption>
          {users.length === 1 ? '1 user' : `${users.length} users`}
          <span className="small secondary normal-weight">, {active} active</span>
        </caption>
        <thead>
          <tr>
            <th scope="col">Name</th>
            <th scope="col">Email address</th>
            <th scope="col">Role</th>
            <th scope="col">Agency</th>
            <th scope="col">Status</th>
            <th scope="col">Last sign-in</th>
            <th scope="col">Two-factor sign-in</th>
          </tr>
        </thead>
        <tbody>
          {users.map((user) => (
            <tr key={user.id}>
              <td>
                <Link href={`/admin/users/${user.id}`}>
                  {user.name}
                  <span className="visually-hidden"> ({user.email})</span>
                </Link>
                {user.id === currentUserId ? <span className="small secondary"> (you)</span> : null}
              </td>
              <td>{user.email}</td>
              <td>{ROLE_LABELS[user.role]}</td>
              <td>
                {user.agency.shortName}
              </td>
              <td>
                {user.active ? <strong className="tag tag--green">Active</strong> : <strong className="tag">Deactivated</strong>}
                {user.active && user.mustChangePassword ? (
                  <>
                    {' '}
                    <strong className="tag tag--amber">Must change password</strong>
                  </>
                ) : null}
              </td>
              <td>{user.lastSignInAt ? formatDateTime(user.lastSignInAt) : <span className="secondary">Never</span>}</td>
              <td>{user.totpEnabledAt ? <strong className="tag tag--green">On</strong> : <strong className="tag">Off</strong>}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
