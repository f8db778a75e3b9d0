import Link from 'next/link';
import { PRIORITY_LABELS, STATUS_LABELS, STATUS_ORDER } from '@/lib/labels';
import type { FilterOptions } from '@/lib/recommendations/list-recommendations';
import {
  DEFAULT_DIR,
  FREE_TEXT_MAX,
  listHref,
  type RecommendationListFilters,
  toListQuery,
} from '@/lib/recommendations/list-recommendations.schema';
import type { Priority } from '@/lib/generated/prisma/enums';

const PRIORITIES: Priority[] = ['HIGH', 'MEDIUM', 'LOW'];

/**
 * The list's filters as a plain GET form: they end up in the URL, so the view
 * can be bookmarked and shared, and the form works without JavaScript.
 */
export function FiltersForm({ filters, options }: { filters: RecommendationListFilters; options: FilterOptions }) {
  // Inputs are uncontrolled: remount the form whenever the URL's filters change
  // (a "Clear filters" or sort link navigates without a full page load).
  const key = listHref(toListQuery(filters));
  return (
    <form key={key} method="get" action="/recommendations" aria-labelledby="filters-heading">
      <h2 id="filters-heading">Filter recommendations</h2>
      <div className="form-group">
        <label className="label" htmlFor="filter-q">
          Search
        </label>
        <p className="hint" id="filter-q-hint">
          Reference, recommendation text or review title
        </p>
        <input
          className="input"
          id="filter-q"
          name="q"
          type="search"
          defaultValue={filters.q ?? ''}
          maxLength={FREE_TEXT_MAX}
          aria-describedby="filter-q-hint"
        />
      </div>

      <div className="grid-two">
        <div className="form-group">
          <label className="label" htmlFor="filter-review">
            Review
          </label>
          <select className="select" id="filter-review" name="review" defaultValue={filters.review ?? ''}>
            <option value="">All reviews</option>
            {options.reviews.map((review) => (
              <option key={review.id} value={review.id}>
                {review.title}
              </option>
            ))}
          </select>
        </div>
        <div className="form-group">
          <label className="label" htmlFor="filter-agency">
            Owner
          </label>
          <select className="select" id="filter-agency" name="agency" defaultValue={filters.agency ?? ''}>
            <option value="">All agencies</option>
            {options.agencies.map((agency) => (
              <option key={agency.id} value={agency.id}>
                {agency.shortName}
              </option>
            ))}
          </select>
        </div>
        <div className="form-group">
          <label className="label" htmlFor="filter-lead">
            Lead officer
          </label>
          <select className="select" id="filter-lead" name="lead" defaultValue={filters.lead ?? ''}>
            <option value="">All lead officers</option>
            {options.leadOfficers.map((lead) => (
              <option key={lead.id} value={lead.id}>
                {lead.name}
                {lead.agencyShortName ? ` (${lead.agencyShortName})` : ''}
              </option>
            ))}
          </select>
        </div>
        <div className="form-group">
          <label className="label" htmlFor="filter-priority">
            Priority
          </label>
          <select className="select" id="filter-priority" name="priority" defaultValue={filters.priority ?? ''}>
            <option value="">All priorities</option>
            {PRIORITIES.map((priority) => (
              <option key={priority} value={priority}>
                {PRIORITY_LABELS[priority]}
              </option>
            ))}
          </select>
        </div>
      </div>

      <div className="form-group">
        <fieldset aria-describedby="filter-status-hint">
          <legend>Status</legend>
          <p className="hint" id="filter-status-hint">
            Select all that apply. Leave all unticked for every status.
          </p>
          <ul className="checkbox-columns">
            {STATUS_ORDER.map((status) => (
              <li key={status}>
                <input
                  type="checkbox"
                  id={`filter-status-${status}`}
                  name="status"
                  value={status}
                  defaultChecked={filters.status.includes(status)}
                />{' '}
                <label htmlFor={`filter-status-${status}`}>{STATUS_LABELS[status]}</label>
              </li>
            ))}
          </ul>
        </fieldset>
      </div>

      <div className="form-group">
        <input type="checkbox" id="filter-overdue" name="overdue" value="1" defaultChecked={filters.overdue} />{' '}
        <label htmlFor="filter-overdue">Overdue only (past the due date and not yet implemented)</label>
      </div>

      {/* Applying filters keeps the chosen sort order and starts again from the first page. */}
      {filters.sort !== 'due' ? <input type="hidden" name="sort" value={filters.sort} /> : null}
      {filters.dir !== DEFAULT_DIR[filters.sort] ? <input type="hidden" name="dir" value={filters.dir} /> : null}

      <button type="submit" className="button">
        Apply filters
      </button>
      <Link href={listHref({ sort: filters.sort, dir: filters.dir })} className="button button--secondary">
        Clear filters
      </Link>
    </form>
  );
}
