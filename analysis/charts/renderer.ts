// Server-side PNG rendering of the chart configurations from ./configs.ts (DESIGN §5).
//
// - One ChartJSNodeCanvas per size, created on first use and reused: every ChartJSNodeCanvas loads
//   its own fresh copy of Chart.js, so creating one per chart costs time and memory.
// - Every render gets a deep copy of the configuration, because Chart.js (and chartjs-node-canvas)
//   mutate the configuration they are given; the caller's object can be rendered again.
// - devicePixelRatio 2 (print), white background, animations and responsiveness off.
// - DejaVu Sans (regular and bold) is shipped in ./fonts and registered with node-canvas before
//   the first canvas is created, so å, ä and ö render the same on every machine.

import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

import canvasPkg from 'canvas';
import type { Chart, ChartConfiguration, Plugin } from 'chart.js';
import chartjsNodeCanvas from 'chartjs-node-canvas';

const { ChartJSNodeCanvas } = chartjsNodeCanvas;
type NodeCanvas = InstanceType<typeof ChartJSNodeCanvas>;

/** The font family the charts are drawn in (registered from ./fonts). */
export const CHART_FONT_FAMILY = 'DejaVu Sans';

const FONT_FILES = [
  { file: 'DejaVuSans.ttf', weight: 'normal' },
  { file: 'DejaVuSans-Bold.ttf', weight: 'bold' },
] as const;

export interface ChartSize {
  width: number;
  height: number;
}

export interface ChartRendererOptions {
  /** Default width in CSS pixels (the PNG is devicePixelRatio times wider). Default 900. */
  width?: number;
  /** Default height in CSS pixels. Default 500. */
  height?: number;
  /** Default 2, for print. */
  devicePixelRatio?: number;
  /** Directory with the DejaVu Sans files; found automatically when omitted. */
  fontDir?: string;
  /**
   * How many sizes keep their own ChartJSNodeCanvas (each holds a copy of Chart.js). The least
   * recently used one is dropped beyond this. Default 8.
   */
  maxSizes?: number;
}

export interface ChartRenderer {
  /** Renders a PNG of `size` (default: the renderer's size) × devicePixelRatio pixels. */
  renderPng(config: ChartConfiguration<any, any, any>, size?: Partial<ChartSize>): Promise<Buffer>;
  readonly width: number;
  readonly height: number;
  readonly devicePixelRatio: number;
  /** Diagnostics: how many ChartJSNodeCanvas instances exist and how many PNGs were rendered. */
  stats(): { canvases: number; created: number; renders: number };
  /** Drops the cached ChartJSNodeCanvas instances. */
  dispose(): void;
}

// ---------------------------------------------------------------------------------------------
// Fonts

let fontsRegistered = false;

/** Finds analysis/charts/fonts both from the source tree and from dist/analysis/charts. */
export function resolveFontDir(explicit?: string): string {
  const here = dirname(fileURLToPath(import.meta.url));
  const candidates = explicit
    ? [resolve(explicit)]
    : [join(here, 'fonts'), resolve(here, '../../../analysis/charts/fonts'), resolve(process.cwd(), 'analysis/charts/fonts')];
  for (const dir of candidates) {
    if (FONT_FILES.every((f) => existsSync(join(dir, f.file)))) return dir;
  }
  throw new Error(
    `Typsnitten för diagram saknas (DejaVuSans.ttf, DejaVuSans-Bold.ttf). Sökte i: ${candidates.join(', ')}`,
  );
}

/**
 * Registers the shipped fonts with node-canvas, once per process (node-canvas keeps a global list;
 * registering twice would only add duplicates). Must run before the first canvas is created.
 */
function registerFonts(fontDir?: string): void {
  if (fontsRegistered) return;
  const dir = resolveFontDir(fontDir);
  for (const f of FONT_FILES) {
    canvasPkg.registerFont(join(dir, f.file), { family: CHART_FONT_FAMILY, weight: f.weight, style: 'normal' });
  }
  fontsRegistered = true;
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

const whiteBackground: Plugin = {
  id: 'finsamWhiteBackground',
  beforeDraw(chart: Chart) {
    const { ctx, width, height } = chart;
    ctx.save();
    ctx.globalCompositeOperation = 'destination-over';
    ctx.fillStyle = '#ffffff';
    ctx.fillRect(0, 0, width, height);
    ctx.restore();
  },
};

function checkSize(n: number, what: string): number {
  if (!Number.isInteger(n) || n < 50 || n > 4000) {
    throw new RangeError(`Ogiltig diagramstorlek (${what} = ${n}); tillåtet är 50–4000 pixlar.`);
  }
  return n;
}

export function createChartRenderer(options: ChartRendererOptions = {}): ChartRenderer {
  const width = checkSize(options.width ?? 900, 'bredd');
  const height = checkSize(options.height ?? 500, 'höjd');
  const devicePixelRatio = options.devicePixelRatio ?? 2;
  const maxSizes = Math.max(1, options.maxSizes ?? 8);
  const canvases = new Map<string, NodeCanvas>(); // insertion order = least recently used first
  let created = 0;
  let renders = 0;

  registerFonts(options.fontDir);

  function canvasFor(w: number, h: number): NodeCanvas {
    const key = `${w}x${h}`;
    const hit = canvases.get(key);
    if (hit) {
      canvases.delete(key);
      canvases.set(key, hit);
      return hit;
    }
    const instance = new ChartJSNodeCanvas({
      width: w,
      height: h,
      chartCallback: (ChartJS) => {
        ChartJS.defaults.font.family = CHART_FONT_FAMILY;
        ChartJS.defaults.font.size = 12;
        ChartJS.defaults.color = '#1f1f1f';
        ChartJS.defaults.animation = false;
        ChartJS.defaults.responsive = false;
        ChartJS.register(whiteBackground);
      },
    });
    created += 1;
    canvases.set(key, instance);
    while (canvases.size > maxSizes) {
      const oldest = canvases.keys().next().value as string;
      canvases.delete(oldest);
    }
    return instance;
  }

  return {
    width,
    height,
    devicePixelRatio,
    async renderPng(config, size) {
      const w = checkSize(size?.width ?? width, 'bredd');
      const h = checkSize(size?.height ?? height, 'höjd');
      const fresh = cloneConfig(config);
      fresh.options = {
        ...(fresh.options ?? {}),
        devicePixelRatio,
        animation: false,
        responsive: false,
        maintainAspectRatio: false,
      };
      const png = await canvasFor(w, h).renderToBuffer(fresh as ChartConfiguration, 'image/png');
      renders += 1;
      return png;
    },
    stats: () => ({ canvases: canvases.size, created, renders }),
    dispose: () => canvases.clear(),
  };
}

let shared: ChartRenderer | undefined;

/** The process-wide renderer (900 × 500, devicePixelRatio 2) that routes and the CLI should use. */
export function sharedChartRenderer(): ChartRenderer {
  shared ??= createChartRenderer();
  return shared;
}
