const FORMATS = [
  { format: 'csv', text: 'Download CSV' },
  { format: 'xlsx', text: 'Download spreadsheet (XLSX)' },
  { format: 'pdf', text: 'Download PDF' },
] as const;

/** The report as files, for the same scope and dates as the screen (so the same numbers). */
export function DownloadLinks({ scope, asAtDay, sinceDay, dates }: { scope: string; asAtDay: string; sinceDay: string; dates: string }) {
  const query = (format: string) => new URLSearchParams({ format, asAt: asAtDay, since: sinceDay }).toString();
  return (
    <>
      <ul className="report-downloads">
        {FORMATS.map(({ format, text }) => (
          <li key={format}>
            {/* A plain link, not <Link>: the route answers with a file, not a page. */}
            <a href={`/reports/${encodeURIComponent(scope)}/download?${query(format)}`} className="button button--secondary">
              {text}
            </a>
          </li>
        ))}
      </ul>
      <p className="small secondary">
        Each file carries the same numbers as this page ({dates}): the spreadsheet has one sheet per table, with real dates and numbers; the PDF is A4, for a board pack.
      </p>
    </>
  );
}
