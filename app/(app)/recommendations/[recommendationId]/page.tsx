import type { Metadata } from 'next';
import Link from '@/components/link';
import { CommentForm } from '@/components/recommendation/comment-form';
import { DecisionForm } from '@/components/recommendation/decision-form';
import { Timeline } from '@/components/recommendation/timeline';
import { RagTag, StatusTag } from '@/components/status-tag';
import { plural, PRIORITY_LABELS, RESPONSE_LABELS } from '@/lib/labels';
import { dayOf, daysBetween, formatDay } from '@/lib/days';
import { addCommentAction, decideRecommendationAction } from './actions';
import { loadRecommendation } from './load-recommendation';

type Props = {
  params: Promise<{ recommendationId: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
};

/** `?history=all` shows every history entry; otherwise the latest. */
async function load({ params, searchParams }: Props) {
  return loadRecommendation((await params).recommendationId, (await searchParams).history === 'all');
}

export async function generateMetadata(props: Props): Promise<Metadata> {
  const { recommendation } = await load(props);
  return { title: `${recommendation.reference}: ${recommendation.review.title}` };
}

export default async function RecommendationPage(props: Props) {
  const { recommendation: r } = await load(props);
  const slipped = r.dueDate.getTime() !== r.originalDueDate.getTime();
  const slippageDays = daysBetween(dayOf(r.originalDueDate), dayOf(r.dueDate));
  const only = r.actions.length === 1 ? r.actions[0]! : null;
  // The actions this user may update: what an owner came here for, straight after the facts.
  const mine = r.actions.filter((action) => action.mayUpdateProgress);
  return (
    <>
      <p className="small">
        <Link href={`/reviews/${r.review.id}`}>{r.review.title}</Link>
      </p>
      <h1>Recommendation {r.reference}</h1>
      <p className="lead pre-wrap">{r.text}</p>

      <dl className="summary-list">
        <div className="summary-list__row">
          <dt>Status</dt>
          <dd>
            <StatusTag status={r.status} /> {r.overdue ? <strong className="tag tag--red">Overdue</strong> : null}
            {r.actions.length > 1 ? <p className="small secondary">Follows from its {r.actions.length} actions</p> : null}
          </dd>
        </div>
        <div className="summary-list__row">
          <dt>RAG rating</dt>
          <dd>
            <RagTag rating={r.rag.rating} /> <span className="small">{r.rag.reasons.join('; ')}</span>
            {r.rag.overridden ? <span className="small secondary"> (set by a reviewer)</span> : null}
          </dd>
        </div>
        <div className="summary-list__row">
          <dt>Lead agency</dt>
          <dd>
            {r.ownerAgency.name}
            {r.leadOfficer ? `, lead officer: ${r.leadOfficer.name}` : ', no lead officer assigned'}
          </dd>
        </div>
        <div className="summary-list__row">
          <dt>Due date</dt>
          <dd>
            {formatDay(r.dueDate)}
            {r.actions.length > 1 ? <span className="small secondary"> (its latest action&apos;s)</span> : null}
            {slipped ? (
              <p className="small secondary">
                Originally due {formatDay(r.originalDueDate)}: moved {plural(Math.abs(slippageDays), 'day')} {slippageDays > 0 ? 'later' : 'earlier'}
              </p>
            ) : null}
          </dd>
        </div>
      </dl>

      {mine.length ? (
        <p>
          {only ? (
            <Link href={`/actions/${only.id}#update-progress-heading`} className="button">
              Update progress<span className="visually-hidden"> on {only.label}</span>
            </Link>
          ) : (
            mine.map((action) => (
              <span key={action.id}>
                <Link href={`/actions/${action.id}#update-progress-heading`} className="button">
                  Update progress on {action.label}
                </Link>{' '}
              </span>
            ))
          )}
        </p>
      ) : null}

      <h2 id="actions-heading">Actions</h2>
      <div className="table-wrapper" role="region" aria-labelledby="actions-heading" tabIndex={0}>
        <table className="table">
          <caption className="visually-hidden">The actions that carry out recommendation {r.reference}, each owned by one agency</caption>
          <thead>
            <tr>
              <th scope="col">Reference</th>
              <th scope="col">Action</th>
              <th scope="col">Owner</th>
              <th scope="col">Status</th>
              <th scope="col">RAG</th>
              <th scope="col">Due</th>
            </tr>
          </thead>
          <tbody>
            {r.actions.map((action) => (
              <tr key={action.id}>
                <th scope="row">
                  <Link href={`/actions/${action.id}`}>{action.label}</Link>
                </th>
                <td className="pre-wrap">{action.text ?? <span className="secondary">As the recommendation</span>}</td>
                <td>
                  {action.ownerAgency.name}
                  <span className="small secondary">, {action.leadOfficer ? action.leadOfficer.name : 'no lead officer assigned'}</span>
                </td>
                <td>
                  <StatusTag status={action.status} />
                </td>
                <td>
                  <RagTag rating={action.rag.rating} />
                  {action.rag.overridden ? <span className="small secondary"> (set by a reviewer)</span> : null}
                </td>
                <td>
                  {formatDay(action.dueDate)}
                  {action.dueDate.getTime() !== action.originalDueDate.getTime() ? (
                    <span className="small secondary"> (originally {formatDay(action.originalDueDate)})</span>
                  ) : null}
                  {action.overdue ? (
                    <>
                      {' '}
                      <strong className="tag tag--red">Overdue</strong>
                    </>
                  ) : null}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {r.permissions.addAction ? (
        <p>
          <Link href={`/recommendations/${r.id}/actions/new`} className="button button--secondary">
            Add an action<span className="visually-hidden"> to recommendation {r.reference}</span>
          </Link>
        </p>
      ) : null}

      {r.byAgency.length > 1 ? (
        <>
          <h2 id="by-agency-heading">By agency</h2>
          <div className="table-wrapper" role="region" aria-labelledby="by-agency-heading" tabIndex={0}>
            <table className="table">
              <caption className="visually-hidden">Each agency&apos;s actions on recommendation {r.reference}: how many, done and overdue</caption>
              <thead>
                <tr>
                  <th scope="col">Agency</th>
                  <th scope="col" className="numeric">
                    Actions
                  </th>
                  <th scope="col" className="numeric">
                    Done
                  </th>
                  <th scope="col" className="numeric">
                    Overdue
                  </th>
                </tr>
              </thead>
              <tbody>
                {r.byAgency.map((row) => (
                  <tr key={row.agency.id}>
                    <th scope="row">{row.agency.name}</th>
                    <td className="numeric">{row.actions}</td>
                    <td className="numeric">{row.done}</td>
                    <td className="numeric">{row.overdue}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </>
      ) : null}

      <h2>Details</h2>
      <dl className="summary-list">
        <div className="summary-list__row">
          <dt>Priority</dt>
          <dd>{PRIORITY_LABELS[r.priority]}</dd>
        </div>
        <div className="summary-list__row">
          <dt>Partnership response</dt>
          <dd>{RESPONSE_LABELS[r.response]}</dd>
        </div>
        <div className="summary-list__row">
          <dt>Answers findings</dt>
          <dd>
            {r.findings.length ? (
              <ul className="small">
                {r.findings.map((finding) => (
                  <li key={finding.id}>
                    <strong>{finding.reference}</strong>: {finding.text}
                  </li>
                ))}
              </ul>
            ) : (
              'None recorded'
            )}
          </dd>
        </div>
      </dl>
      {r.permissions.edit ? (
        <p>
          <Link href={`/recommendations/${r.id}/edit`} className="button button--secondary">
            Edit recommendation<span className="visually-hidden"> {r.reference}</span>
          </Link>
        </p>
      ) : null}

      {r.permissions.decide && r.decisionChoices.offered.length ? (
        <DecisionForm
          recommendationId={r.id}
          version={r.version}
          currentStatus={r.status}
          choices={r.decisionChoices}
          action={decideRecommendationAction}
        />
      ) : null}

      <h2 id="history">History</h2>
      {r.permissions.comment ? <CommentForm recommendationId={r.id} action={addCommentAction} /> : null}
      <Timeline events={r.timeline} total={r.historyTotal} pageHref={`/recommendations/${r.id}`} />
    </>
  );
}
