// The report's colours for the PDF, which has no stylesheet: the same values
// as the screen's tags and charts in app/globals.css (report-colours.test.ts
// holds the two together and checks the tags' contrast, WCAG AA 4.5:1).
import type { Rag, RecommendationStatus } from '@/lib/generated/prisma/enums';

export type TagColour = { background: string; text: string };

/** The screen's tag colours (`--green-bg` and `--green-text`, ...). */
export const TAG_COLOURS = {
  grey: { background: '#e5e6e7', text: '#282d30' },
  green: { background: '#cce2d8', text: '#005a30' },
  amber: { background: '#fcd6c3', text: '#6e3619' },
  red: { background: '#f4cdc6', text: '#942514' },
  blue: { background: '#bbd4ea', text: '#0c2d4a' },
  purple: { background: '#dbd5e9', text: '#3d2375' },
} as const satisfies Record<string, TagColour>;

export type TagColourName = keyof typeof TAG_COLOURS;

/** Which colour each status's tag takes (as components/status-tag.tsx). */
export const STATUS_TAG: Record<RecommendationStatus, TagColourName> = {
  NOT_STARTED: 'grey',
  IN_PROGRESS: 'blue',
  IMPLEMENTED: 'purple',
  VERIFIED: 'green',
  NOT_ACCEPTED: 'grey',
  SUPERSEDED: 'grey',
};

/** Which colour each RAG rating's tag takes; no rating is grey. */
export const RAG_TAG: Record<Rag, TagColourName> = { GREEN: 'green', AMBER: 'amber', RED: 'red' };

/** The charts' fills (`.chart-fill--*`, `.chart-seg--verified`), at least 3:1 against white (WCAG 1.4.11). */
export const CHART_FILLS: Record<RecommendationStatus, string> = {
  VERIFIED: '#00703c',
  IMPLEMENTED: '#4c2c92',
  IN_PROGRESS: '#1d70b8',
  NOT_STARTED: '#ffffff',
  NOT_ACCEPTED: '#383f43',
  SUPERSEDED: '#6f777b',
};
/** The outline of a hollow (not started) bar segment. */
export const NOT_STARTED_STROKE = '#505a5f';
export const CHART_GRID = '#dcdcdc';
export const TEXT = '#0b0c0c';
export const SECONDARY_TEXT = '#484949';
export const BRAND = '#103c4a';
export const BORDER = '#b1b4b6';

/** WCAG relative luminance of '#rrggbb'. */
function luminance(hex: string): number {
  const channel = (i: number) => {
    const c = parseInt(hex.slice(i, i + 2), 16) / 255;
    return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  };
  return 0.2126 * channel(1) + 0.7152 * channel(3) + 0.0722 * channel(5);
}

/** WCAG contrast ratio of two '#rrggbb' colours. */
export function contrastRatio(a: string, b: string): number {
  const [light, dark] = [luminance(a), luminance(b)].sort((x, y) => y - x) as [number, number];
  return (light + 0.05) / (dark + 0.05);
}
