import Link from '@/components/link';
import { DueDate } from '@/components/recommendation-list/due-date';
import { truncate } from '@/components/recommendation-list/text';
import { StatusTag } from '@/components/status-tag';
import type { QueueCounts, QueueEvidence, QueueList, QueueRecommendation, WorkQueue } from '@/lib/dashboard/get-work-queue';
import { DUE_SOON_DAYS } from '@/lib/dashboard/get-work-queue';
import { EVIDENCE_KIND_LABELS, plural } from '@/lib/labels';
import { formatInstantDay } from '@/lib/days';
import { listHref } from '@/lib/recommendations/list-recommendations.schema';
import { statusesWhere } from '@/lib/recommendations/status';

const OPEN = statusesWhere('open');
const AWAITING_VERIFICATION = statusesWhere('awaitsVerification');

/** "What needs you": the signed-in user's own queue, by role. */
export function WorkQueueSection({ queue }: { queue: WorkQueue }) {
  return (
    <section aria-labelledby="work-queue-heading">
      <h2 id="work-queue-heading">What needs you</h2>
      {queue.kind === 'owner' ? <OwnerQueue queue={queue} /> : null}
      {queue.kind === 'reviewer' ? <ReviewerQueue queue={queue} /> : null}
      {queue.kind === 'viewer' ? <ViewerQueue counts={queue.counts} /> : null}
    </section>
  );
}

type Count = { value: number; label: string; href?: string };

function Counts({ label, counts }: { label: string; counts: Count[] }) {
  return (
    <ul className="counts counts--spaced" aria-label={label}>
      {counts.map((count) => (
        <li key={count.label}>
          {count.href && count.value > 0 ? (
            <Link href={count.href}>
              <strong>{count.value.toLocaleString('en-GB')}</strong> {count.label}
            </Link>
          ) : (
            <>
              <strong>{count.value.toLocaleString('en-GB')}</strong> {count.label}
            </>
          )}
        </li>
      ))}
    </ul>
  );
}

function SeeAll({ list, href, what }: { list: QueueList<unknown>; href?: string; what: string }) {
  if (list.total <= list.items.length) return null;
  const rest = `Showing ${list.items.length} of ${list.total.toLocaleString('en-GB')}.`;
  return (
    <p className="small">
      {rest}{' '}
      {href ? <Link href={href}>See all {plural(list.total, what)}</Link> : null}
    </p>
  );
}

function RecommendationLink({ item }: { item: QueueRecommendation }) {
  return (
    // An owner's item is their agency's action: it opens where they update it.
    <Link href={item.actionId ? `/actions/${item.actionId}` : `/recommendations/${item.id}`}>
      {item.reference}
      <span className="visually-hidden"> of {item.review.title}</span>
    </Link>
  );
}

