import type { Metadata } from 'next';
import { ActionResultsTable } from '@/components/action/action-results-table';
import { FiltersForm } from '@/components/recommendation-list/filters-form';
import { IgnoredParams } from '@/components/recommendation-list/ignored-params';
import { Pagination } from '@/components/recommendation-list/pagination';
import { BulkUpdateForm } from '@/components/action/bulk-update-form';
import { type ActionListRow, listActions } from '@/lib/actions/list-actions';
import { can } from '@/lib/auth/permissions';
import { bulkUpdateActionsAction } from './actions';
import { requireUser } from '@/lib/auth/session';
import { listFilterOptions } from '@/lib/recommendations/list-recommendations';
import { parseListParams } from '@/lib/recommendations/list-recommendations.schema';

export const metadata: Metadata = { title: 'Actions' };

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

/**
 * Every live action across all reviews: each agency's part of the
 * recommendations. The same filters, in the same URL parameters, as the
 * recommendations list, applied to the action (its agency, lead officer,
 * status, due date).
 */
export default async function ActionsPage({ searchParams }: Props) {
  const user = await requireUser();
  // Lenient: a bad value in a shared link is dropped and reported, never an error page.
  const { filters, ignored } = parseListParams(await searchParams);
  const [page, options] = await Promise.all([listActions(user, filters), listFilterOptions(user, filters)]);
  // Offered for the actions the user may update (the server checks each one again): reviewers any, owners their agency's.
  const mayUpdate = can(user, 'recommendation:update-progress');
  const selectable = mayUpdate
    ? () => true
    : can(user, 'recommendation:update-progress', { ownerAgencyId: user.agencyId })
      ? (row: ActionListRow) => row.ownerAgency.id === user.agencyId
      : undefined;
  return (
    <>
      <h1>
        <span className="caption">All reviews</span>
        Actions
      </h1>
      <IgnoredParams ignored={ignored} />
      <FiltersForm filters={filters} options={options} path="/actions" />
      <h2 className="visually-hidden">Results</h2>
      <ActionResultsTable page={page} filters={filters} selectable={selectable} />
      <Pagination page={page} filters={filters} path="/actions" />
      {selectable && page.rows.some(selectable) ? <BulkUpdateForm mayMoveDueDates={can(user, 'recommendation:change-due-date')} action={bulkUpdateActionsAction} /> : null}
    </>
  );
}
