import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

import { beforeAll, describe, expect, it } from 'vitest';

import {
  answerDistributionChart,
  endReasonsByGenderChart,
  participantFlowChart,
  responseRateChart,
  sharePositiveByGenderChart,
  sharePositiveChart,
  startersByInsatsChart,
  suggestedChartSize,
  wrapLabel,
  yearOverYearChart,
  type FinsamChartConfig,
} from '../../analysis/charts/configs.js';
import { sequentialPalette, textColourOn } from '../../analysis/charts/palette.js';
import { createCanvas, loadImage } from '@napi-rs/canvas';
import { cloneConfig, createChartRenderer, renderAll, sharedChartRenderer, type ChartRenderer } from '../../server/charts/renderer.js';
import * as fx from './fixtures.js';

const PREVIEW_DIR = '/tmp/charts-preview';

/** Width and height from a PNG's IHDR chunk, after checking the signature. */
/** Share of pixels that are clearly not white (a blank chart has 0). */
async function inkShare(png: Buffer): Promise<number> {
  const image = await loadImage(png);
  const canvas = createCanvas(image.width, image.height);
  const ctx = canvas.getContext('2d');
  ctx.drawImage(image, 0, 0);
  const { data } = ctx.getImageData(0, 0, image.width, image.height);
  let ink = 0;
  for (let i = 0; i < data.length; i += 4) if (data[i]! + data[i + 1]! + data[i + 2]! < 600) ink += 1;
  return ink / (data.length / 4);
}

function pngSize(buf: Buffer): { width: number; height: number } {
  const signature = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  expect(buf.subarray(0, 8).equals(signature)).toBe(true);
  expect(buf.subarray(12, 16).toString('ascii')).toBe('IHDR');
  return { width: buf.readUInt32BE(16), height: buf.readUInt32BE(20) };
}

/** A comparable snapshot of a config: functions by their source, everything else by value. */
function snapshot(config: unknown): string {
  return JSON.stringify(config, (_k, v: unknown) => (typeof v === 'function' ? `fn:${v.toString()}` : v));
}

const builders: Array<[string, () => FinsamChartConfig]> = [
  ['1-andel-positiva', () => sharePositiveChart(fx.sharePositive)],
  ['2-svarsfordelning', () => answerDistributionChart(fx.distribution)],
  ['3-andel-positiva-per-kon', () => sharePositiveByGenderChart(fx.byGender)],
  ['4-jamforelse-ar', () => yearOverYearChart(fx.yearOverYear)],
  ['5-avslutsorsaker-per-kon', () => endReasonsByGenderChart(fx.endReasons)],
  ['6-deltagarflode', () => participantFlowChart(fx.flow)],
  ['7-nya-per-insats-och-kon', () => startersByInsatsChart(fx.starters)],
  ['8-svarsfrekvens', () => responseRateChart(fx.responseRate)],
];

