import type { Metadata } from 'next';
import { Fragment } from 'react';
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
import { formatDay, joinDayParts } from '@/lib/days';
import { redirect } from 'next/navigation';
import { getReport, PARTNERSHIP } from '@/lib/reports/get-report';
import { type ReportQuery, reportQuerySchema } from '@/lib/reports/report-query.schema';
import { condenseMonths, coverage, partTitles, REPORT_PARTS, reportSections } from '@/lib/reports/report-sections';

type SearchParams = Record<string, string | string[] | undefined>;
type Props = { params: Promise<{ scope: string }>; searchParams: Promise<SearchParams> };

const FIELD_NAMES: Record<keyof ReportDateErrors, string> = { asAt: 'The report date', since: 'The date to compare with' };
const isField = (field: unknown): field is keyof ReportDateErrors => field === 'asAt' || field === 'since';
const first = (value: string | string[] | undefined) => (Array.isArray(value) ? value[0] : value) ?? '';
/** A date of the form: its three boxes (`asAt-day` ...) joined as typed, or the canonical `asAt`. */
const dateOf = (query: SearchParams, name: 'asAt' | 'since') =>
  [`${name}-day`, `${name}-month`, `${name}-year`].some((key) => key in query)
    ? joinDayParts({ day: first(query[`${name}-day`]), month: first(query[`${name}-month`]), year: first(query[`${name}-year`]) })
    : first(query[name]);
const fromBoxes = (query: SearchParams) => Object.keys(query).some((key) => /^(asAt|since)-(day|month|year)$/.test(key));

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
  const { errors, result } = await load((await params).scope, dateOf(query, 'asAt'), dateOf(query, 'since'));
  if (!result) return { title: 'Partnership progress report' };
  return { title: `${Object.keys(errors).length ? 'Error: ' : ''}${result.title}, as at ${formatDay(result.asAtDay)}` };
}

export default async function ReportPage({ params, searchParams }: Props) {
  const { scope } = await params;
  const query = await searchParams;
  const values = { asAt: dateOf(query, 'asAt'), since: dateOf(query, 'since') };
  // Sent from the date boxes: go to the report's own address (?asAt=2013-03-31), to bookmark and share.
  if (fromBoxes(query)) {
    const canonical = new URLSearchParams(Object.entries(values).filter(([, value]) => value !== ''));
    redirect(`/reports/${encodeURIComponent(scope)}${canonical.size ? `?${canonical}` : ''}`);
  }
  const { errors, result, tooLarge } = await load(scope, values.asAt, values.since);
  if (!result) return <TooLarge message={tooLarge} />;
  const { report, asAtDay, sinceDay } = result;
  const partnership = scope === PARTNERSHIP;
  // The headline section's figures are the cards; the other sections are tables, part by part.
  const sections = reportSections(report, { withReview: partnership }).filter((s) => s.key !== 'headline');
  const titles = partTitles(report);
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
      {partnership ? <p className="small">{coverage(result.reviews)}</p> : null}

      <ReportDateForm action={`/reports/${encodeURIComponent(scope)}`} values={values} errors={errors} />

      <p className="small report-contents" data-report-contents="">
        Contents:{' '}
        {REPORT_PARTS.map((part, i) => (
          <span key={part}>
            {i > 0 ? ' · ' : null}
            <a href={`#part-${part}`}>{titles[part]}</a>
          </span>
        ))}
      </p>

      <section aria-labelledby="part-headline" data-part="headline">
        <h2 id="part-headline">{titles.headline}</h2>
        <HeadlineFigures report={report} />
      </section>

      <section aria-labelledby="downloads-heading">
        <h2 id="downloads-heading">Download this report</h2>
        <DownloadLinks scope={scope} asAtDay={asAtDay} sinceDay={sinceDay} dates={dates} />
      </section>

      {REPORT_PARTS.filter((part) => part !== 'headline').map((part) => (
        <section key={part} aria-labelledby={`part-${part}`} data-part={part}>
          <h2 id={`part-${part}`}>{titles[part]}</h2>
          {sections
            .filter((s) => s.part === part)
            .map((s) => (
              <Fragment key={s.key}>
                {s.key === 'by-agency' ? <StatusByAgencyChart byAgency={report.byAgency} /> : null}
                {s.key === 'progress' ? <ProgressChart months={report.progressByMonth} /> : null}
                {/* The chart's own data table has every month; this one folds quiet runs of months together. */}
                <SectionTable section={s.key === 'progress' ? condenseMonths(s) : s} />
              </Fragment>
            ))}
        </section>
      ))}
    </>
  );
}
