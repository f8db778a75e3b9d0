// The report's two charts, drawn as plain SVG on the server (no chart
// library, no client JavaScript). Each is a <figure> with a caption, a text
// summary in words and its data in a table, so that nobody needs to see the
// picture to get the numbers. Colours follow the status tags, darkened to
// reach 3:1 against white (WCAG 1.4.11), and every status also has its own
// pattern, position and legend entry, so colour is never the only cue (1.4.1).
// Colours and strokes live in app/globals.css (no inline styles: strict CSP).
import { formatMonth, formatMonthShort } from '@/lib/days';
import type { RecommendationStatus } from '@/lib/generated/prisma/enums';
import { plural, STATUS_LABELS } from '@/lib/labels';
import {
  CHART_STATUS_ORDER,
  labelledIndices,
  linearScale,
  linePath,
  listInWords,
  niceTicks,
  progressSummary,
  spreadPoints,
  statusByAgencySummary,
  stackSegments,
} from '@/lib/reports/chart-geometry';
import type { Report } from '@/lib/reports/compute-report';

const STATUS_SLUG: Record<RecommendationStatus, string> = {
  VERIFIED: 'verified',
  IMPLEMENTED: 'implemented',
  IN_PROGRESS: 'in-progress',
  NOT_STARTED: 'not-started',
  NOT_ACCEPTED: 'not-accepted',
  SUPERSEDED: 'superseded',
};

/** Statuses drawn with a pattern over their colour; the others are plain (verified) or hollow (not started). */
const PATTERNED: ReadonlySet<RecommendationStatus> = new Set(['IMPLEMENTED', 'IN_PROGRESS', 'NOT_ACCEPTED', 'SUPERSEDED']);

const PATTERN_ID = 'report-chart-pattern';

/** Width of the patch behind a segment's count, by its number of digits. */
const labelWidth = (value: number) => 8 * String(value).length + 10;

const n = (value: number) => value.toLocaleString('en-GB');

/** The fill a status's shapes take: a pattern reference (an SVG attribute, not a style), or none to let the CSS class decide. */
function patternFill(status: RecommendationStatus): string | undefined {
  return PATTERNED.has(status) ? `url(#${PATTERN_ID}-${STATUS_SLUG[status]})` : undefined;
}

function StatusPatterns() {
  return (
    <defs>
      <pattern id={`${PATTERN_ID}-in-progress`} width="8" height="8" patternUnits="userSpaceOnUse">
        <rect width="8" height="8" className="chart-fill--in-progress" />
        <path d="M-2 2 L2 -2 M0 8 L8 0 M6 10 L10 6" className="chart-pattern-line" />
      </pattern>
      <pattern id={`${PATTERN_ID}-implemented`} width="8" height="8" patternUnits="userSpaceOnUse">
        <rect width="8" height="8" className="chart-fill--implemented" />
        <circle cx="4" cy="4" r="1.6" className="chart-pattern-dot" />
      </pattern>
      <pattern id={`${PATTERN_ID}-not-accepted`} width="8" height="8" patternUnits="userSpaceOnUse">
        <rect width="8" height="8" className="chart-fill--not-accepted" />
        <path d="M0 4 H8 M4 0 V8" className="chart-pattern-line" />
      </pattern>
      <pattern id={`${PATTERN_ID}-superseded`} width="8" height="8" patternUnits="userSpaceOnUse">
        <rect width="8" height="8" className="chart-fill--superseded" />
        <path d="M0 4 H8" className="chart-pattern-line" />
      </pattern>
    </defs>
  );
}

function Swatch({ status }: { status: RecommendationStatus }) {
  return (
    <svg className="chart-legend__swatch" viewBox="0 0 24 16" width="24" height="16" aria-hidden="true" focusable="false">
      <rect x="1" y="1" width="22" height="14" className={`chart-seg chart-seg--${STATUS_SLUG[status]}`} fill={patternFill(status)} />
    </svg>
  );
}

function NoData({ title, message }: { title: string; message: string }) {
  return (
    <div className="report-chart">
      <p className="report-chart__caption">{title}</p>
      <p>{message}</p>
    </div>
  );
}

