// History written before actions existed still replays to the same reports.
// The fixture (tests/fixtures/legacy-demo, see its README) is the demo's whole
// history as commit 5fe9000 wrote it, and that commit's partnership report for
// 302 days. Today's report arithmetic, given that history, must give every one
// of those reports again: same numbers, rows, names and order. The fields that
// actions added (action counts, the actions and their exceptions, which action
// a measure belongs to) are left out of the comparison, since the old reports
// had none; by agency is compared whole, as it now comes from actions.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { gunzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { computeReport, type Names } from '@/lib/reports/compute-report';
import type { ReportEvent } from '@/lib/reports/replay';

const FIXTURE = path.join(process.cwd(), 'tests', 'fixtures', 'legacy-demo');

type StoredEvent = Omit<ReportEvent, 'occurredAt'> & { occurredAt: string; subjectType: string };
const legacy = JSON.parse(readFileSync(path.join(FIXTURE, 'events.json'), 'utf8')) as {
  reportInput: { subjectTypes: string[]; reviewIds: string[] };
  events: StoredEvent[];
  names: Record<keyof Names, [string, string][]>;
};
const frozen = JSON.parse(gunzipSync(readFileSync(path.join(FIXTURE, 'reports.json.gz'))).toString('utf8')) as {
  asAtDay: string;
  sinceDay: string;
  asAt: string;
  since: string;
  report: Record<string, unknown>;
}[];

const events: ReportEvent[] = legacy.events
  .filter((event) => legacy.reportInput.subjectTypes.includes(event.subjectType) && legacy.reportInput.reviewIds.includes(event.reviewId!))
  .map(({ subjectType: _subjectType, ...event }) => ({ ...event, occurredAt: new Date(event.occurredAt) }));
const names: Names = {
  agencies: new Map(legacy.names.agencies),
  users: new Map(legacy.names.users),
  reviews: new Map(legacy.names.reviews),
};

/** Today's report as the old one would have been stored: dates as ISO strings, without what actions added. */
function asBefore(report: ReturnType<typeof computeReport>) {
  const stored = JSON.parse(JSON.stringify(report)) as Record<string, unknown> & {
    totals: Record<string, unknown>;
    measures: Record<string, unknown>[];
  };
  delete stored.actions;
  delete stored.actionExceptions;
  delete stored.totals.actions;
  for (const measure of stored.measures) delete measure.action;
  return stored;
}

describe('the demo history written before actions', () => {
  it('is the history the fixture says, with reports spanning 2012 to 2026', () => {
    expect(events).toHaveLength(100);
    expect(frozen).toHaveLength(302);
    expect(frozen[0]!.asAtDay < '2013-01-01' && frozen.at(-1)!.asAtDay >= '2026-11-28').toBe(true);
    // Not a history of nothing: the reports count recommendations that change status over the years.
    const totals = frozen.map((entry) => JSON.stringify((entry.report.totals as { byStatus: unknown }).byStatus));
    expect(new Set(totals).size).toBeGreaterThan(5);
  });

  it.each(frozen.map((entry) => [entry.asAtDay, entry.sinceDay, entry] as const))(
    'replays to the same report as at %s (since %s)',
    (_asAtDay, _sinceDay, entry) => {
      const report = computeReport(events, names, new Date(entry.asAt), new Date(entry.since));
      expect(asBefore(report)).toEqual(entry.report);
    },
  );
});
