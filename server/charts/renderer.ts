// Server-side PNG and SVG rendering of the chart configurations from analysis/charts/configs.ts
// (docs/architecture.md: charts).
//
// - Chart.js draws on @napi-rs/canvas (Skia). Its binaries ship inside npm packages for Linux, macOS
//   and Windows, so a fresh machine needs no system cairo/pango and nothing is downloaded at install
//   (docs/operations.md explains why we left node-canvas).
// - One Chart.js (registered once per process) and one canvas per render: a napi canvas costs
//   microseconds to create, and a fresh one means concurrent renders can never share pixels.
// - Every render gets a deep copy of the configuration, because Chart.js mutates what it is given;
//   the caller's object can be rendered again.
// - PNG at devicePixelRatio 2 (print); SVG at ratio 1 with text converted to paths, so the vector
//   file looks the same in a report layout that lacks our fonts.
// - DejaVu Sans (regular and bold) ships in ./fonts, so å, ä and ö render the same on every machine.

import { encodePng } from './pngEncode.js';
import { existsSync } from 'node:fs';
import os from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

import { createCanvas, GlobalFonts, SvgExportFlag } from '@napi-rs/canvas';
import { Chart, registerables, type ChartConfiguration, type Plugin } from 'chart.js';

/** The font family the charts are drawn in (registered from ./fonts). */
export const CHART_FONT_FAMILY = 'DejaVu Sans';

const FONT_FILES = ['DejaVuSans.ttf', 'DejaVuSans-Bold.ttf'] as const;

export interface ChartSize {
  width: number;
  height: number;
}

export type AnyChartConfiguration = ChartConfiguration<any, any, any>;

export interface ChartRendererOptions {
  /** Default width in CSS pixels (the PNG is devicePixelRatio times wider). Default 900. */
  width?: number;
  /** Default height in CSS pixels. Default 500. */
  height?: number;
  /** Default 2, for print. */
  devicePixelRatio?: number;
  /** Directory with the DejaVu Sans files; found automatically when omitted. */
  fontDir?: string;
}

export interface ChartRenderer {
  /** Renders a PNG of `size` (default: the renderer's size) × devicePixelRatio pixels. */
  renderPng(config: AnyChartConfiguration, size?: Partial<ChartSize>): Promise<Buffer>;
  /** Renders an SVG document of `size` CSS pixels (vector; text drawn as paths). */
  renderSvg(config: AnyChartConfiguration, size?: Partial<ChartSize>): Promise<Buffer>;
  readonly width: number;
  readonly height: number;
  readonly devicePixelRatio: number;
  /** Diagnostics: how many PNGs and SVGs this renderer has drawn. */
  stats(): { png: number; svg: number };
}

// ---------------------------------------------------------------------------------------------
// Fonts

let fontsRegistered = false;

/** Finds server/charts/fonts both from the source tree and from dist/server/charts. */
export function resolveFontDir(explicit?: string): string {
  const here = dirname(fileURLToPath(import.meta.url));
  const candidates = explicit
    ? [resolve(explicit)]
    : [join(here, 'fonts'), resolve(here, '../../../server/charts/fonts'), resolve(process.cwd(), 'server/charts/fonts')];
  for (const dir of candidates) {
    if (FONT_FILES.every((f) => existsSync(join(dir, f)))) return dir;
  }
  throw new Error(`Typsnitten för diagram saknas (${FONT_FILES.join(', ')}). Sökte i: ${candidates.join(', ')}`);
}

/** Registers the bundled fonts once per process (charts and printed questionnaires use them). */
export function registerFonts(fontDir?: string): void {
  if (fontsRegistered) return;
  const dir = resolveFontDir(fontDir);
  for (const f of FONT_FILES) {
    // Skia reads the weight from the file, so both files serve the one family name.
    if (!GlobalFonts.registerFromPath(join(dir, f), CHART_FONT_FAMILY)) {
      throw new Error(`Typsnittet ${join(dir, f)} kunde inte läsas.`);
    }
  }
  fontsRegistered = true;
}

// ---------------------------------------------------------------------------------------------
// Chart.js, set up once per process

const whiteBackground: Plugin = {
  id: 'finsamWhiteBackground',
  beforeDraw(chart) {
    const { ctx, width, height } = chart;
    ctx.save();
    ctx.globalCompositeOperation = 'destination-over';
    ctx.fillStyle = '#ffffff';
    ctx.fillRect(0, 0, width, height);
    ctx.restore();
  },
};

let chartJsReady = false;

function setUpChartJs(): void {
  if (chartJsReady) return;
  Chart.register(...registerables, whiteBackground);
  Chart.defaults.font.family = CHART_FONT_FAMILY;
  Chart.defaults.font.size = 12;
  Chart.defaults.color = '#1f1f1f';
  Chart.defaults.animation = false;
  Chart.defaults.responsive = false;
  chartJsReady = true;
}

// ---------------------------------------------------------------------------------------------
// Deep copy that keeps functions (tick and tooltip callbacks, inline plugins) by reference.

