import type { Metadata } from 'next';
import Link from '@/components/link';
import { cache } from 'react';
import { orNotFound } from '@/app/(app)/or-not-found';
import { ErrorSummary } from '@/components/form/error-summary';
import { ProgressChart, StatusByAgencyChart } from '@/components/report/charts';
import { DownloadLinks } from '@/components/report/download-links';
import { HeadlineFigures } from '@/components/report/headline-figures';
import { type ReportDateErrors, ReportDateForm } from '@/components/report/report-date-form';
import { SectionTable } from '@/components/report/section-table';
import { requireUser } from '@/lib/auth/session';
import { ReportTooLargeError, RuleError } from '@/lib/errors';
import { formatDay } from '@/lib/days';
import { getReport, PARTNERSHIP } from '@/lib/reports/get-report';
import { type ReportQuery, reportQuerySchema } from '@/lib/reports/report-query.schema';
import { reportSections, type Section } from '@/lib/reports/report-sections';

type SearchParams = Record<string, string | string[] | undefined>;
type Props = { params: Promise<{ scope: string }>; searchParams: Promise<SearchParams> };

const FIELD_NAMES: Record<keyof ReportDateErrors, string> = { asAt: 'The report date', since: 'The date to compare with' };
const isField = (field: unknown): field is keyof ReportDateErrors => field === 'asAt' || field === 'since';
const first = (value: string | string[] | undefined) => (Array.isArray(value) ? value[0] : value) ?? '';

/**
 * The report for the dates asked for; when they are not valid, or break a
 * rule (a future date, a comparison date after the report date), the errors
 * to show and the report for the default dates. Shared by the metadata and
 * the page: one load per request.
 */
const load = cache(async (scope: string, asAt: string, since: string) => {
  const user = await requireUser();
  const errors: ReportDateErrors = {};
  let query: ReportQuery = {};
  const parsed = reportQuerySchema.safeParse({ asAt, since });
  if (parsed.success) query = parsed.data;
  else
    for (const issue of parsed.error.issues) {
      const field = issue.path[0];
      if (isField(field)) errors[field] ??= `${FIELD_NAMES[field]} must be a real date`;
    }
  try {
    return { errors, result: await orNotFound(getReport(user, scope, query)) };
  } catch (error) {
    if (error instanceof ReportTooLargeError) return { errors, tooLarge: error.message };
    if (!(error instanceof RuleError) || !isField(error.field)) throw error;
    errors[error.field] = error.message;
    return { errors, result: await getReport(user, scope, {}) };
  }
});

/** A report too large to build, said on a page of its own. */
function TooLarge({ message }: { message: string }) {
  return (
    <>
      <p className="small">
        <Link href="/reports">All reports</Link>
      </p>
      <h1>Partnership progress report</h1>
      <p>{message}</p>
      <p>
        <Link href="/reports">Choose a review&rsquo;s report</Link>
      </p>
    </>
  );
}

export async function generateMetadata({ params, searchParams }: Props): Promise<Metadata> {
  const query = await searchParams;
  const { errors, result } = await load((await params).scope, first(query.asAt), first(query.since));
  if (!result) return { title: 'Partnership progress report' };
  return { title: `${Object.keys(errors).length ? 'Error: ' : ''}${result.title}, as at ${formatDay(result.asAtDay)}` };
}

export default async function ReportPage({ params, searchParams }: Props) {
  const { scope } = await params;
  const query = await searchParams;
  const values = { asAt: first(query.asAt), since: first(query.since) };
  const { errors, result, tooLarge } = await load(scope, values.asAt, values.since);
  if (!result) return <TooLarge message={tooLarge} />;
  const { report, asAtDay, sinceDay } = result;
  const partnership = scope === PARTNERSHIP;
  const sections = new Map<string, Section>(reportSections(report, { withReview: partnership }).map((section) => [section.key, section]));
  const placed = new Set<string>();
  const section = (key: string) => {
    const found = sections.get(key);
    placed.add(key);
    return found ? <SectionTable section={found} /> : null;
  };
  const dates = `as at ${formatDay(asAtDay)}, changes since ${formatDay(sinceDay)}`;
  const summaryErrors = (Object.keys(errors) as (keyof ReportDateErrors)[]).map((field) => ({ fieldId: field, message: errors[field]! }));

  return (
    <>
      <p className="small">
        <Link href="/reports">All reports</Link>
        {!partnership && result.reviews[0] ? (
          <>
            {' · '}
            <Link href={`/reviews/${result.reviews[0].id}`}>{result.reviews[0].title}</Link>
          </>
        ) : null}
      </p>
      <ErrorSummary errors={summaryErrors} />
      <h1 className="report-title">{result.title}</h1>
      <p className="report-caption" data-report-dates="">
        As at {formatDay(asAtDay)} · changes since {formatDay(sinceDay)}
      </p>
      {result.fingerprint ? (
        <p className="small secondary">
          History fingerprint <code>{result.fingerprint}</code> (it identifies the history this report was built from: keep it with the
          minutes, and the history can later be shown to be unchanged up to it).
        </p>
      ) : null}
      {summaryErrors.length ? (
        <p className="small secondary">The report below is for the usual dates, as at today with changes over the last 30 days, until the dates are put right.</p>
      ) : null}
      {partnership ? (
        <p className="small">
          {result.reviews.length === 0
            ? 'There are no open reviews.'
            : `Covers every review not closed (${result.reviews.length}): ${result.reviews.map((review) => review.title).join('; ')}.`}
        </p>
      ) : null}

      <ReportDateForm action={`/reports/${encodeURIComponent(scope)}`} values={values} errors={errors} />

      <section aria-labelledby="headlines-heading">
        <h2 id="headlines-heading">Headline figures</h2>
        <HeadlineFigures report={report} />
      </section>

      <section aria-labelledby="downloads-heading">
        <h2 id="downloads-heading">Download this report</h2>
        <DownloadLinks scope={scope} asAtDay={asAtDay} sinceDay={sinceDay} dates={dates} />
      </section>

      <section aria-labelledby="position-heading">
        <h2 id="position-heading">Position as at {formatDay(asAtDay)}</h2>
        {section('summary')}
        <StatusByAgencyChart byAgency={report.byAgency} />
        {section('by-agency')}
        {section('overdue')}
        {section('measures')}
        {section('evidence')}
        {section('recommendations')}
      </section>

      <section aria-labelledby="changes-heading">
        <h2 id="changes-heading">What changed since {formatDay(sinceDay)}</h2>
        {section('status-changes')}
        {section('new-evidence')}
        {section('newly-overdue')}
      </section>

      <section aria-labelledby="progress-heading">
        <h2 id="progress-heading">Progress over time</h2>
        <ProgressChart months={report.progressByMonth} />
        {section('progress')}
        {/* Any section added to the report later still shows, here, rather than silently only in the files. */}
        {[...sections.values()]
          .filter((s) => !placed.has(s.key))
          .map((s) => (
            <SectionTable key={s.key} section={s} />
          ))}
      </section>
    </>
  );
}
