import Form from 'next/form';
import { Field } from '@/components/form/field';

export type ReportDateErrors = Partial<Record<'asAt' | 'since', string>>;

/**
 * The report's dates, as a GET form: the query string is the report's
 * address, so a report can be bookmarked, shared and produced again.
 * Works without JavaScript; with it, next/form navigates on the client (focus then goes to the page's start). Values are shown as the user typed them.
 */
export function ReportDateForm({
  action,
  values,
  errors,
}: {
  action: string;
  values: { asAt: string; since: string };
  errors: ReportDateErrors;
}) {
  return (
    <Form action={action} className="report-form" noValidate>
      <fieldset>
        <legend className="report-form__legend">Report dates</legend>
        <div className="report-form__fields">
          <Field id="asAt" label="As at" hint="Leave blank for today" error={errors.asAt}>
            <input className="input input--narrow" type="date" name="asAt" defaultValue={values.asAt} />
          </Field>
          <Field
            id="since"
            label="Changes since"
            hint="Usually the date of the last board meeting; leave blank for 30 days before"
            error={errors.since}
          >
            <input className="input input--narrow" type="date" name="since" defaultValue={values.since} />
          </Field>
        </div>
      </fieldset>
      <button type="submit" className="button">
        Update report
      </button>
    </Form>
  );
}
