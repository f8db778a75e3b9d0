import Link from '@/components/link';

/** What an admin page shows anyone else (the domain layer refuses them anyway). */
export function AdminOnly({ what, only = 'Only admins can manage users.' }: { what: string; only?: string }) {
  return (
    <>
      <p>
        You do not have permission to {what}. {only}
      </p>
      <p>
        <Link href="/">Back to your dashboard</Link>
      </p>
    </>
  );
}
