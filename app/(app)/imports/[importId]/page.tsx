import type { Metadata } from 'next';
import { cache } from 'react';
import Link from '@/components/link';
import { CommitImportForm } from '@/components/import/commit-import-form';
import { ImportPreview } from '@/components/import/import-preview';
import { ImportSettingsForm } from '@/components/import/import-settings-form';
import { orNotFound } from '@/app/(app)/or-not-found';
import { can } from '@/lib/auth/permissions';
import { requireUser } from '@/lib/auth/session';
import { formatDateTime } from '@/lib/days';
import { getPlanImport } from '@/lib/imports/get-import';
import { RuleError } from '@/lib/errors';
import { commitImportAction, saveImportSettingsAction } from '../actions';

type Props = { params: Promise<{ importId: string }> };

/** The upload and its preview, once per request (metadata and page); null for a user who may not import. */
const load = cache(async (importId: string) => {
  const user = await requireUser();
  if (!can(user, 'plan:import')) return null;
  try {
    return await orNotFound(getPlanImport(user, importId));
  } catch (error) {
    // The stored file no longer reads (it always did when uploaded): say so rather than fail.
    if (error instanceof RuleError) return { unreadable: error.message };
    throw error;
  }
});

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const loaded = await load((await params).importId);
  return { title: loaded && 'fileName' in loaded ? `Import “${loaded.fileName}”` : 'Import an action plan' };
}

export default async function ImportPage({ params }: Props) {
  const loaded = await load((await params).importId);
  if (!loaded) {
    return (
      <>
        <h1>Import an action plan</h1>
        <p>You do not have permission to import action plans. Only reviewers can do this.</p>
      </>
    );
  }
  if ('unreadable' in loaded) {
    return (
      <>
        <h1>Import an action plan</h1>
        <p>{loaded.unreadable}</p>
      </>
    );
  }
  const upload = loaded;
  return (
    <>
      <p className="small">
        <Link href={`/reviews/${upload.review.id}`}>{upload.review.title}</Link>
        {' · '}
        <Link href={`/reviews/${upload.review.id}/import`}>Upload another file</Link>
      </p>
      <h1>
        <span className="caption">Import into {upload.review.title}</span>
        {upload.fileName}
      </h1>
      <dl className="summary-list">
        <div className="summary-list__row">
          <dt>Uploaded</dt>
          <dd>
            {formatDateTime(upload.createdAt)} by {upload.uploadedBy}
          </dd>
        </div>
        <div className="summary-list__row">
          <dt>SHA-256</dt>
          <dd>
            <code>{upload.sha256}</code>
          </dd>
        </div>
        <div className="summary-list__row">
          <dt>Sheet</dt>
          <dd>
            {upload.sheetName}, headings in row {upload.headerRow}
          </dd>
        </div>
      </dl>

      {upload.committed ? (
        <div className="notification notification--success" role="status">
          <p className="notification__title">Imported on {formatDateTime(upload.committedAt!)}</p>
          <p>
            The review&rsquo;s history names this file and the row each change came from.{' '}
            <Link href={`/reviews/${upload.review.id}`}>Back to the review</Link>
          </p>
        </div>
      ) : (
        <>
          <ImportPreview plan={upload.plan} />
          {/* Each preview is its own: a new version or plan gives the forms fresh values (the version and fingerprint they send). */}
          <ImportSettingsForm
            key={`settings-${upload.version}`}
            importId={upload.id}
            version={upload.version}
            sheets={upload.sheets}
            sheetName={upload.sheetName}
            headerRow={upload.headerRow}
            headers={upload.headers}
            samples={upload.samples}
            columns={upload.settings.columns}
            statusWords={upload.plan.statusWords}
            defaultDueDate={upload.settings.defaultDueDate}
            defaultFindingId={upload.settings.defaultFindingId}
            findings={upload.findings}
            action={saveImportSettingsAction}
          />
          <CommitImportForm
            key={`commit-${upload.version}-${upload.fingerprint}`}
            importId={upload.id}
            version={upload.version}
            fingerprint={upload.fingerprint}
            toWrite={upload.plan.counts.toWrite}
            rowsWithProblems={upload.plan.counts.withProblems}
            action={commitImportAction}
          />
        </>
      )}
    </>
  );
}
