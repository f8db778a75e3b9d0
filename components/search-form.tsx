import Form from 'next/form';
import Link from '@/components/link';

/**
 * A search as a plain GET form (`?q=`): the search is in the URL, can be
 * shared, and works without JavaScript. With a search in force, a link shows
 * everything again.
 */
export function SearchForm({ action, name, label, q, showAll }: { action: string; name: string; label: string; q: string; showAll: string }) {
  const inputId = `${name.toLowerCase().replace(/\W+/g, '-')}-q`;
  return (
    <Form key={q} action={action} role="search" aria-label={name}>
      <div className="form-group">
        <label className="label" htmlFor={inputId}>
          {label}
        </label>
        <input className="input" id={inputId} name="q" type="search" defaultValue={q} maxLength={200} />
      </div>
      <button type="submit" className="button">
        Search
      </button>
      {q ? (
        <Link href={action} className="button button--secondary">
          {showAll}
        </Link>
      ) : null}
    </Form>
  );
}
