import { truncate } from '@/components/recommendation-list/text';
import { fieldLabel, type Plan } from '@/lib/imports/plan-import';
import { PREVIEW_ROW_LIMIT } from '@/lib/imports/preview-limit';
import { plural } from '@/lib/labels';

const OUTCOME_LABELS = { create: 'New', update: 'Changed', unchanged: 'No change' } as const;

/**
 * What the import would do, before anything is written: the counts, every
 * problem by row and column, the changes row by row, and the actions of the
 * review that the file does not mention (listed, never archived).
 */
export function ImportPreview({ plan }: { plan: Plan }) {
  const { counts } = plan;
  const problems = plan.rows.flatMap((row) => row.problems.map((problem) => ({ row, problem })));
  const shown = plan.rows.filter((row) => row.problems.length || row.outcome !== 'unchanged' || row.flags.length).slice(0, PREVIEW_ROW_LIMIT);
  const hidden = plan.rows.filter((row) => row.problems.length || row.outcome !== 'unchanged' || row.flags.length).length - shown.length;
  return (
    <section aria-labelledby="preview-heading">
      <h2 id="preview-heading">What the import would do</h2>
      <ul data-import-counts="">
        <li>{plural(counts.rows, 'row')} read{plan.skipped.length ? `, ${plural(plan.skipped.length, 'note or heading row')} left aside` : ''}</li>
        <li>{plural(counts.newRecommendations, 'new recommendation')}</li>
        <li>{plural(counts.newActions, 'new action')}</li>
        <li>{plural(counts.updated, 'action')} changed</li>
        <li>{plural(counts.unchanged, 'action')} already as the file says</li>
      </ul>

      {problems.length ? (
        <div className="notification notification--error">
          <h3 id="problems-heading" className="notification__title">
            {plural(counts.withProblems, 'row')} with {plural(problems.length, 'problem')}: nothing is imported while they are there, unless you
            leave those rows out
          </h3>
          <div className="table-wrapper" role="region" aria-labelledby="problems-heading" tabIndex={0}>
            <table className="table">
              <thead>
                <tr>
                  <th scope="col">Row</th>
                  <th scope="col">Column</th>
                  <th scope="col">Problem</th>
                </tr>
              </thead>
              <tbody>
                {problems.map(({ row, problem }, i) => (
                  <tr key={`${row.row}-${i}`}>
                    <th scope="row">{row.row}</th>
                    <td>{fieldLabel(problem.field)}</td>
                    <td>{problem.message}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </div>
      ) : (
        <p className="notification notification--success">No problems: the file can be imported as it is.</p>
      )}

      <h3 id="rows-heading">Row by row</h3>
      {shown.length ? (
        <div className="table-wrapper" role="region" aria-labelledby="rows-heading" tabIndex={0}>
          <table className="table" aria-labelledby="rows-heading">
            <thead>
              <tr>
                <th scope="col">Row</th>
                <th scope="col">Action</th>
                <th scope="col">Outcome</th>
                <th scope="col">What it sets or changes</th>
              </tr>
            </thead>
            <tbody>
              {shown.map((row) => (
                <tr key={row.row}>
                  <th scope="row">{row.row}</th>
                  <td>{row.label}</td>
                  <td>{row.problems.length ? <strong>Problem</strong> : OUTCOME_LABELS[row.outcome]}</td>
                  <td>
                    {row.created ? <p className="small">{row.created}</p> : null}
                    {row.changes.length ? (
                      <ul className="small">
                        {row.changes.map((change, i) => (
                          <li key={i}>
                            {fieldLabel(change.field)}: {change.from ? <del>{truncate(change.from, 200)}</del> : null}
                            {change.from ? ' → ' : ''}
                            <ins>{truncate(change.to, 200) || '(none)'}</ins>
                          </li>
                        ))}
                      </ul>
                    ) : null}
                    {row.flags.map((flag, i) => (
                      <p key={i} className="small secondary">
                        {flag}
                      </p>
                    ))}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : (
        <p>Every row is already as the file says: importing it again changes nothing.</p>
      )}
      {hidden > 0 ? <p className="small">And {plural(hidden, 'more row')}, not listed here.</p> : null}

      {plan.missing.length ? (
        <>
          <h3 id="missing-heading">In the review but not in the file</h3>
          <p className="small">These actions are left as they are: an import never archives anything.</p>
          <ul className="small">
            {plan.missing.map((item) => (
              <li key={item.label}>
                <strong>{item.label}</strong>: {truncate(item.text, 200)}
              </li>
            ))}
          </ul>
        </>
      ) : null}
    </section>
  );
}

