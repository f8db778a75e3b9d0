import type { Metadata } from 'next';
import Link from '@/components/link';
import { cache } from 'react';
import { orNotFound } from '@/app/(app)/or-not-found';
import { EditFindingForm } from '@/components/finding/edit-finding-form';
import { ArchiveForm } from '@/components/review/archive-form';
import { NoPermission } from '@/components/review/no-permission';
import { can } from '@/lib/auth/permissions';
import { requireUser } from '@/lib/auth/session';
import { getFinding } from '@/lib/findings/get-finding';
import { archiveFindingAction, updateFindingAction } from './actions';

type Props = { params: Promise<{ findingId: string }> };

const load = cache(async (id: string) => {
  const user = await requireUser();
  return { user, finding: await orNotFound(getFinding(user, id)) };
});

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { finding } = await load((await params).findingId);
  return { title: `Edit finding ${finding.reference}: ${finding.review.title}` };
}

export default async function EditFindingPage({ params }: Props) {
  const { user, finding } = await load((await params).findingId);
  const backHref = `/reviews/${finding.review.id}#finding-${finding.id}`;
  return (
    <>
      <p className="small">
        <Link href={`/reviews/${finding.review.id}`}>{finding.review.title}</Link>
      </p>
      <h1>
        <span className="caption">{finding.review.title}</span>
        Edit finding {finding.reference}
      </h1>
      {can(user, 'finding:edit') ? (
        <>
          <EditFindingForm
            reviewId={finding.review.id}
            action={updateFindingAction}
            finding={{
              id: finding.id,
              version: finding.version,
              reference: finding.reference,
              text: finding.text,
              theme: finding.theme,
              severity: finding.severity,
            }}
          />
          <h2>Archive</h2>
          <ArchiveForm
            id={finding.id}
            version={finding.version}
            what="finding"
            consequence="Recommendations that answer it keep their other findings."
            redirectTo={`/reviews/${finding.review.id}`}
            action={archiveFindingAction}
          />
        </>
      ) : (
        <NoPermission what="edit findings" backHref={backHref} backLabel="Back to the review" />
      )}
    </>
  );
}
