import type { Metadata } from 'next';
import { CreateActionForm } from '@/components/action/action-form';
import Link from '@/components/link';
import { NoPermission } from '@/components/review/no-permission';
import { nextActionReference } from '@/lib/actions/find-action';
import { listAgencies } from '@/lib/agencies/list-agencies';
import { can } from '@/lib/auth/permissions';
import { db } from '@/lib/db';
import { isSetAside } from '@/lib/recommendations/status';
import { loadRecommendation } from '../../load-recommendation';
import { createActionAction } from './actions';

type Props = { params: Promise<{ recommendationId: string }> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { recommendation } = await loadRecommendation((await params).recommendationId);
  return { title: `Add an action to ${recommendation.reference}: ${recommendation.review.title}` };
}

export default async function NewActionPage({ params }: Props) {
  const { user, recommendation: r } = await loadRecommendation((await params).recommendationId);
  const back = `/recommendations/${r.id}`;
  const allowed = can(user, 'recommendation:edit') && can(user, 'recommendation:assign-owner');
  return (
    <>
      <p className="small">
        <Link href={`/reviews/${r.review.id}`}>{r.review.title}</Link> › <Link href={back}>Recommendation {r.reference}</Link>
      </p>
      <h1>
        <span className="caption">Recommendation {r.reference}</span>
        Add an action
      </h1>
      <p className="pre-wrap">{r.text}</p>
      {!allowed ? (
        <NoPermission what="add actions" backHref={back} backLabel={`Back to recommendation ${r.reference}`} />
      ) : isSetAside(r.status) ? (
        <p>This recommendation has been set aside: a reviewer reopens it on its page before actions are added.</p>
      ) : (
        <CreateActionForm
          recommendationId={r.id}
          recommendationReference={r.reference}
          suggestedReference={await nextActionReference(db, r.id)}
          agencies={await listAgencies(user)}
          action={createActionAction}
        />
      )}
    </>
  );
}