function DataTable({ id, caption, headers, rows }: { id: string; caption: string; headers: string[]; rows: (string | number)[][] }) {
  return (
    <details className="report-chart__data">
      <summary>Show the data</summary>
      <div className="table-wrapper report-table-wrapper" role="region" aria-labelledby={id} tabIndex={0}>
        <table className="table">
          <caption id={id}>{caption}</caption>
          <thead>
            <tr>
              {headers.map((header, i) => (
                <th key={header} scope="col" className={i === 0 ? undefined : 'numeric'}>
                  {header}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {rows.map((row) => (
              <tr key={String(row[0])}>
                {row.map((cell, i) => (
                  <td key={headers[i]} className={i === 0 ? undefined : 'numeric'}>
                    {typeof cell === 'number' ? n(cell) : cell}
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </details>
  );
}

/** (1) Horizontal stacked bars, one per owner agency, one segment per status. */
export function StatusByAgencyChart({ byAgency }: { byAgency: Report['byAgency'] }) {
  const title = 'Actions by status and owner agency';
  if (byAgency.length === 0) return <NoData title={title} message="None: there were no recommendations to chart on this date." />;

  const statuses = CHART_STATUS_ORDER.filter((s) => byAgency.some((a) => a.byStatus[s] > 0));
  const width = 640;
  const plotLeft = 8;
  const plotRight = width - 48; // room for each bar's total
  const rowHeight = 58;
  const barHeight = 26;
  const top = 8;
  const axisY = top + byAgency.length * rowHeight + 4;
  const height = axisY + 52;
  const ticks = niceTicks(Math.max(...byAgency.map((a) => a.total)), 6);
  const x = linearScale(ticks.at(-1)!, plotLeft, plotRight);

  return (
    <figure className="report-chart">
      <figcaption className="report-chart__caption">{title}</figcaption>
      <p className="report-chart__summary">{statusByAgencySummary(byAgency)}</p>
      <ul className="chart-legend" aria-label="Key to the bar chart">
        {statuses.map((status) => (
          <li key={status} className="chart-legend__item">
            <Swatch status={status} />
            {STATUS_LABELS[status]}
          </li>
        ))}
      </ul>
      <svg
        className="chart"
        viewBox={`0 0 ${width} ${height}`}
        role="img"
        aria-label={`Stacked bar chart of recommendations by status for ${plural(byAgency.length, 'owner agency', 'owner agencies')}, each bar ordered ${listInWords(statuses.map((s) => STATUS_LABELS[s].toLowerCase()))}. The numbers are in the summary above and the data table below.`}
      >
        <StatusPatterns />
        {ticks.map((tick) => (
          <line key={tick} x1={x(tick)} x2={x(tick)} y1={top} y2={axisY} className="chart-grid" />
        ))}
        {byAgency.map((agency, row) => {
          const y = top + row * rowHeight;
          const barY = y + 22;
          const segments = stackSegments(
            statuses.map((status) => ({ key: status, value: agency.byStatus[status] })),
            x,
            plotLeft,
            3,
          );
          return (
            <g key={agency.agency}>
              <text x={plotLeft} y={y + 15} className="chart-label">
                {agency.agency}
              </text>
              {segments.map((segment) => (
                <g key={segment.key}>
                  <rect
                    x={segment.x}
                    y={barY}
                    width={segment.width}
                    height={barHeight}
                    className={`chart-seg chart-seg--${STATUS_SLUG[segment.key]}`}
                    fill={patternFill(segment.key)}
                  >
                    <title>{`${agency.agency}: ${plural(segment.value, 'action', 'actions')} ${STATUS_LABELS[segment.key].toLowerCase()}`}</title>
                  </rect>
                  {segment.width >= labelWidth(segment.value) + 4 ? (
                    <>
                      {/* A solid patch behind the number keeps it legible over the pattern. */}
                      {PATTERNED.has(segment.key) ? (
                        <rect
                          x={segment.x + (segment.width - labelWidth(segment.value)) / 2}
                          y={barY + 4}
                          width={labelWidth(segment.value)}
                          height={barHeight - 8}
                          className={`chart-fill--${STATUS_SLUG[segment.key]}`}
                        />
                      ) : null}
                      <text
                        x={segment.x + segment.width / 2}
                        y={barY + barHeight / 2 + 5}
                        className={`chart-seg-label chart-seg-label--${STATUS_SLUG[segment.key]}`}
                      >
                        {n(segment.value)}
                      </text>
                    </>
                  ) : null}
                </g>
              ))}
              <text x={x(agency.total) + 6} y={barY + barHeight / 2 + 5} className="chart-total">
                {agency.total}
              </text>
            </g>
          );
        })}
        <line x1={plotLeft} x2={plotRight} y1={axisY} y2={axisY} className="chart-axis" />
        {ticks.map((tick) => (
          <text key={tick} x={x(tick)} y={axisY + 18} className="chart-tick chart-tick--x">
            {n(tick)}
          </text>
        ))}
        <text x={(plotLeft + plotRight) / 2} y={axisY + 42} className="chart-axis-title">
          Number of actions
        </text>
      </svg>
      <DataTable
        id="chart-data-status-by-agency"
        caption={title}
        headers={['Owner agency', ...statuses.map((s) => STATUS_LABELS[s]), 'Total']}
        rows={byAgency.map((a) => [a.agency, ...statuses.map((s) => a.byStatus[s]), a.total])}
      />
    </figure>
  );
}

/** (2) Implemented-or-verified and verified counts at the end of each month: two lines, told apart by dash and marker as well as colour. */
export function ProgressChart({ months }: { months: Report['progressByMonth'] }) {
  const title = 'Progress over time';
  if (months.length === 0) return <NoData title={title} message="None: there is no history to chart before this date." />;

  const width = 640;
  const height = 320;
  const left = 60;
  const right = width - 16;
  const top = 16;
  const bottom = height - 60;
  const ticks = niceTicks(Math.max(...months.map((m) => m.implemented)), 6);
  const y = linearScale(ticks.at(-1)!, bottom, top);
  const xs = spreadPoints(months.length, left + 28, right - 28);
  const showLabels = new Set(labelledIndices(months.length, 7));
  const showMarkers = months.length <= 18;
  const implemented = months.map((m, i) => ({ x: xs[i]!, y: y(m.implemented) }));
  const verified = months.map((m, i) => ({ x: xs[i]!, y: y(m.verified) }));
  const first = formatMonth(months[0]!.month);
  const last = formatMonth(months.at(-1)!.month);

  return (
    <figure className="report-chart">
      <figcaption className="report-chart__caption">
        {title}: recommendations implemented or verified, and verified, month by month
      </figcaption>
      <p className="report-chart__summary">{progressSummary(months)}</p>
      <ul className="chart-legend" aria-label="Key to the line chart">
        <li className="chart-legend__item">
          <svg className="chart-legend__swatch" viewBox="0 0 32 16" width="32" height="16" aria-hidden="true" focusable="false">
            <path d="M1 8 H31" className="chart-line chart-line--implemented" />
            <circle cx="16" cy="8" r="4.5" className="chart-marker--implemented" />
          </svg>
          Implemented or verified (solid line, circles)
        </li>
        <li className="chart-legend__item">
          <svg className="chart-legend__swatch" viewBox="0 0 32 16" width="32" height="16" aria-hidden="true" focusable="false">
            <path d="M1 8 H31" className="chart-line chart-line--verified" />
            <rect x="11.5" y="3.5" width="9" height="9" className="chart-marker--verified" />
          </svg>
          Verified (dashed line, squares)
        </li>
      </ul>
      <svg
        className="chart"
        viewBox={`0 0 ${width} ${height}`}
        role="img"
        aria-label={`Line chart of recommendations implemented or verified, and verified, at the end of each month from ${first} to ${last}. The numbers are in the summary above and the data table below.`}
      >
        {ticks.map((tick) => (
          <g key={tick}>
            <line x1={left} x2={right} y1={y(tick)} y2={y(tick)} className={tick === 0 ? 'chart-axis' : 'chart-grid'} />
            <text x={left - 8} y={y(tick) + 5} className="chart-tick chart-tick--y">
              {n(tick)}
            </text>
          </g>
        ))}
        <text x={16} y={(top + bottom) / 2} transform={`rotate(-90 16 ${(top + bottom) / 2})`} className="chart-axis-title">
          Recommendations
        </text>
        {months.map((m, i) =>
          showLabels.has(i) ? (
            <g key={m.month}>
              <line x1={xs[i]} x2={xs[i]} y1={bottom} y2={bottom + 5} className="chart-axis" />
              <text x={xs[i]} y={bottom + 22} className="chart-tick chart-tick--x">
                {formatMonthShort(m.month)}
              </text>
            </g>
          ) : null,
        )}
        <text x={(left + right) / 2} y={height - 10} className="chart-axis-title">
          Month (position at the end of each month)
        </text>
        <path d={linePath(implemented)} className="chart-line chart-line--implemented" />
        <path d={linePath(verified)} className="chart-line chart-line--verified" />
        {showMarkers || months.length === 1
          ? months.map((m, i) => (
              <g key={m.month}>
                <circle cx={implemented[i]!.x} cy={implemented[i]!.y} r="5.5" className="chart-marker--implemented">
                  <title>{`${formatMonth(m.month)}: ${m.implemented} implemented or verified`}</title>
                </circle>
                <rect x={verified[i]!.x - 4.5} y={verified[i]!.y - 4.5} width="9" height="9" className="chart-marker--verified">
                  <title>{`${formatMonth(m.month)}: ${m.verified} verified`}</title>
                </rect>
              </g>
            ))
          : null}
      </svg>
      <DataTable
        id="chart-data-progress"
        caption={`${title}: at the end of each month`}
        headers={['Month', 'Implemented or verified', 'Verified']}
        rows={months.map((m) => [formatMonth(m.month), m.implemented, m.verified])}
      />
    </figure>
  );
}
