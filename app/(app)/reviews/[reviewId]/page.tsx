import type { Metadata } from 'next';
import Link from '@/components/link';
import { FindingStatusTag } from '@/components/finding/finding-status-tag';
import { RagTag, StatusTag } from '@/components/status-tag';
import { can } from '@/lib/auth/permissions';
import { REVIEW_KIND_LABELS, REVIEW_STATUS_LABELS, SEVERITY_LABELS } from '@/lib/labels';
import { formatDay } from '@/lib/days';
import { listHref } from '@/lib/recommendations/list-recommendations.schema';
import { loadReview } from './load-review';

type Props = { params: Promise<{ reviewId: string }> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { review } = await loadReview((await params).reviewId);
  return { title: review.title };
}

export default async function ReviewPage({ params }: Props) {
  const { user, review } = await loadReview((await params).reviewId);
  const unanswered = review.findings.filter((finding) => finding.flagged);
  const mayEditFindings = can(user, 'finding:edit');
  const mayAddRecommendations = can(user, 'recommendation:edit');
  return (
    <>
      <h1>
        <span className="caption">{REVIEW_KIND_LABELS[review.kind]}</span>
        {review.title}
      </h1>

      <dl className="summary-list">
        <div className="summary-list__row">
          <dt>Kind</dt>
          <dd>{REVIEW_KIND_LABELS[review.kind]}</dd>
        </div>
        <div className="summary-list__row">
          <dt>Commissioned by</dt>
          <dd>{review.commissioningBody}</dd>
        </div>
        <div className="summary-list__row">
          <dt>Period covered</dt>
          <dd>
            {review.periodStart || review.periodEnd ? `${formatDay(review.periodStart)} to ${formatDay(review.periodEnd)}` : 'Not recorded'}
          </dd>
        </div>
        <div className="summary-list__row">
          <dt>Published</dt>
          <dd>{review.publishedOn ? formatDay(review.publishedOn) : 'Not yet'}</dd>
        </div>
        <div className="summary-list__row">
          <dt>Status</dt>
          <dd>{REVIEW_STATUS_LABELS[review.status]}</dd>
        </div>
        <div className="summary-list__row">
          <dt>Summary</dt>
          <dd className="pre-wrap">{review.summary || 'None recorded'}</dd>
        </div>
        <div className="summary-list__row">
          <dt>Source</dt>
          <dd>
            {review.sourceUrl ? (
              <a href={review.sourceUrl} rel="noopener noreferrer">
                {review.sourceUrl}
              </a>
            ) : (
              'None recorded'
            )}
          </dd>
        </div>
      </dl>
      <p>
        <Link href={`/reports/${review.id}`} className="button button--secondary">
          Progress report<span className="visually-hidden"> for this review</span>
        </Link>
      </p>
      {can(user, 'review:edit') ? (
        <p>
          <Link href={`/reviews/${review.id}/edit`}>
            Edit review<span className="visually-hidden"> details</span>
          </Link>
        </p>
      ) : null}

      <h2 id="findings-heading">Findings</h2>
      {unanswered.length ? (
        <div className="notification" role="note" aria-labelledby="unanswered-title">
          <p className="notification__title" id="unanswered-title">
            {unanswered.length === 1 ? '1 finding has' : `${unanswered.length} findings have`} no recommendation answering it
          </p>
          <p className="small">{unanswered.map((finding) => finding.reference).join(', ')}</p>
        </div>
      ) : null}
      {review.findings.length === 0 ? (
        <p>No findings have been recorded yet.</p>
      ) : (
        <div className="table-wrapper" role="region" aria-labelledby="findings-heading" tabIndex={0}>
          <table className="table" aria-labelledby="findings-heading">
            <thead>
              <tr>
                <th scope="col">Reference</th>
                <th scope="col">Finding</th>
                <th scope="col">Theme</th>
                <th scope="col">Severity</th>
                <th scope="col">Status</th>
                <th scope="col">Answered by</th>
                {mayEditFindings ? (
                  <th scope="col">
                    <span className="visually-hidden">Actions</span>
                  </th>
                ) : null}
              </tr>
            </thead>
            <tbody>
              {review.findings.map((finding) => (
                <tr key={finding.id} id={`finding-${finding.id}`}>
                  <th scope="row">{finding.reference}</th>
                  <td>{finding.text}</td>
                  <td>{finding.theme}</td>
                  <td>{SEVERITY_LABELS[finding.severity]}</td>
                  <td>
                    <FindingStatusTag status={finding.status} />
                  </td>
                  <td>
                    {finding.answeredBy.length
                      ? finding.answeredBy.map((r, i) => (
                          <span key={r.id}>
                            {i > 0 ? ', ' : ''}
                            <Link href={`/recommendations/${r.id}`}>{r.reference}</Link>
                          </span>
                        ))
                      : 'None yet'}
                  </td>
                  {mayEditFindings ? (
                    <td>
                      <Link href={`/findings/${finding.id}/edit`}>
                        Edit<span className="visually-hidden"> finding {finding.reference}</span>
                      </Link>
                    </td>
                  ) : null}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {mayEditFindings ? (
        <p>
          <Link href={`/reviews/${review.id}/findings/new`} className="button button--secondary">
            Add a finding
          </Link>
        </p>
      ) : null}

      <h2 id="recommendations-heading">Recommendations</h2>
      {review.recommendations.length === 0 ? (
        <p>No recommendations have been recorded yet.</p>
      ) : (
        <div className="table-wrapper" role="region" aria-labelledby="recommendations-heading" tabIndex={0}>
          <table className="table" aria-labelledby="recommendations-heading">
            <thead>
              <tr>
                <th scope="col">Reference</th>
                <th scope="col">Recommendation</th>
                <th scope="col">Status</th>
                <th scope="col">RAG</th>
                <th scope="col">Owner</th>
                <th scope="col">Due</th>
                {mayAddRecommendations ? (
                  <th scope="col">
                    <span className="visually-hidden">Actions</span>
                  </th>
                ) : null}
              </tr>
            </thead>
            <tbody>
              {review.recommendations.map((r) => (
                <tr key={r.id}>
                  <th scope="row">
                    <Link href={`/recommendations/${r.id}`}>{r.reference}</Link>
                  </th>
                  <td>
                    {r.text}
                    {r.findings.length ? (
                      <span className="small secondary"> (answers {r.findings.map((f) => f.reference).join(', ')})</span>
                    ) : null}
                  </td>
                  <td>
                    <StatusTag status={r.status} />
                  </td>
                  <td>
                    <RagTag rating={r.rag.rating} />
                    {r.rag.overridden ? <span className="small secondary"> (set by a reviewer)</span> : null}
                  </td>
                  <td>
                    {r.ownerAgency.shortName}
                    {r.leadOfficer ? <span className="small secondary">, {r.leadOfficer.name}</span> : null}
                  </td>
                  <td>
                    {formatDay(r.dueDate)}
                    {r.dueDate.getTime() !== r.originalDueDate.getTime() ? (
                      <span className="small secondary"> (originally {formatDay(r.originalDueDate)})</span>
                    ) : null}
                    {r.overdue ? (
                      <>
                        {' '}
                        <strong className="tag tag--red">Overdue</strong>
                      </>
                    ) : null}
                  </td>
                  {mayAddRecommendations ? (
                    <td>
                      <Link href={`/recommendations/${r.id}/edit`}>
                        Edit<span className="visually-hidden"> recommendation {r.reference}</span>
                      </Link>
                    </td>
                  ) : null}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {review.recommendations.length > 0 ? (
        <p>
          <Link href={listHref({ review: review.id })}>Filter and sort these recommendations in the list of all recommendations</Link>
        </p>
      ) : null}
      {mayAddRecommendations ? (
        <p>
          <Link href={`/reviews/${review.id}/recommendations/new`} className="button button--secondary">
            Add a recommendation
          </Link>
        </p>
      ) : null}

      <h2 id="action-plan-heading">Action plan as a spreadsheet</h2>
      <p>
        Download this review&rsquo;s action plan, one row per action:{' '}
        <a href={`/reviews/${review.id}/action-plan?format=xlsx`} download>
          Excel (XLSX)
        </a>{' '}
        or{' '}
        <a href={`/reviews/${review.id}/action-plan?format=csv`} download>
          CSV
        </a>
        . The same columns import back unchanged.
      </p>
      {can(user, 'plan:import') ? (
        <p>
          <Link href={`/reviews/${review.id}/import`} className="button button--secondary">
            Import an action plan from a spreadsheet
          </Link>
        </p>
      ) : null}
    </>
  );
}
