import Link from '@/components/link';

/** What a page shows instead of a form the user may not use (the domain layer refuses it anyway). */
export function NoPermission({ what, backHref, backLabel }: { what: string; backHref: string; backLabel: string }) {
  return (
    <>
      <p>You do not have permission to {what}. Only reviewers can do this.</p>
      <p>
        <Link href={backHref}>{backLabel}</Link>
      </p>
    </>
  );
}
