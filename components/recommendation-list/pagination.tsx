import { PaginationLinks } from '@/components/pagination-links';
import { listHref, type ListPath, type RecommendationListFilters, toListQuery } from '@/lib/recommendations/list-recommendations.schema';

/** Previous, first and next pages of the list by cursor, keeping the filters and sort. */
export function Pagination({
  page,
  filters,
  path = '/recommendations',
}: {
  page: { previousCursor: string | null; nextCursor: string | null };
  filters: RecommendationListFilters;
  path?: ListPath;
}) {
  const query = toListQuery(filters);
  return (
    <PaginationLinks
      previousHref={page.previousCursor ? listHref({ ...query, cursor: page.previousCursor }, path) : null}
      firstHref={filters.cursor ? listHref(query, path) : null}
      nextHref={page.nextCursor ? listHref({ ...query, cursor: page.nextCursor }, path) : null}
    />
  );
}