export function cloneConfig<T>(value: T): T {
  return cloneValue(value, new Map()) as T;
}

function cloneValue(value: unknown, seen: Map<object, unknown>): unknown {
  if (value === null || typeof value !== 'object') return value; // primitives and functions
  const existing = seen.get(value);
  if (existing !== undefined) return existing;
  if (Array.isArray(value)) {
    const out: unknown[] = [];
    seen.set(value, out);
    for (const v of value) out.push(cloneValue(v, seen));
    return out;
  }
  const proto = Object.getPrototypeOf(value) as unknown;
  if (proto !== Object.prototype && proto !== null) return value; // class instances: keep
  const out: Record<string, unknown> = {};
  seen.set(value, out);
  for (const [k, v] of Object.entries(value)) out[k] = cloneValue(v, seen);
  return out;
}

// ---------------------------------------------------------------------------------------------
// Renderer

function checkSize(n: number, what: string): number {
  if (!Number.isInteger(n) || n < 50 || n > 4000) {
    throw new RangeError(`Ogiltig diagramstorlek (${what} = ${n}); tillåtet är 50–4000 pixlar.`);
  }
  return n;
}

/**
 * Draws `config` on `canvas` synchronously (animation off), awaits `read` on the drawn canvas, then
 * releases Chart.js's hold on it (destroy() clears the canvas, so reading must come first).
 */
async function drawThen<T>(
  canvas: unknown,
  config: AnyChartConfiguration,
  devicePixelRatio: number,
  read: () => T | Promise<T>,
): Promise<T> {
  const fresh = cloneConfig(config);
  fresh.options = {
    ...(fresh.options ?? {}),
    devicePixelRatio,
    animation: false,
    responsive: false,
    maintainAspectRatio: false,
  };
  // Chart.js takes any object with getContext('2d'); without a DOM it uses its basic platform.
  const chart = new Chart(canvas as HTMLCanvasElement, fresh);
  try {
    return await read();
  } finally {
    chart.destroy();
  }
}

export function createChartRenderer(options: ChartRendererOptions = {}): ChartRenderer {
  const width = checkSize(options.width ?? 900, 'bredd');
  const height = checkSize(options.height ?? 500, 'höjd');
  const devicePixelRatio = options.devicePixelRatio ?? 2;
  let png = 0;
  let svg = 0;

  registerFonts(options.fontDir);
  setUpChartJs();

  function sizeOf(size: Partial<ChartSize> | undefined): ChartSize {
    return { width: checkSize(size?.width ?? width, 'bredd'), height: checkSize(size?.height ?? height, 'höjd') };
  }

  return {
    width,
    height,
    devicePixelRatio,
    async renderPng(config, size) {
      const s = sizeOf(size);
      const canvas = createCanvas(s.width, s.height);
      // Chart.js resizes the canvas to size × ratio. PNG compression is most of the cost; pngEncode.ts
      // runs it on libuv's thread pool, so several charts encode on all cores at once.
      const out = await drawThen(canvas, config, devicePixelRatio, () => {
        const { width: w, height: h } = canvas;
        return encodePng(canvas.getContext('2d').getImageData(0, 0, w, h).data, w, h);
      });
      png += 1;
      return out;
    },
    async renderSvg(config, size) {
      const s = sizeOf(size);
      const canvas = createCanvas(s.width, s.height, SvgExportFlag.ConvertTextToPaths);
      const out = await drawThen(canvas, config, 1, () => canvas.getContent());
      svg += 1;
      return out;
    },
    stats: () => ({ png, svg }),
  };
}

export type ChartFormat = 'png' | 'svg';

/** One chart in either format. */
export function renderChart(
  renderer: ChartRenderer,
  config: AnyChartConfiguration,
  format: ChartFormat,
  size?: Partial<ChartSize>,
): Promise<Buffer> {
  return format === 'svg' ? renderer.renderSvg(config, size) : renderer.renderPng(config, size);
}

export interface ChartJob {
  config: AnyChartConfiguration;
  size?: Partial<ChartSize>;
}

/**
 * Renders many charts, a few at a time so that PNG compression uses every core while drawing (on
 * the main thread) goes on; results come back in the order of `jobs`.
 */
export async function renderAll(
  renderer: ChartRenderer,
  jobs: readonly ChartJob[],
  format: ChartFormat,
  concurrency = Math.max(2, os.availableParallelism()),
): Promise<Buffer[]> {
  const out: Buffer[] = new Array(jobs.length);
  let next = 0;
  async function worker(): Promise<void> {
    while (next < jobs.length) {
      const i = next++;
      const job = jobs[i]!;
      out[i] = await renderChart(renderer, job.config, format, job.size);
    }
  }
  await Promise.all(Array.from({ length: Math.min(concurrency, jobs.length) }, worker));
  return out;
}

let shared: ChartRenderer | undefined;

/** The process-wide renderer (900 × 500, devicePixelRatio 2) that routes and the CLI use. */
export function sharedChartRenderer(): ChartRenderer {
  shared ??= createChartRenderer();
  return shared;
}
