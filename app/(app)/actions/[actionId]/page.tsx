import type { Metadata } from 'next';
import { RagOverride } from '@/components/action/rag-override-form';
import Link from '@/components/link';
import { EvidenceSection } from '@/components/recommendation/evidence-section';
import { MeasuresSection } from '@/components/recommendation/measures-section';
import { Timeline } from '@/components/recommendation/timeline';
import { UpdateProgressForm } from '@/components/recommendation/update-progress-form';
import { RagTag, StatusTag } from '@/components/status-tag';
import { dayOf, daysBetween, formatDateTime, formatDay } from '@/lib/days';
import { plural } from '@/lib/labels';
import { isClosed } from '@/lib/recommendations/status';
import {
  assessEvidenceAction,
  createMeasureAction,
  overrideRagAction,
  submitEvidenceAction,
  updateMeasureValueAction,
  updateProgressAction,
  withdrawRagOverrideAction,
} from './actions';
import { loadAction } from './load-action';
import { noticesForAction } from '@/lib/notices/notices';
import { NOTICE_RULE_WORDS } from '@/lib/notices/rule-words';

type Props = {
  params: Promise<{ actionId: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
};

/** `?history=all` shows every history entry; otherwise the latest. */
async function load({ params, searchParams }: Props) {
  return loadAction((await params).actionId, (await searchParams).history === 'all');
}

export async function generateMetadata(props: Props): Promise<Metadata> {
  const { action } = await load(props);
  return { title: `Action ${action.label}: ${action.recommendation.review.title}` };
}

export default async function ActionPage(props: Props) {
  const { user, action: a } = await load(props);
  const reminders = await noticesForAction(user, a.id);
  const recommendationHref = `/recommendations/${a.recommendation.id}`;
  const slipped = a.dueDate.getTime() !== a.originalDueDate.getTime();
  const slippageDays = daysBetween(dayOf(a.originalDueDate), dayOf(a.dueDate));
  return (
    <>
      <nav aria-label="Breadcrumbs">
        <p className="small">
          <Link href={`/reviews/${a.recommendation.review.id}`}>{a.recommendation.review.title}</Link> ›{' '}
          <Link href={recommendationHref}>Recommendation {a.recommendation.reference}</Link>
        </p>
      </nav>
      {/* Updating progress straight after the facts it changes: the first thing an owner can do, also on a phone. */}
      <h1>
        <span className="caption">Recommendation {a.recommendation.reference}</span>
        Action {a.label}
      </h1>
      {a.text ? (
        <p className="lead pre-wrap">{a.text}</p>
      ) : (
        <>
          <p className="small secondary">The recommendation as written:</p>
          <p className="lead pre-wrap">{a.recommendation.text}</p>
        </>
      )}

      <dl className="summary-list">
        <div className="summary-list__row">
          <dt>Status</dt>
          <dd>
            <StatusTag status={a.status} /> {a.overdue ? <strong className="tag tag--red">Overdue</strong> : null}
            {a.permissions.updateProgress ? (
              <>
                {' '}
                <a href="#update-progress-heading" className="small">
                  Update progress
                </a>
              </>
            ) : null}
          </dd>
        </div>
        <div className="summary-list__row">
          <dt>RAG rating</dt>
          <dd>
            <RagTag rating={a.rag.rating} />{' '}
            <span className="small">
              {a.rag.reasons.join('; ')}
              {a.rag.overridden && a.ragOverrideJustification ? ` – “${a.ragOverrideJustification}”` : ''}
            </span>
          </dd>
        </div>
        <div className="summary-list__row">
          <dt>Owner</dt>
          <dd>
            {a.ownerAgency.name}
            {a.leadOfficer ? `, lead officer: ${a.leadOfficer.name}` : ', no lead officer assigned'}
          </dd>
        </div>
        <div className="summary-list__row">
          <dt>Due date</dt>
          <dd>
            {formatDay(a.dueDate)}
            {slipped ? (
              <p className="small secondary">
                Originally due {formatDay(a.originalDueDate)}: moved {plural(Math.abs(slippageDays), 'day')} {slippageDays > 0 ? 'later' : 'earlier'}
                {a.dueDateChangeReason ? ` (“${a.dueDateChangeReason}”)` : ''}
              </p>
            ) : null}
          </dd>
        </div>
        {a.progressNote ? (
          <div className="summary-list__row">
            <dt>Latest note</dt>
            <dd className="pre-wrap">{a.progressNote}</dd>
          </div>
        ) : null}
        <div className="summary-list__row">
          <dt>Recommendation</dt>
          <dd>
            <Link href={recommendationHref}>{a.recommendation.reference}</Link>: <StatusTag status={a.recommendation.status} />
            {a.otherActions ? (
              <span className="small secondary"> (it has {plural(a.otherActions, 'other action')})</span>
            ) : null}
          </dd>
        </div>
      </dl>

      {a.permissions.updateProgress ? (
        <UpdateProgressForm
          actionId={a.id}
          version={a.version}
          currentStatus={a.status}
          choices={a.statusChoices}
          action={updateProgressAction}
        />
      ) : null}

      {a.permissions.edit ? (
        <p>
          <Link href={`/actions/${a.id}/edit`} className="button button--secondary">
            Edit action<span className="visually-hidden"> {a.label}</span>
          </Link>
        </p>
      ) : null}

      <MeasuresSection action={a} updateMeasureValueAction={updateMeasureValueAction} createMeasureAction={createMeasureAction} />

      <EvidenceSection action={a} submitEvidenceAction={submitEvidenceAction} assessEvidenceAction={assessEvidenceAction} />

      {a.permissions.overrideRag ? (
        <section aria-labelledby="rag-heading">
          <h2 id="rag-heading">RAG rating</h2>
          <p>
            Now: <RagTag rating={a.rag.rating} /> <span className="small secondary">{a.rag.reasons.join('; ')}</span>
          </p>
          {a.ragOverride ? <p className="small">Overridden by a reviewer: “{a.ragOverrideJustification}”</p> : null}
          {isClosed(a.status) ? (
            <p>This action is closed, so it has no RAG rating to override.</p>
          ) : (
            <RagOverride
              actionId={a.id}
              version={a.version}
              current={a.ragOverride ? { rating: a.ragOverride, justification: a.ragOverrideJustification ?? '' } : null}
              overrideRagAction={overrideRagAction}
              withdrawRagOverrideAction={withdrawRagOverrideAction}
            />
          )}
        </section>
      ) : null}

      <h2 id="reminders-heading">Reminders</h2>
      {reminders.length ? (
        <ul className="small" aria-labelledby="reminders-heading">
          {reminders.map((r) => (
            <li key={r.id}>
              Reminder sent to {r.recipient} on {formatDateTime(r.createdAt)} ({NOTICE_RULE_WORDS[r.rule] ?? r.rule})
            </li>
          ))}
        </ul>
      ) : (
        <p className="small secondary">No reminders have been sent about this action.</p>
      )}

      <h2 id="history">History of this action</h2>
      <p className="small">
        Comments, and the history of the whole recommendation, are on{' '}
        <Link href={`${recommendationHref}#history`}>recommendation {a.recommendation.reference}</Link>.
      </p>
      <Timeline events={a.timeline} total={a.historyTotal} pageHref={`/actions/${a.id}`} />
    </>
  );
}
