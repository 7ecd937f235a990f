// The value-label plugin: draws "86 % (n = 124)" after a bar, or a count inside a stacked segment
// when it fits. Included inline in each configuration (analysis/charts/configs.ts), so no Chart.js
// plugin has to be registered anywhere; it draws the same on the server's canvas and in a browser.
import type { ChartType, Plugin } from 'chart.js';
import { TEXT } from './palette.js';

/** Labels for one dataset, one per data index (null = none). */
export interface ValueLabelSet {
  labels: Array<string | null>;
  /** 'end': after the bar (or above it when vertical); 'center': inside the segment if it fits. */
  position: 'end' | 'center';
  /** Text colour; for 'center' this should contrast with the bar colour. */
  color?: string;
}

export interface ValueLabelsOptions {
  /** Per dataset index. */
  datasets: Array<ValueLabelSet | null>;
  /** Per data index, drawn after the end of the whole (stacked) bar. */
  totals?: Array<string | null>;
  fontSize?: number;
}

declare module 'chart.js' {
  // TType is unused here but must match Chart.js's declaration for the merge to apply.
  interface PluginOptionsByType<TType extends ChartType> {
    finsamValueLabels: ValueLabelsOptions;
  }
}

interface BarGeometry {
  x: number;
  y: number;
  base: number;
  width: number;
  height: number;
}

/** Draws value labels; works the same in node-canvas and in the browser. */
export function valueLabelsPlugin(): Plugin<'bar', ValueLabelsOptions> {
  return {
    id: 'finsamValueLabels',
    afterDatasetsDraw(chart, _args, opts) {
      const sets = opts.datasets ?? [];
      const horizontal = chart.options.indexAxis === 'y';
      const ctx = chart.ctx;
      const family = chart.options.font?.family ?? 'sans-serif';
      const size = opts.fontSize ?? 12;
      const gap = 5;
      // Far end of every (stacked) bar per data index, for the totals.
      const ends = new Map<number, number>();

      ctx.save();
      ctx.font = `${size}px ${family}`;
      chart.data.datasets.forEach((_ds, di) => {
        if (!chart.isDatasetVisible(di)) return;
        const meta = chart.getDatasetMeta(di);
        const set = sets[di] ?? null;
        const vScale = horizontal ? chart.scales[meta.xAxisID ?? 'x'] : chart.scales[meta.yAxisID ?? 'y'];
        const zero = vScale ? vScale.getPixelForValue(0) : 0;
        meta.data.forEach((el, i) => {
          const g = el.getProps(['x', 'y', 'base', 'width', 'height'], true) as unknown as BarGeometry;
          const valueEnd = horizontal ? g.x : g.y;
          const indexPos = horizontal ? g.y : g.x;
          if (!Number.isFinite(indexPos)) return;
          const end = Number.isFinite(valueEnd) ? valueEnd : zero;
          const prev = ends.get(i);
          if (Number.isFinite(valueEnd)) {
            ends.set(i, prev === undefined ? end : horizontal ? Math.max(prev, end) : Math.min(prev, end));
          } else if (prev === undefined) {
            ends.set(i, zero);
          }
          const text = set?.labels[i];
          if (!set || !text) return;
          ctx.fillStyle = set.color ?? TEXT;
          if (set.position === 'center') {
            if (!Number.isFinite(valueEnd) || !Number.isFinite(g.base)) return;
            const length = Math.abs(valueEnd - g.base);
            const room = length;
            const need = horizontal ? ctx.measureText(text).width + 6 : size + 4;
            const across = horizontal ? g.height : g.width;
            const needAcross = horizontal ? size + 2 : ctx.measureText(text).width + 4;
            if (room < need || across < needAcross) return;
            ctx.textAlign = 'center';
            ctx.textBaseline = 'middle';
            const mid = (valueEnd + g.base) / 2;
            if (horizontal) ctx.fillText(text, mid, indexPos);
            else ctx.fillText(text, indexPos, mid);
          } else if (horizontal) {
            ctx.textAlign = 'left';
            ctx.textBaseline = 'middle';
            ctx.fillText(text, end + gap, indexPos);
          } else {
            ctx.textAlign = 'center';
            ctx.textBaseline = 'bottom';
            ctx.fillText(text, indexPos, end - gap);
          }
        });
      });

      if (opts.totals) {
        const meta = chart.getDatasetMeta(0);
        ctx.fillStyle = TEXT;
        opts.totals.forEach((text, i) => {
          const end = ends.get(i);
          const el = meta.data[i];
          if (!text || end === undefined || !el) return;
          const g = el.getProps(['x', 'y'], true) as unknown as { x: number; y: number };
          if (horizontal) {
            ctx.textAlign = 'left';
            ctx.textBaseline = 'middle';
            ctx.fillText(text, end + gap, g.y);
          } else {
            ctx.textAlign = 'center';
            ctx.textBaseline = 'bottom';
            ctx.fillText(text, g.x, end - gap);
          }
        });
      }
      ctx.restore();
    },
  };
}
