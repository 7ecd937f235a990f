// Charts with very many categories (e.g. one bar per insats for 150 insatser) used to ask for a
// height above the renderer's 4000 px limit, and the PNG route answered 500.
import { mkdirSync, writeFileSync } from 'node:fs';

import { describe, expect, it } from 'vitest';

import {
  MAX_CHART_HEIGHT,
  responseRateChart,
  sharePositiveChart,
  startersByInsatsChart,
  suggestedChartSize,
} from '../../analysis/charts/configs.js';
import { createChartRenderer } from '../../server/charts/renderer.js';
import * as fx from './fixtures.js';

const insatser = Array.from({ length: 150 }, (_, i) => ({
  label: `Insats nummer ${i + 1} med ett ganska långt namn som behöver radbrytas`,
  kvinnor: 5 + (i % 7),
  man: 4 + (i % 5),
  annat: 0,
}));

function tickFontSize(config: ReturnType<typeof startersByInsatsChart>): number | undefined {
  const font = (config.options?.scales?.y?.ticks as { font?: { size?: number } } | undefined)?.font;
  return font?.size;
}

describe('charts with 150 categories', () => {
  const renderer = createChartRenderer();
  mkdirSync('/tmp/charts-preview', { recursive: true });

  it('draws 150 insatser at the largest allowed height with smaller text instead of failing', async () => {
    const config = startersByInsatsChart({ title: 'Nya deltagare per insats och kön', insatser });
    const size = suggestedChartSize(config);
    expect(size.height).toBe(MAX_CHART_HEIGHT);
    const png = await renderer.renderPng(config, size);
    expect(png.readUInt32BE(20)).toBe(MAX_CHART_HEIGHT * 2); // PNG IHDR height at pixel ratio 2
    writeFileSync('/tmp/charts-preview/crowded-150.png', png);
    // Every insats keeps its bar and its label, on one line in a smaller font.
    expect(config.data.labels).toHaveLength(150);
    expect(config.data.labels!.every((l) => !Array.isArray(l) || l.length === 1)).toBe(true);
    expect(tickFontSize(config)).toBeLessThanOrEqual(12);
  });

  it('shrinks the label font when even one line at 12 px does not fit (400 insatser)', async () => {
    const many = Array.from({ length: 400 }, (_, i) => ({ label: `Insats ${i + 1}`, kvinnor: 6, man: 5, annat: 0 }));
    const config = startersByInsatsChart({ title: 'Nya deltagare per insats och kön', insatser: many });
    expect(tickFontSize(config)).toBeLessThan(12);
    expect(tickFontSize(config)).toBeGreaterThanOrEqual(6);
    const png = await renderer.renderPng(config, suggestedChartSize(config));
    expect(png.readUInt32BE(20)).toBe(MAX_CHART_HEIGHT * 2);
  });

  it('does the same for a response-rate chart with 150 rounds', async () => {
    const config = responseRateChart({
      title: 'Svarsfrekvens',
      rounds: insatser.map((i) => ({ label: i.label, responded: 8, invited: 10, percent: 80 })),
    });
    const size = suggestedChartSize(config);
    expect(size.height).toBeLessThanOrEqual(MAX_CHART_HEIGHT);
    await expect(renderer.renderPng(config, size)).resolves.toBeInstanceOf(Buffer);
  });

  it('leaves a chart that fits as it was', () => {
    const config = sharePositiveChart(fx.sharePositive);
    expect(tickFontSize(config)).toBe(12);
    expect(suggestedChartSize(config).height).toBeLessThan(MAX_CHART_HEIGHT);
  });
});
