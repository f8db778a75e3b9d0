import Link from '@/components/link';
import { SortableHeader } from '@/components/recommendation-list/results-table';
import { ProgressCells } from '@/components/recommendation-list/row-cells';
import { truncate } from '@/components/recommendation-list/text';
import type { ActionListPage, ActionListRow } from '@/lib/actions/list-actions';
import { BULK_FORM_ID, BULK_ITEM_NAME } from './bulk-selection';
import { SelectAllActions } from './select-all';
import { plural } from '@/lib/labels';
import { hasFilters, listHref, type ListQuery, type RecommendationListFilters, toListQuery } from '@/lib/recommendations/list-recommendations.schema';

/** The actions list's results: one row per action, named "R3.1", with its agency, lead officer, due date, status and RAG. */
export function ActionResultsTable({
  page,
  filters,
  selectable,
}: {
  page: ActionListPage;
  filters: RecommendationListFilters;
  /** Which rows the user may select for a bulk update (none: no selection column). */
  selectable?: (row: ActionListRow) => boolean;
}) {
  const matching = page.total === 1 ? ' matches your filters' : ' match your filters';
  const caption = `${plural(page.total, 'action')}${hasFilters(filters) ? matching : ''}`;
  if (page.rows.length === 0) {
    return (
      <p>
        <strong>No actions match your filters.</strong> Try fewer filters, or{' '}
        <Link href={listHref({ sort: filters.sort, dir: filters.dir }, '/actions')}>clear them all</Link>.
      </p>
    );
  }
  const showing = page.total > page.rows.length ? `, ${page.rows.length} shown on this page` : '';
  const filtered = (change: ListQuery) => listHref({ ...toListQuery(filters), ...change }, '/actions');
  return (
    // Focusable: keyboard users scroll a wide table inside it (WCAG 1.4.10, 2.1.1).
    <div className="table-wrapper" role="region" aria-label={caption} tabIndex={0}>
      <table className="table">
        <caption>
          {caption}
          <span className="small secondary normal-weight">{showing}</span>
        </caption>
        <thead>
          <tr>
            {selectable ? (
              <th scope="col">
                <SelectAllActions />
              </th>
            ) : null}
            <th scope="col">Action</th>
            <th scope="col">Review</th>
            <th scope="col">What is to be done</th>
            <th scope="col">Owner</th>
            <th scope="col">Lead officer</th>
            <SortableHeader sort="due" label="Due date" filters={filters} path="/actions" />
            <SortableHeader sort="status" label="Status" filters={filters} path="/actions" />
            <th scope="col">RAG</th>
            <SortableHeader sort="updated" label="Last update" filters={filters} path="/actions" />
          </tr>
        </thead>
        <tbody>
          {page.rows.map((row) => (
            <tr key={row.id}>
              {selectable ? (
                <td>
                  {selectable(row) ? (
                    <input
                      type="checkbox"
                      className="checkboxes__input"
                      form={BULK_FORM_ID}
                      name={BULK_ITEM_NAME}
                      value={`${row.id}:${row.version}`}
                      aria-label={`Select ${row.label} of ${row.review.title}`}
                    />
                  ) : null}
                </td>
              ) : null}
              <td>
                <Link href={`/actions/${row.id}`}>
                  {row.label}
                  <span className="visually-hidden"> of {row.review.title}</span>
                </Link>
              </td>
              <td>
                <span className="results-review">
                  {filters.review ? (
                    row.review.title
                  ) : (
                    <Link href={filtered({ review: row.review.id })}>
                      {row.review.title}
                      <span className="visually-hidden"> (show only this review&rsquo;s actions)</span>
                    </Link>
                  )}
                </span>
              </td>
              <td>{truncate(row.text)}</td>
              <td>{row.ownerAgency.shortName}</td>
              <td>
                {!row.leadOfficer ? (
                  <span className="secondary">None assigned</span>
                ) : filters.lead ? (
                  row.leadOfficer.name
                ) : (
                  <Link href={filtered({ lead: row.leadOfficer.id })}>
                    {row.leadOfficer.name}
                    <span className="visually-hidden"> (show only the actions they lead)</span>
                  </Link>
                )}
              </td>
              <ProgressCells row={row} />
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
