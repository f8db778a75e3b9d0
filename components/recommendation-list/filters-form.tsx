import Form from 'next/form';
import Link from '@/components/link';
import { PRIORITY_LABELS, STATUS_LABELS } from '@/lib/labels';
import { STATUS_ORDER } from '@/lib/recommendations/status';
import type { FilterOptions } from '@/lib/recommendations/list-recommendations';
import {
  DEFAULT_DIR,
  FREE_TEXT_MAX,
  listHref,
  type ListPath,
  type RecommendationListFilters,
  toListQuery,
} from '@/lib/recommendations/list-recommendations.schema';
import type { Priority } from '@/lib/generated/prisma/enums';

const PRIORITIES: Priority[] = ['HIGH', 'MEDIUM', 'LOW'];

/**
 * The list's filters as a plain GET form: they end up in the URL, so the view
 * can be bookmarked and shared, and the form works without JavaScript.
 */
export function FiltersForm({
  filters,
  options,
  path = '/recommendations',
}: {
  filters: RecommendationListFilters;
  options: FilterOptions;
  path?: ListPath;
}) {
  // Inputs are uncontrolled: remount the form whenever the URL's filters change
  // (a "Clear filters" or sort link navigates without a full page load).
  const key = listHref(toListQuery(filters), path);
  const items = path === '/actions' ? 'actions' : 'recommendations';
  const applied = appliedCount(filters);
  return (
    // A panel that opens on request, so the results start near the top of the page (on a phone too).
    <details key={key} className="filter-panel">
      <summary className="filter-panel__summary">
        <h2 id="filters-heading" className="filter-panel__title">
          Filter {items}
        </h2>{' '}
        <span className="filter-panel__applied">{applied === 0 ? '(none applied)' : `(${applied} applied)`}</span>
      </summary>
    <Form action={path} aria-labelledby="filters-heading" className="filter-panel__form">
      <div className="form-group">
        <label className="label" htmlFor="filter-q">
          Search
        </label>
        <p className="hint" id="filter-q-hint">
          {path === '/actions' ? 'Reference, action or recommendation text, or review title.' : 'Reference, recommendation text or review title.'} To
          see one review&rsquo;s or one lead officer&rsquo;s {items}, choose their name in the results.
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

      {options.review || options.leadOfficer ? (
        <div className="grid-two">
          {options.review ? (
            <ChosenFilter label="Review" name="review" value={options.review.id} removeHref={listHref({ ...toListQuery(filters), review: undefined }, path)}>
              {options.review.title}
            </ChosenFilter>
          ) : null}
          {options.leadOfficer ? (
            <ChosenFilter label="Lead officer" name="lead" value={options.leadOfficer.id} removeHref={listHref({ ...toListQuery(filters), lead: undefined }, path)}>
              {options.leadOfficer.name} ({options.leadOfficer.agencyShortName})
            </ChosenFilter>
          ) : null}
        </div>
      ) : null}

      <div className="grid-two">
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
      <Link href={listHref({ sort: filters.sort, dir: filters.dir }, path)} className="button button--secondary">
        Clear filters
      </Link>
    </Form>
    </details>
  );
}

/** How many filters narrow the list now (each chosen status counts once). */
function appliedCount(filters: RecommendationListFilters): number {
  return [filters.review, filters.agency, filters.lead, filters.priority, filters.q, filters.overdue || undefined].filter(Boolean).length + filters.status.length;
}

/**
 * A filter chosen from the results (a review, a lead officer): shown with a
 * link that removes it, and kept when the other filters are applied.
 */
function ChosenFilter({ label, name, value, removeHref, children }: { label: string; name: string; value: string; removeHref: string; children: React.ReactNode }) {
  return (
    <div className="form-group">
      <p className="label">{label}</p>
      <p>
        <strong>{children}</strong>{' '}
        <Link href={removeHref}>
          Remove<span className="visually-hidden"> the {label.toLowerCase()} filter</span>
        </Link>
      </p>
      <input type="hidden" name={name} value={value} />
    </div>
  );
}
