import Link from '@/components/link';
import { plural } from '@/lib/labels';
import type { RecommendationListPage } from '@/lib/recommendations/list-recommendations';
import {
  DEFAULT_DIR,
  hasFilters,
  type ListPath,
  type ListSort,
  listHref,
  type RecommendationListFilters,
  toListQuery,
} from '@/lib/recommendations/list-recommendations.schema';
import { ProgressCells } from './row-cells';
import { truncate } from './text';

const DIR_WORDS = { asc: 'ascending', desc: 'descending' } as const;

/** A column header that sorts the list by its column, keeping the filters (and going back to the first page). */
export function SortableHeader({
  sort,
  label,
  filters,
  path = '/recommendations',
}: {
  sort: ListSort;
  label: string;
  filters: RecommendationListFilters;
  path?: ListPath;
}) {
  const current = filters.sort === sort;
  const nextDir = current ? (filters.dir === 'asc' ? 'desc' : 'asc') : DEFAULT_DIR[sort];
  const href = listHref({ ...toListQuery(filters), sort, dir: nextDir }, path);
  return (
    <th scope="col" aria-sort={current ? DIR_WORDS[filters.dir] : 'none'}>
      <Link href={href}>
        {label}
        <span className="visually-hidden">, sort {DIR_WORDS[nextDir]}</span>
        {current ? <span aria-hidden="true">{filters.dir === 'asc' ? ' ▲' : ' ▼'}</span> : null}
      </Link>
    </th>
  );
}

export function ResultsTable({ page, filters }: { page: RecommendationListPage; filters: RecommendationListFilters }) {
  const matching = page.total === 1 ? ' matches your filters' : ' match your filters';
  const caption = `${plural(page.total, 'recommendation')}${hasFilters(filters) ? matching : ''}`;
  if (page.rows.length === 0) {
    return (
      <p>
        <strong>No recommendations match your filters.</strong> Try fewer filters, or{' '}
        <Link href={listHref({ sort: filters.sort, dir: filters.dir })}>clear them all</Link>.
      </p>
    );
  }
  const showing = page.total > page.rows.length ? `, ${page.rows.length} shown on this page` : '';
  return (
    // Focusable: keyboard users scroll a wide table inside it (WCAG 1.4.10, 2.1.1).
    <div className="table-wrapper" role="region" aria-label={caption} tabIndex={0}>
      <table className="table">
        <caption>
          {caption}
          <span className="small secondary normal-weight">
            {showing}
          </span>
        </caption>
        <thead>
          <tr>
            <th scope="col">Reference</th>
            <th scope="col">Review</th>
            <th scope="col">Recommendation</th>
            <th scope="col">Owner</th>
            <th scope="col">Lead officer</th>
            <SortableHeader sort="due" label="Due date" filters={filters} />
            <SortableHeader sort="status" label="Status" filters={filters} />
            <th scope="col">RAG</th>
            <SortableHeader sort="updated" label="Last update" filters={filters} />
          </tr>
        </thead>
        <tbody>
          {page.rows.map((row) => (
            <tr key={row.id}>
              <td>
                <Link href={`/recommendations/${row.id}`}>
                  {row.reference}
                  <span className="visually-hidden"> of {row.review.title}</span>
                </Link>
              </td>
              <td>
                {/* A narrow column: review titles are long, and the same on many rows. */}
                <span className="results-review">
                  {filters.review ? (
                    row.review.title
                  ) : (
                    <Link href={listHref({ ...toListQuery(filters), review: row.review.id })}>
                      {row.review.title}
                      <span className="visually-hidden"> (show only this review&rsquo;s recommendations)</span>
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
                  <Link href={listHref({ ...toListQuery(filters), lead: row.leadOfficer.id })}>
                    {row.leadOfficer.name}
                    <span className="visually-hidden"> (show only the recommendations they lead)</span>
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
