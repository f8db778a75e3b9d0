import { readFileSync } from 'node:fs';
import path from 'node:path';
import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { RagTag, StatusTag } from '@/components/status-tag';
import { STATUS_ORDER } from '@/lib/recommendations/status';
import { CHART_FILLS, contrastRatio, RAG_TAG, STATUS_TAG, TAG_COLOURS } from './report-colours';

const css = readFileSync(path.join(process.cwd(), 'app/globals.css'), 'utf8');
const variables = new Map([...css.matchAll(/--([\w-]+):\s*(#[0-9a-f]{6})/gi)].map(([, name, value]) => [name!, value!.toLowerCase()]));
const resolve = (value: string) => (value.startsWith('var(') ? variables.get(value.slice(6, -1)) : value.toLowerCase());

/** A tag's colours on screen: its class's rule in the stylesheet (plain `.tag` is grey). */
function screenColours(markup: string) {
  const modifier = /class="tag(?: tag--(\w+))?"/.exec(markup)?.[1];
  const rule = new RegExp(`\\.tag${modifier ? `--${modifier}` : ''} \\{([^}]*)\\}`).exec(css)![1]!;
  return { background: resolve(/background: ([^;]+);/.exec(rule)![1]!), text: resolve(/ color: ([^;]+);/.exec(rule)![1]!) };
}

describe('report colours', () => {
  it("gives the PDF's status and RAG tags the screen's colours", () => {
    for (const status of STATUS_ORDER) {
      expect(screenColours(renderToStaticMarkup(createElement(StatusTag, { status }))), status).toEqual(TAG_COLOURS[STATUS_TAG[status]]);
    }
    for (const rating of ['RED', 'AMBER', 'GREEN'] as const) {
      expect(screenColours(renderToStaticMarkup(createElement(RagTag, { rating }))), rating).toEqual(TAG_COLOURS[RAG_TAG[rating]]);
    }
    expect(screenColours(renderToStaticMarkup(createElement(RagTag, { rating: null })))).toEqual(TAG_COLOURS.grey);
  });

  it('keeps every tag readable: text on its colour at least 4.5:1 (WCAG AA)', () => {
    for (const [name, colour] of Object.entries(TAG_COLOURS)) {
      expect(contrastRatio(colour.text, colour.background), name).toBeGreaterThanOrEqual(4.5);
    }
    expect(contrastRatio('#ffffff', '#000000')).toBeCloseTo(21, 5);
  });

  it("draws the PDF's charts in the screen's chart colours, at least 3:1 against white where filled", () => {
    const fill = (selector: string) => new RegExp(`\\.${selector} \\{ fill: (#[0-9a-f]{6})`, 'i').exec(css)?.[1]?.toLowerCase();
    expect(fill('chart-seg--verified')).toBe(CHART_FILLS.VERIFIED);
    expect(fill('chart-fill--implemented')).toBe(CHART_FILLS.IMPLEMENTED);
    expect(fill('chart-fill--in-progress')).toBe(CHART_FILLS.IN_PROGRESS);
    expect(fill('chart-fill--not-accepted')).toBe(CHART_FILLS.NOT_ACCEPTED);
    expect(fill('chart-fill--superseded')).toBe(CHART_FILLS.SUPERSEDED);
    for (const status of STATUS_ORDER.filter((s) => s !== 'NOT_STARTED')) {
      expect(contrastRatio(CHART_FILLS[status], '#ffffff'), status).toBeGreaterThanOrEqual(3);
    }
  });
});
