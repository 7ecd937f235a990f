// Colour-blind-safe colours for the charts (docs/architecture.md: chart configurations are pure).
//
// Categorical colours: Okabe & Ito (2008), "Color Universal Design", distinguishable with the
// common forms of colour-vision deficiency. Sequential colours (ordered answer scales, years):
// a single-hue blue ramp (ColorBrewer "Blues", also safe for colour-vision deficiency and in
// greyscale print), light = low / old, dark = high / recent.

/** Okabe–Ito, without black (used for text) and yellow (too light on white). */
export const OKABE_ITO = {
  orange: '#E69F00',
  skyBlue: '#56B4E9',
  bluishGreen: '#009E73',
  yellow: '#F0E442',
  blue: '#0072B2',
  vermillion: '#D55E00',
  reddishPurple: '#CC79A7',
  black: '#000000',
} as const;

/** Categorical order: strong contrasts first. */
export const CATEGORICAL: readonly string[] = [
  OKABE_ITO.blue,
  OKABE_ITO.orange,
  OKABE_ITO.bluishGreen,
  OKABE_ITO.vermillion,
  OKABE_ITO.skyBlue,
  OKABE_ITO.reddishPurple,
  OKABE_ITO.yellow,
];

/** Fixed colours per gender bucket so that every chart uses the same ones. */
export const GENDER_COLOURS = {
  kvinnor: OKABE_ITO.blue,
  man: OKABE_ITO.orange,
  annat: OKABE_ITO.bluishGreen,
} as const;

/** Single-series bars (share positive, response rate). */
export const PRIMARY = OKABE_ITO.blue;

/** Text and grid colours. */
export const TEXT = '#1f1f1f';
export const TEXT_MUTED = '#555555';
export const GRID = '#e3e3e3';

/** ColorBrewer Blues (9 classes) without the two near-white steps. */
const BLUES: readonly string[] = ['#c6dbef', '#9ecae1', '#6baed6', '#4292c6', '#2171b5', '#08519c', '#08306b'];

/**
 * `count` colours from light to dark, spread evenly over the blue ramp. One colour gives the
 * middle-dark blue; more than seven repeat nothing but interpolate between neighbours.
 */
export function sequentialPalette(count: number): string[] {
  if (count <= 0) return [];
  if (count === 1) return [BLUES[4]!];
  const out: string[] = [];
  const last = BLUES.length - 1;
  for (let i = 0; i < count; i++) {
    const pos = (i * last) / (count - 1);
    const lo = Math.floor(pos);
    const hi = Math.min(lo + 1, last);
    out.push(mix(BLUES[lo]!, BLUES[hi]!, pos - lo));
  }
  return out;
}

/** Black or white, whichever reads better on `background` (WCAG relative luminance). */
export function textColourOn(background: string): string {
  const [r, g, b] = parseHex(background).map((c) => {
    const s = c / 255;
    return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
  }) as [number, number, number];
  const lum = 0.2126 * r + 0.7152 * g + 0.0722 * b;
  // Contrast against white (1.05 / (lum + 0.05)) vs against black ((lum + 0.05) / 0.05).
  return 1.05 / (lum + 0.05) >= (lum + 0.05) / 0.05 ? '#ffffff' : '#000000';
}

function parseHex(hex: string): [number, number, number] {
  const h = hex.replace('#', '');
  const full =
    h.length === 3
      ? h
          .split('')
          .map((c) => c + c)
          .join('')
      : h;
  const n = parseInt(full.slice(0, 6), 16);
  return [(n >> 16) & 255, (n >> 8) & 255, n & 255];
}

function mix(a: string, b: string, t: number): string {
  if (t <= 0) return a;
  const ca = parseHex(a);
  const cb = parseHex(b);
  const c = ca.map((v, i) => Math.round(v + (cb[i]! - v) * t));
  return '#' + c.map((v) => v.toString(16).padStart(2, '0')).join('');
}