function RecommendationTable({
  caption,
  items,
  showOwner,
  showStatusSince,
  ofActions,
}: {
  caption: string;
  items: QueueRecommendation[];
  showOwner?: boolean;
  showStatusSince?: boolean;
  /** The items are an owner's actions ("R3.1"). */
  ofActions?: boolean;
}) {
  return (
    <div className="table-wrapper" role="region" aria-label={caption} tabIndex={0}>
      <table className="table">
        <caption className="visually-hidden">{caption}</caption>
        <thead>
          <tr>
            <th scope="col">{ofActions ? 'Action' : 'Reference'}</th>
            <th scope="col">{ofActions ? 'What is to be done' : 'Recommendation'}</th>
            {showOwner ? <th scope="col">Owner</th> : null}
            <th scope="col">Due date</th>
            <th scope="col">{showStatusSince ? 'Implemented on' : 'Status'}</th>
          </tr>
        </thead>
        <tbody>
          {items.map((item) => (
            <tr key={item.actionId ?? item.id}>
              <td>
                <RecommendationLink item={item} />
              </td>
              <td>
                {truncate(item.text, 110)}
                <br />
                <span className="small secondary">{item.review.title}</span>
              </td>
              {showOwner ? <td>{item.ownerAgency.shortName}</td> : null}
              <td>
                <DueDate dueDate={item.dueDate} overdue={item.overdue} daysOverdue={item.daysOverdue} />
              </td>
              <td>{showStatusSince ? formatInstantDay(item.statusChangedAt) : <StatusTag status={item.status} />}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function EvidenceList({ items, assessed }: { items: QueueEvidence[]; assessed: boolean }) {
  return (
    <ul className="small">
      {items.map((item) => (
        <li key={item.id} className="spaced-item">
          <strong>{item.title}</strong> ({EVIDENCE_KIND_LABELS[item.kind].toLowerCase()}) for{' '}
          <RecommendationLink item={item.recommendation} />, {item.recommendation.ownerAgency.shortName}
          <br />
          {assessed ? (
            <span className="secondary">
              Found insufficient{item.assessedBy ? ` by ${item.assessedBy}` : ''}
              {item.assessedAt ? ` on ${formatInstantDay(item.assessedAt)}` : ''}
              {item.assessmentComment ? `: “${truncate(item.assessmentComment, 160)}”` : ''}
            </span>
          ) : (
            <span className="secondary">
              Submitted by {item.submittedBy} on {formatInstantDay(item.submittedAt)}
            </span>
          )}
        </li>
      ))}
    </ul>
  );
}

function OwnerQueue({ queue }: { queue: Extract<WorkQueue, { kind: 'owner' }> }) {
  const agency = queue.agency.id;
  const openHref = listHref({ agency, status: OPEN }, '/actions');
  return (
    <>
      <p>Actions owned by {queue.agency.name}: its part of every recommendation, including those it shares with other agencies.</p>
      <Counts
        label={`${queue.agency.name}: actions`}
        counts={[
          { value: queue.counts.open, label: 'open', href: openHref },
          { value: queue.counts.overdue, label: 'overdue', href: listHref({ agency, overdue: true }, '/actions') },
          { value: queue.counts.dueSoon, label: `due in the next ${DUE_SOON_DAYS} days` },
          {
            value: queue.counts.awaitingVerification,
            label: 'awaiting verification',
            href: listHref({ agency, status: AWAITING_VERIFICATION }, '/actions'),
          },
        ]}
      />

      <h3>Open actions, overdue first</h3>
      {queue.open.items.length === 0 ? (
        <p>Your agency has no open actions.</p>
      ) : (
        <>
          <RecommendationTable caption="Your agency's open actions, overdue first" items={queue.open.items} ofActions />
          <SeeAll list={queue.open} href={openHref} what="open action" />
        </>
      )}

      <h3>Evidence found insufficient</h3>
      {queue.insufficientEvidence.items.length === 0 ? (
        <p>No evidence from your agency is waiting to be improved.</p>
      ) : (
        <>
          <p className="small">A reviewer found this evidence insufficient. Add better evidence to the recommendation.</p>
          <EvidenceList items={queue.insufficientEvidence.items} assessed />
          <SeeAll list={queue.insufficientEvidence} what="piece" />
        </>
      )}
    </>
  );
}

function ReviewerQueue({ queue }: { queue: Extract<WorkQueue, { kind: 'reviewer' }> }) {
  const awaitingHref = listHref({ status: AWAITING_VERIFICATION });
  const overdueHref = listHref({ overdue: true });
  const own = queue.pendingEvidence.ownSubmissions;
  return (
    <>
      <Counts
        label="Across the partnership"
        counts={[
          { value: queue.counts.awaitingVerification, label: 'awaiting verification', href: awaitingHref },
          {
            value: queue.pendingEvidence.total,
            label: queue.pendingEvidence.total === 1 ? 'piece of evidence to assess' : 'pieces of evidence to assess',
          },
          { value: queue.counts.overdue, label: 'overdue', href: overdueHref },
          { value: queue.counts.open, label: 'open', href: listHref({ status: OPEN }) },
        ]}
      />

      <h3>Implemented, awaiting verification</h3>
      {queue.awaitingVerification.items.length === 0 ? (
        <p>No recommendations are waiting to be verified.</p>
      ) : (
        <>
          <RecommendationTable
            caption="Recommendations awaiting verification, waiting longest first"
            items={queue.awaitingVerification.items}
            showOwner
            showStatusSince
          />
          <SeeAll list={queue.awaitingVerification} href={awaitingHref} what="recommendation" />
        </>
      )}

      <h3>Evidence to assess</h3>
      {queue.pendingEvidence.items.length === 0 ? (
        <p>No evidence is waiting for you to assess.</p>
      ) : (
        <>
          <EvidenceList items={queue.pendingEvidence.items} assessed={false} />
          <SeeAll list={queue.pendingEvidence} what="piece" />
        </>
      )}
      {own > 0 ? (
        <p className="small">
          {own === 1 ? '1 piece of evidence you submitted yourself is' : `${own} pieces of evidence you submitted yourself are`} not
          listed: someone else must assess it, because nobody verifies their own work.
        </p>
      ) : null}

      <h3>Overdue across all agencies</h3>
      {queue.overdue.items.length === 0 ? (
        <p>Nothing is overdue.</p>
      ) : (
        <>
          <RecommendationTable caption="Overdue recommendations, most overdue first" items={queue.overdue.items} showOwner />
          <SeeAll list={queue.overdue} href={overdueHref} what="overdue recommendation" />
        </>
      )}
    </>
  );
}

function ViewerQueue({ counts }: { counts: QueueCounts }) {
  return (
    <>
      <p>Across the partnership, as it stands today.</p>
      <Counts
        label="Recommendations across the partnership"
        counts={[
          { value: counts.total, label: counts.total === 1 ? 'recommendation' : 'recommendations', href: listHref({}) },
          { value: counts.open, label: 'open', href: listHref({ status: OPEN }) },
          { value: counts.overdue, label: 'overdue', href: listHref({ overdue: true }) },
          { value: counts.dueSoon, label: `due in the next ${DUE_SOON_DAYS} days` },
          { value: counts.awaitingVerification, label: 'awaiting verification', href: listHref({ status: AWAITING_VERIFICATION }) },
          { value: counts.verified, label: 'verified', href: listHref({ status: ['VERIFIED'] }) },
        ]}
      />
    </>
  );
}
