import Form from 'next/form';
import { QueryDateInput } from '@/components/form/date-input';

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
          <QueryDateInput name="asAt" legend="As at" hint="For example, 31 3 2013. Leave blank for today" value={values.asAt} error={errors.asAt} />
          <QueryDateInput
            name="since"
            legend="Changes since"
            hint="Usually the date of the last board meeting; leave blank for 30 days before"
            value={values.since}
            error={errors.since}
          />
        </div>
      </fieldset>
      <button type="submit" className="button">
        Update report
      </button>
    </Form>
  );
}
