import { formatDateTime } from '@/lib/days';
import type { ActionDetail } from '@/lib/actions/get-action';
import type { ActionResult } from '@/lib/server-action';
import { MeasureForm } from './measure-form';
import { MeasureValueForm } from './measure-value-form';

const number = (value: number) => value.toLocaleString('en-GB');

/**
 * Each measure's progress towards its target (in words as well as a bar) and
 * its past values; owners and reviewers record new values, reviewers add measures.
 */
export function MeasuresSection({
  action,
  updateMeasureValueAction,
  createMeasureAction,
}: {
  action: ActionDetail;
  updateMeasureValueAction: (input: unknown) => Promise<ActionResult<{ version: number }>>;
  createMeasureAction: (input: unknown) => Promise<ActionResult<{ measureId: string }>>;
}) {
  const { measures, permissions } = action;
  return (
    <section aria-labelledby="measures-heading">
      <h2 id="measures-heading">Measures</h2>
      {measures.length === 0 ? <p>No measures have been set for this action.</p> : null}
      {measures.map((measure) => {
        const headingId = `measure-${measure.id}-heading`;
        const percent = measure.target > 0 ? Math.round((measure.currentValue / measure.target) * 100) : 0;
        const unit = measure.unit ? ` ${measure.unit}` : '';
        return (
          <section key={measure.id} className="card" aria-labelledby={headingId}>
            <h3 id={headingId}>{measure.name}</h3>
            <p>
              <strong>
                {number(measure.currentValue)} of {number(measure.target)}
                {unit}
              </strong>{' '}
              ({percent}% of the target)
            </p>
            <progress
              className="progress"
              max={measure.target}
              value={Math.min(measure.currentValue, measure.target)}
              aria-label={`Progress towards the target for ${measure.name}`}
              aria-valuetext={`${percent}%`}
            >
              {percent}%
            </progress>
            {measure.pastValues.length ? (
              <div className="table-wrapper" role="region" aria-label={`Past values of ${measure.name}`} tabIndex={0}>
                <table className="table">
                  <caption className="small">Past values of {measure.name}, newest first</caption>
                  <thead>
                    <tr>
                      <th scope="col">When</th>
                      <th scope="col" className="numeric">
                        Value
                      </th>
                      <th scope="col">By</th>
                      <th scope="col">Note</th>
                    </tr>
                  </thead>
                  <tbody>
                    {measure.pastValues.map((past, index) => (
                      <tr key={`${past.at.toISOString()}-${index}`}>
                        <td>
                          <time dateTime={past.at.toISOString()}>{formatDateTime(past.at)}</time>
                        </td>
                        <td className="numeric">{number(past.value)}</td>
                        <td>{past.actorName}</td>
                        <td>{past.note}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
            ) : (
              <p className="small secondary">No values have been recorded yet.</p>
            )}
            {permissions.updateProgress ? (
              <MeasureValueForm
                measureId={measure.id}
                version={measure.version}
                measureName={measure.name}
                unit={measure.unit}
                action={updateMeasureValueAction}
              />
            ) : null}
          </section>
        );
      })}
      {permissions.defineMeasures ? <MeasureForm actionId={action.id} action={createMeasureAction} /> : null}
    </section>
  );
}