describe('chart renderer', () => {
  let renderer: ChartRenderer;
  beforeAll(() => {
    renderer = createChartRenderer({ width: 900, height: 500 });
    mkdirSync(PREVIEW_DIR, { recursive: true });
  });

  it.each(builders)('renders %s as a PNG at twice the requested size', async (name, build) => {
    const config = build();
    const png = await renderer.renderPng(config);
    expect(pngSize(png)).toEqual({ width: 1800, height: 1000 });
    // A preview with a size that fits the content, for looking at by eye.
    const size = suggestedChartSize(config);
    const preview = await renderer.renderPng(config, size);
    expect(pngSize(preview)).toEqual({ width: size.width * 2, height: size.height * 2 });
    // Something is drawn: a good share of the pixels is not the white background.
    expect(await inkShare(preview)).toBeGreaterThan(0.02);
    writeFileSync(join(PREVIEW_DIR, `${name}.png`), preview);
  });

  it('honours an explicit size', async () => {
    const png = await renderer.renderPng(sharePositiveChart(fx.sharePositive), { width: 640, height: 360 });
    expect(pngSize(png)).toEqual({ width: 1280, height: 720 });
  });

  it('counts renders and shares one process-wide renderer', async () => {
    const r = createChartRenderer({ width: 400, height: 300 });
    for (let i = 0; i < 3; i++) await r.renderPng(responseRateChart(fx.responseRate));
    await r.renderSvg(responseRateChart(fx.responseRate));
    expect(r.stats()).toEqual({ png: 3, svg: 1 });
    expect(sharedChartRenderer()).toBe(sharedChartRenderer());
  });

  it.each(builders)('renders %s as an SVG document with the chart drawn as vectors', async (_name, build) => {
    const svg = (await renderer.renderSvg(build(), { width: 640, height: 360 })).toString('utf8');
    expect(svg).toMatch(/^<\?xml[^>]*>\s*<svg[^>]*width="640"[^>]*height="360"/);
    expect(svg).toMatch(/<\/svg>\s*$/);
    // Bars, lines and glyphs (text converted to paths) are paths; the file is not an embedded bitmap.
    expect((svg.match(/<path/g) ?? []).length).toBeGreaterThan(20);
    expect(svg).not.toContain('<image');
  });

  it('does not mutate a configuration, so it can be rendered twice', async () => {
    for (const [, build] of builders) {
      const config = build();
      const before = snapshot(config);
      const first = await renderer.renderPng(config);
      expect(snapshot(config)).toBe(before);
      const second = await renderer.renderPng(config);
      expect(snapshot(config)).toBe(before);
      expect(second.equals(first)).toBe(true);
    }
  });

  it('renders concurrently without mixing up charts', async () => {
    const configs = builders.map(([, b]) => b());
    const parallel = await Promise.all(configs.map((c) => renderer.renderPng(c)));
    const serial: Buffer[] = [];
    for (const c of configs) serial.push(await renderer.renderPng(c));
    parallel.forEach((p, i) => expect(p.equals(serial[i]!)).toBe(true));
  });

  it('renders a whole set a few at a time, in the order given', async () => {
    const jobs = builders.map(([, b]) => ({ config: b(), size: { width: 600, height: 400 } }));
    const together = await renderAll(renderer, jobs, 'png', 3);
    for (const [i, job] of jobs.entries()) expect(together[i]!.equals(await renderer.renderPng(job.config, job.size))).toBe(true);
    const vectors = await renderAll(renderer, jobs.slice(0, 2), 'svg');
    expect(vectors.map((v) => v.toString('utf8').includes('<svg'))).toEqual([true, true]);
  });

  it('draws Swedish characters without throwing', async () => {
    const config = sharePositiveChart({
      title: 'Åsa, Örjan och Ärla: ÅÄÖ åäö é ü – ”citat” … 1 234 %',
      subtitle: ['Två rader: första', 'andra raden med ä'],
      items: [
        { label: 'Är stödet från Försäkringskassan och Arbetsförmedlingen väl samordnat på ön?', n: 12, percent: 58 },
        { label: 'Övrigt', n: 1234, percent: 7 },
      ],
    });
    const png = await renderer.renderPng(config);
    expect(pngSize(png).width).toBe(1800);
    writeFileSync(join(PREVIEW_DIR, '0-svenska-tecken.png'), png);
  });

  it('rejects absurd sizes with a Swedish message', async () => {
    await expect(renderer.renderPng(sharePositiveChart(fx.sharePositive), { width: 100000 })).rejects.toThrow(/diagramstorlek/);
  });
});

