import type { Assessment } from '@/lib/generated/prisma/enums';
import { FILE_KINDS, formatFileSize } from '@/lib/evidence/file-type';
import { ASSESSMENT_LABELS, EVIDENCE_KIND_LABELS } from '@/lib/labels';
import { formatDateTime } from '@/lib/days';
import type { ActionDetail } from '@/lib/actions/get-action';
import type { ActionResult } from '@/lib/server-action';
import { AssessEvidenceForm } from './assess-evidence-form';
import { EvidenceForm } from './evidence-form';

const ASSESSMENT_TAGS: Record<Assessment, string> = {
  PENDING: 'tag',
  ACCEPTED: 'tag tag--green',
  INSUFFICIENT: 'tag tag--red',
};

const FILE_TYPE_NAMES = new Map(Object.values(FILE_KINDS).map((kind) => [kind.mediaType, kind.extension.toUpperCase()]));

function linkHost(url: string) {
  try {
    return new URL(url).host;
  } catch {
    return url;
  }
}

/**
 * The action's evidence: each piece with its link or file, who
 * submitted it and its assessment; reviewers assess pending pieces (never
 * their own), and those allowed submit more.
 */
export function EvidenceSection({
  action,
  submitEvidenceAction,
  assessEvidenceAction,
}: {
  action: ActionDetail;
  submitEvidenceAction: (input: FormData) => Promise<ActionResult<{ evidenceId: string }>>;
  assessEvidenceAction: (input: unknown) => Promise<ActionResult<{ version: number }>>;
}) {
  const { evidence, permissions } = action;
  return (
    <section aria-labelledby="evidence-heading">
      <h2 id="evidence-heading">Evidence</h2>
      {evidence.length === 0 ? (
        <p>No evidence has been submitted yet.</p>
      ) : (
        <ul className="card-list" aria-label="Evidence, newest first">
          {evidence.map((item) => {
            const titleId = `evidence-${item.id}-title`;
            return (
              <li key={item.id} className="card">
                <h3 id={titleId}>{item.title}</h3>
                <p className="small">
                  <strong className={ASSESSMENT_TAGS[item.assessment]}>{ASSESSMENT_LABELS[item.assessment]}</strong>{' '}
                  <span className="tag">{EVIDENCE_KIND_LABELS[item.kind]}</span>
                </p>
                {item.description ? <p className="pre-wrap">{item.description}</p> : null}
                {item.file ? (
                  <p>
                    <a href={`/evidence/${item.id}/file`} download={item.file.fileName}>
                      Download {item.file.fileName}
                    </a>{' '}
                    <span className="small secondary">
                      ({FILE_TYPE_NAMES.get(item.file.mediaType) ?? 'file'}, {formatFileSize(item.file.size)})
                    </span>
                  </p>
                ) : item.url ? (
                  <p>
                    <a href={item.url} rel="noopener noreferrer external">
                      Open the link<span className="visually-hidden"> to “{item.title}”</span>
                    </a>{' '}
                    <span className="small secondary">({linkHost(item.url)})</span>
                  </p>
                ) : null}
                <p className="small secondary">
                  Submitted by {item.submittedBy.name} on{' '}
                  <time dateTime={item.submittedAt.toISOString()}>{formatDateTime(item.submittedAt)}</time>
                </p>
                {item.assessment !== 'PENDING' ? (
                  <div>
                    <p className="small">
                      Assessed as {ASSESSMENT_LABELS[item.assessment].toLowerCase()} by {item.assessedBy?.name ?? 'a reviewer'}
                      {item.assessedAt ? (
                        <>
                          {' '}
                          on <time dateTime={item.assessedAt.toISOString()}>{formatDateTime(item.assessedAt)}</time>
                        </>
                      ) : null}
                    </p>
                    {item.assessmentComment ? <blockquote className="timeline__note">{item.assessmentComment}</blockquote> : null}
                  </div>
                ) : item.mayAssess ? (
                  <AssessEvidenceForm evidenceId={item.id} version={item.version} evidenceTitle={item.title} action={assessEvidenceAction} />
                ) : permissions.assessEvidence ? (
                  <p className="small">
                    <strong>You submitted this</strong>, so another reviewer must assess it.
                  </p>
                ) : null}
              </li>
            );
          })}
        </ul>
      )}
      {permissions.submitEvidence ? <EvidenceForm actionId={action.id} action={submitEvidenceAction} /> : null}
    </section>
  );
}
