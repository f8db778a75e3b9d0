import type { Metadata } from 'next';
import { ReviewPageHeading } from '@/components/review/review-page-heading';
import { UploadPlanForm } from '@/components/import/upload-plan-form';
import { NoPermission } from '@/components/review/no-permission';
import { can } from '@/lib/auth/permissions';
import { DATE_RULE_TEXT } from '@/lib/imports/cell-values';
import { IMPORT_FIELD_LABELS } from '@/lib/imports/columns';
import { PLAN_COLUMNS } from '@/lib/imports/export-plan-columns';
import { uploadPlanAction } from '@/app/(app)/imports/actions';
import { loadReview } from '../load-review';

type Props = { params: Promise<{ reviewId: string }> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { review } = await loadReview((await params).reviewId);
  return { title: `Import an action plan: ${review.title}` };
}

export default async function ImportPlanPage({ params }: Props) {
  const { user, review } = await loadReview((await params).reviewId);
  return (
    <>
      <ReviewPageHeading review={review}>Import an action plan from a spreadsheet</ReviewPageHeading>
      {can(user, 'plan:import') ? (
        <>
          <p>
            Bring in the plan you already keep: one row for each action (or each recommendation). Followthrough finds the row
            with the column headings, recognises the usual ones, and shows you what it would create and change, row by row,
            before anything is written.
          </p>
          <ul>
            <li>
              Rows are matched to this review&rsquo;s recommendations and actions by reference, so a plan can be imported again
              after it has been edited: you see the differences first, and rows missing from the file are listed, never archived.
            </li>
            <li>{DATE_RULE_TEXT}</li>
            <li>
              A status such as &ldquo;Complete&rdquo; or &ldquo;Ongoing&rdquo; is offered one of Followthrough&rsquo;s statuses to
              confirm. Implemented and verified are imported as the file says, and marked in the history as imported.
            </li>
          </ul>
          <p>
            Start from the template ({' '}
            <a href="/imports/template?format=xlsx" download>
              Excel
            </a>
            ,{' '}
            <a href="/imports/template?format=csv" download>
              CSV
            </a>
            ), or from this review&rsquo;s plan as it is now (
            <a href={`/reviews/${review.id}/action-plan?format=xlsx`} download>
              Excel
            </a>
            ,{' '}
            <a href={`/reviews/${review.id}/action-plan?format=csv`} download>
              CSV
            </a>
            ). Their columns: {PLAN_COLUMNS.map((field) => IMPORT_FIELD_LABELS[field]).join(', ')}.
          </p>
          <UploadPlanForm reviewId={review.id} action={uploadPlanAction} />
        </>
      ) : (
        <NoPermission what="import action plans" backHref={`/reviews/${review.id}`} backLabel="Back to the review" />
      )}
    </>
  );
}
