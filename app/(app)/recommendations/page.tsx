import type { Metadata } from 'next';
import { FiltersForm } from '@/components/recommendation-list/filters-form';
import { IgnoredParams } from '@/components/recommendation-list/ignored-params';
import { Pagination } from '@/components/recommendation-list/pagination';
import { ResultsTable } from '@/components/recommendation-list/results-table';
import { requireUser } from '@/lib/auth/session';
import { listFilterOptions, listRecommendations } from '@/lib/recommendations/list-recommendations';
import { parseListParams } from '@/lib/recommendations/list-recommendations.schema';

export const metadata: Metadata = { title: 'Recommendations' };

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

/** Every recommendation across all reviews; the filters, sort and page all live in the URL. */
export default async function RecommendationsPage({ searchParams }: Props) {
  const user = await requireUser();
  // Lenient: a bad value in a shared link is dropped and reported, never an error page.
  const { filters, ignored } = parseListParams(await searchParams);
  const [page, options] = await Promise.all([listRecommendations(user, filters), listFilterOptions(user, filters)]);
  return (
    <>
      <h1>
        <span className="caption">All reviews</span>
        Recommendations
      </h1>
      <IgnoredParams ignored={ignored} />
      <FiltersForm filters={filters} options={options} />
      <h2 className="visually-hidden">Results</h2>
      <ResultsTable page={page} filters={filters} />
      <Pagination page={page} filters={filters} />
    </>
  );
}