describe('chart configuration builders', () => {
  it('return a fresh object tree on every call', () => {
    const a = sharePositiveChart(fx.sharePositive);
    const b = sharePositiveChart(fx.sharePositive);
    expect(a).not.toBe(b);
    expect(a.data).not.toBe(b.data);
    expect(a.data.datasets[0]).not.toBe(b.data.datasets[0]);
    expect(a.options).not.toBe(b.options);
    expect(snapshot(a)).toBe(snapshot(b));
  });

  it('share positive: n per bar, suppressed items as a gap with "färre än k svar"', () => {
    const c = sharePositiveChart(fx.sharePositive);
    expect(c.data.datasets[0]!.data).toEqual([86, 51, 100, null, null]);
    const end = c.options!.plugins!.finsamValueLabels!.datasets![0]!.labels!;
    expect(end[0]).toBe('86\u00a0% (n\u00a0=\u00a0124)');
    expect(end[3]).toBe('–');
    expect(c.data.labels![3]).toContain('(färre än 5 svar)');
    expect(c.data.labels![4]).toContain('(inga svar)');
    expect(c.options!.scales!.x!.min).toBe(0);
    expect(c.options!.scales!.x!.max).toBe(100);
    expect(c.options!.indexAxis).toBe('y');
  });

  it('uses k from the input in the suppression text', () => {
    const c = sharePositiveChart({ ...fx.sharePositive, k: 7 });
    expect(c.data.labels![3]).toContain('(färre än 7 svar)');
  });

  it('distribution: one stacked dataset per scale step, sequential colours', () => {
    const c = answerDistributionChart(fx.distribution);
    expect(c.data.datasets.map((d) => d.label)).toEqual(fx.distribution.steps);
    expect(c.data.datasets.every((d) => d.stack === 'fordelning')).toBe(true);
    expect(c.options!.plugins!.finsamValueLabels!.totals).toEqual(['n\u00a0=\u00a0124', 'n\u00a0=\u00a0120', '– (färre än 5 svar)']);
    const colours = c.data.datasets.map((d) => d.backgroundColor);
    expect(new Set(colours).size).toBe(fx.distribution.steps.length);
  });

  it('gender: the third bucket only when present', () => {
    expect(sharePositiveByGenderChart(fx.byGender).data.datasets.map((d) => d.label)).toEqual(['Kvinnor', 'Män', 'Annat/ej angivet']);
    const twoBuckets = sharePositiveByGenderChart({
      ...fx.byGender,
      items: fx.byGender.items.map(({ annat: _a, ...rest }) => rest),
    });
    expect(twoBuckets.data.datasets.map((d) => d.label)).toEqual(['Kvinnor', 'Män']);
  });

  it('year over year: one series per year in order', () => {
    const c = yearOverYearChart(fx.yearOverYear);
    expect(c.data.datasets.map((d) => d.label)).toEqual(['2022', '2023', '2024']);
    expect(c.data.datasets[1]!.data[1]).toBeNull();
  });

  it('end reasons keep code-book order and mark hidden cells', () => {
    const c = endReasonsByGenderChart(fx.endReasons);
    expect(c.data.labels!.map((l) => (Array.isArray(l) ? l.join(' ') : l))).toEqual(fx.endReasons.reasons.map((r) => r.label));
    const totals = c.options!.plugins!.finsamValueLabels!.totals!;
    expect(totals[0]).toBe('n\u00a0=\u00a058');
    expect(totals[3]).toBe('n\u00a0=\u00a047 (annat/ej angivet: färre än 5)');
  });

  it('participant flow has the five steps in order', () => {
    const c = participantFlowChart(fx.flow);
    expect(c.data.labels!.map((l) => (Array.isArray(l) ? l.join(' ') : l))).toEqual([
      'Inskrivna sedan tidigare',
      'Nya under perioden',
      'Totalt deltagit',
      'Avslutade',
      'Pågående vid periodens slut',
    ]);
    expect(c.data.datasets[0]!.data).toEqual([48, 76, 124, 70, 54]);
  });

  it('response rate shows "x av y"', () => {
    const c = responseRateChart(fx.responseRate);
    const labels = c.options!.plugins!.finsamValueLabels!.datasets![0]!.labels!;
    expect(labels[0]).toBe('65\u00a0% (15 av 23)');
    expect(labels[3]).toBe('– (4 svar, antal inbjudna saknas)');
  });

  it('wraps long labels at about 40 characters', () => {
    const lines = wrapLabel(fx.questions[3]!);
    expect(lines.length).toBeGreaterThan(1);
    expect(lines.every((l) => l.length <= 40)).toBe(true);
    expect(lines.join(' ')).toBe(fx.questions[3]);
    expect(wrapLabel('Kort')).toEqual(['Kort']);
    expect(wrapLabel('a'.repeat(100)).every((l) => l.length <= 40)).toBe(true);
    expect(wrapLabel('ord '.repeat(100), 40, 3)).toHaveLength(3);
  });

  it('palette helpers', () => {
    expect(sequentialPalette(5)).toHaveLength(5);
    expect(new Set(sequentialPalette(9)).size).toBe(9);
    expect(textColourOn('#08306b')).toBe('#ffffff');
    expect(textColourOn('#c6dbef')).toBe('#000000');
  });

  it('cloneConfig copies data but keeps functions', () => {
    const c = sharePositiveChart(fx.sharePositive);
    const copy = cloneConfig(c);
    expect(copy.data.datasets[0]!.data).not.toBe(c.data.datasets[0]!.data);
    expect(copy.plugins![0]!.afterDatasetsDraw).toBe(c.plugins![0]!.afterDatasetsDraw);
  });
});
