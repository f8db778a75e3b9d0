// Geometry and words for the report's hand-drawn SVG charts: pure, no DOM,
// so that it can be unit-tested and the components stay declarative.
import { formatMonth } from '@/lib/days';
import type { RecommendationStatus } from '@/lib/generated/prisma/enums';
import { statusesWhere } from '@/lib/recommendations/status';
import { plural, STATUS_LABELS } from '@/lib/labels';
import type { Report } from './compute-report';

/** A linear scale from [0, domainMax] onto [rangeStart, rangeEnd] (either direction). */
export function linearScale(domainMax: number, rangeStart: number, rangeEnd: number): (value: number) => number {
  const span = domainMax > 0 ? domainMax : 1;
  return (value) => rangeStart + ((rangeEnd - rangeStart) * value) / span;
}

/**
 * Round axis ticks from 0 to at least `max`: steps of 1, 2 or 5 times a power
 * of ten, at most `maxTicks` intervals. Counts only, so the step is at least 1.
 */
export function niceTicks(max: number, maxTicks = 5): number[] {
  const top = Math.max(0, Math.ceil(max));
  if (top === 0) return [0, 1];
  let step = 1;
  for (let magnitude = 1; ; magnitude *= 10) {
    const found = [1, 2, 5].map((m) => m * magnitude).find((candidate) => Math.ceil(top / candidate) <= maxTicks);
    if (found) {
      step = found;
      break;
    }
  }
  const ticks: number[] = [];
  for (let tick = 0; tick < top + step; tick += step) ticks.push(tick);
  return ticks;
}

export type Segment<K extends string = string> = { key: K; value: number; x: number; width: number };

/**
 * Lays non-zero values end to end along a bar that starts at `start`, `scale`
 * turning a count into a length, leaving `gap` between neighbours so that
 * each segment stands out against the background rather than its neighbour.
 */
export function stackSegments<K extends string>(
  values: readonly { key: K; value: number }[],
  scale: (value: number) => number,
  start: number,
  gap = 0,
): Segment<K>[] {
  const segments: Segment<K>[] = [];
  let total = 0;
  for (const { key, value } of values) {
    if (value <= 0) continue;
    const x = scale(total) - scale(0) + start;
    total += value;
    const end = scale(total) - scale(0) + start;
    segments.push({ key, value, x, width: Math.max(1, end - x - gap) });
  }
  return segments;
}

/**
 * Which of `count` evenly spaced labels to show so that at most `maxLabels`
 * appear: every nth, counted back from the last (the most recent month).
 */
export function labelledIndices(count: number, maxLabels: number): number[] {
  if (count <= 0) return [];
  const step = Math.max(1, Math.ceil(count / Math.max(1, maxLabels)));
  const indices: number[] = [];
  for (let i = count - 1; i >= 0; i -= step) indices.unshift(i);
  return indices;
}

/** Evenly spaced x positions for `count` points across [start, end]; a single point sits in the middle. */
export function spreadPoints(count: number, start: number, end: number): number[] {
  if (count <= 0) return [];
  if (count === 1) return [(start + end) / 2];
  return Array.from({ length: count }, (_, i) => start + ((end - start) * i) / (count - 1));
}

/** An SVG path through the points, rounded to 0.1 of a unit. */
export function linePath(points: readonly { x: number; y: number }[]): string {
  const round = (n: number) => Math.round(n * 10) / 10;
  return points.map((p, i) => `${i === 0 ? 'M' : 'L'}${round(p.x)} ${round(p.y)}`).join(' ');
}

/** "a", "a and b", "a, b and c". */
export function listInWords(items: readonly string[]): string {
  if (items.length <= 1) return items.join('');
  return `${items.slice(0, -1).join(', ')} and ${items.at(-1)}`;
}

const n = (value: number) => value.toLocaleString('en-GB');

/** Done first, so that the bars' done portions line up against the axis and compare across agencies. */
export const CHART_STATUS_ORDER: RecommendationStatus[] = [
  ...statusesWhere('done').reverse(),
  ...statusesWhere('open').reverse(),
  ...statusesWhere('committed', false),
];

/** "Children's social care owns 6 recommendations: 1 verified, 4 in progress and 1 not started." for each agency. */
export function statusByAgencySummary(byAgency: Report['byAgency']): string {
  const total = byAgency.reduce((sum, a) => sum + a.total, 0);
  const opening = `There ${total === 1 ? 'is' : 'are'} ${plural(total, 'action', 'actions')} across ${plural(byAgency.length, 'owner agency', 'owner agencies')}.`;
  const sentences = byAgency.map((a) => {
    const parts = CHART_STATUS_ORDER.filter((s) => a.byStatus[s] > 0).map((s) => `${n(a.byStatus[s])} ${STATUS_LABELS[s].toLowerCase()}`);
    return `${a.agency} owns ${plural(a.total, 'action', 'actions')}${parts.length ? `: ${listInWords(parts)}` : ''}.`;
  });
  return [opening, ...sentences].join(' ');
}

function change(from: number, to: number) {
  return from === to ? `stayed at ${n(from)}` : `${to > from ? 'rose' : 'fell'} from ${n(from)}`;
}

/** "Implemented or verified rose from 0 in September 2012 to 5 in March 2013; verified rose from 0 to 2 over the same months." */
export function progressSummary(months: Report['progressByMonth']): string {
  const first = months[0];
  const last = months.at(-1);
  if (!first || !last) return 'There is no history to chart yet.';
  const lastMonth = formatMonth(last.month);
  if (months.length === 1) {
    if (last.implemented === 0) return `At the end of ${lastMonth}, no recommendations were implemented or verified.`;
    return `At the end of ${lastMonth}, ${plural(last.implemented, 'recommendation was', 'recommendations were')} implemented or verified, ${last.verified === 0 ? 'none' : n(last.verified)} of them verified.`;
  }
  const firstMonth = formatMonth(first.month);
  const implemented =
    first.implemented === last.implemented
      ? `Implemented or verified stayed at ${n(last.implemented)} from ${firstMonth} to ${lastMonth}`
      : `Implemented or verified ${change(first.implemented, last.implemented)} in ${firstMonth} to ${n(last.implemented)} in ${lastMonth}`;
  const verified = first.verified === last.verified ? `verified ${change(first.verified, last.verified)}` : `verified ${change(first.verified, last.verified)} to ${n(last.verified)}`;
  const sentences = [`${implemented}; ${verified} over the same months.`];
  const peak = months.reduce((best, m) => (m.implemented > best.implemented ? m : best), first);
  if (peak.implemented > last.implemented) sentences.push(`Implemented or verified peaked at ${n(peak.implemented)} in ${formatMonth(peak.month)}.`);
  sentences.push('Each month shows where things stood at its end; the last month, where they stood on the report date.');
  return sentences.join(' ');
}

