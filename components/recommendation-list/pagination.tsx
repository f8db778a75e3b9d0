import Link from 'next/link';
import type { RecommendationListPage } from '@/lib/recommendations/list-recommendations';
import { listHref, type RecommendationListFilters, toListQuery } from '@/lib/recommendations/list-recommendations.schema';

/** Previous and next pages (GOV.UK pagination, "previous and next" variant), keeping the filters and sort. */
export function Pagination({ page, filters }: { page: RecommendationListPage; filters: RecommendationListFilters }) {
  if (!page.previousCursor && !page.nextCursor) return null;
  const query = toListQuery(filters);
  return (
    <nav aria-label="Pagination">
      <ul className="pagination">
        {page.previousCursor ? (
          <li>
            <Link href={listHref({ ...query, cursor: page.previousCursor })} rel="prev">
              <span aria-hidden="true">← </span>Previous<span className="visually-hidden"> page</span>
            </Link>
          </li>
        ) : null}
        {filters.cursor ? (
          <li>
            <Link href={listHref(query)}>
              First<span className="visually-hidden"> page</span>
            </Link>
          </li>
        ) : null}
        {page.nextCursor ? (
          <li>
            <Link href={listHref({ ...query, cursor: page.nextCursor })} rel="next">
              Next<span className="visually-hidden"> page</span>
              <span aria-hidden="true"> →</span>
            </Link>
          </li>
        ) : null}
      </ul>
    </nav>
  );
}
