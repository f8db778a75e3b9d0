import type { Metadata } from 'next';
import Link from '@/components/link';
import { CommentForm } from '@/components/recommendation/comment-form';
import { EvidenceSection } from '@/components/recommendation/evidence-section';
import { MeasuresSection } from '@/components/recommendation/measures-section';
import { Timeline } from '@/components/recommendation/timeline';
import { UpdateProgressForm } from '@/components/recommendation/update-progress-form';
import { RagTag, StatusTag } from '@/components/status-tag';
import { plural, PRIORITY_LABELS, RESPONSE_LABELS } from '@/lib/labels';
import { dayOf, daysBetween, formatDay } from '@/lib/days';
import {
  addCommentAction,
  assessEvidenceAction,
  createMeasureAction,
  submitEvidenceAction,
  updateMeasureValueAction,
  updateProgressAction,
} from './actions';
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
  return (
    <>
      <p className="small">
        <Link href={`/reviews/${r.review.id}`}>{r.review.title}</Link>
      </p>
      {/* A short heading, the text below it, and updating progress straight after the facts it changes:
          the first thing an owner can do, also on a phone. */}
      <h1>Recommendation {r.reference}</h1>
      <p className="lead pre-wrap">{r.text}</p>

      <dl className="summary-list">
        <div className="summary-list__row">
          <dt>Status</dt>
          <dd>
            <StatusTag status={r.status} /> {r.overdue ? <strong className="tag tag--red">Overdue</strong> : null}
            {r.permissions.updateProgress ? (
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
            <RagTag rating={r.rag.rating} />{' '}
            <span className="small">
              {r.rag.reasons.join('; ')}
              {r.rag.overridden && r.ragOverrideJustification ? ` – “${r.ragOverrideJustification}”` : ''}
            </span>
          </dd>
        </div>
        <div className="summary-list__row">
          <dt>Owner</dt>
          <dd>
            {r.ownerAgency.name}
            {r.leadOfficer ? `, lead officer: ${r.leadOfficer.name}` : ', no lead officer assigned'}
          </dd>
        </div>
        <div className="summary-list__row">
          <dt>Due date</dt>
          <dd>
            {formatDay(r.dueDate)}
            {slipped ? (
              <p className="small secondary">
                Originally due {formatDay(r.originalDueDate)}: moved {plural(Math.abs(slippageDays), 'day')} {slippageDays > 0 ? 'later' : 'earlier'}
                {r.dueDateChangeReason ? ` (“${r.dueDateChangeReason}”)` : ''}
              </p>
            ) : null}
          </dd>
        </div>
        {r.progressNote ? (
          <div className="summary-list__row">
            <dt>Latest note</dt>
            <dd className="pre-wrap">{r.progressNote}</dd>
          </div>
        ) : null}
      </dl>

      {r.permissions.updateProgress ? (
        <UpdateProgressForm
          recommendationId={r.id}
          version={r.version}
          currentStatus={r.status}
          choices={r.statusChoices}
          action={updateProgressAction}
        />
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

      <MeasuresSection recommendation={r} updateMeasureValueAction={updateMeasureValueAction} createMeasureAction={createMeasureAction} />

      <EvidenceSection
        recommendation={r}
        submitEvidenceAction={submitEvidenceAction}
        assessEvidenceAction={assessEvidenceAction}
      />

      <h2 id="history">History</h2>
      {r.permissions.comment ? <CommentForm recommendationId={r.id} action={addCommentAction} /> : null}
      <Timeline events={r.timeline} total={r.historyTotal} recommendationId={r.id} />
    </>
  );
}
