import Link from '@/components/link';

/**
 * Previous, first and next page links (GOV.UK pagination, "previous and next"
 * variant), with where the reader is when the pages are numbered. Each list
 * works out its own links (by cursor or by page number).
 */
export function PaginationLinks({
  previousHref,
  firstHref,
  nextHref,
  position,
}: {
  previousHref?: string | null;
  firstHref?: string | null;
  nextHref?: string | null;
  /** For numbered pages, e.g. "Page 2 of 50". */
  position?: string;
}) {
  if (!previousHref && !nextHref) return null;
  return (
    <nav aria-label="Pagination">
      <ul className="pagination">
        {previousHref ? (
          <li>
            <Link href={previousHref} rel="prev">
              <span aria-hidden="true">← </span>Previous<span className="visually-hidden"> page</span>
            </Link>
          </li>
        ) : null}
        {firstHref ? (
          <li>
            <Link href={firstHref}>
              First<span className="visually-hidden"> page</span>
            </Link>
          </li>
        ) : null}
        {position ? <li>{position}</li> : null}
        {nextHref ? (
          <li>
            <Link href={nextHref} rel="next">
              Next<span className="visually-hidden"> page</span>
              <span aria-hidden="true"> →</span>
            </Link>
          </li>
        ) : null}
      </ul>
    </nav>
  );
}

/** The links for page `page` of `pageCount` numbered pages at `path` (`?page=N`, none for the first), keeping `query`. */
export function NumberedPagination({ path, page, pageCount, query = {} }: { path: string; page: number; pageCount: number; query?: Record<string, string> }) {
  const href = (n: number) => {
    const params = new URLSearchParams(Object.entries(query).filter(([, value]) => value !== ''));
    if (n > 1) params.set('page', String(n));
    const search = params.toString();
    return search ? `${path}?${search}` : path;
  };
  return (
    <PaginationLinks
      previousHref={page > 1 ? href(page - 1) : null}
      firstHref={page > 2 ? href(1) : null}
      nextHref={page < pageCount ? href(page + 1) : null}
      position={`Page ${page} of ${pageCount}`}
    />
  );
}
