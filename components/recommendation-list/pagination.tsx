import { PaginationLinks } from '@/components/pagination-links';
import type { RecommendationListPage } from '@/lib/recommendations/list-recommendations';
import { listHref, type RecommendationListFilters, toListQuery } from '@/lib/recommendations/list-recommendations.schema';

/** Previous, first and next pages of the list by cursor, keeping the filters and sort. */
export function Pagination({ page, filters }: { page: RecommendationListPage; filters: RecommendationListFilters }) {
  const query = toListQuery(filters);
  return (
    <PaginationLinks
      previousHref={page.previousCursor ? listHref({ ...query, cursor: page.previousCursor }) : null}
      firstHref={filters.cursor ? listHref(query) : null}
      nextHref={page.nextCursor ? listHref({ ...query, cursor: page.nextCursor }) : null}
    />
  );
}
