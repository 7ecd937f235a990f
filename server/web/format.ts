// Number formatting for kansli pages: Swedish style (decimal comma, narrow no-break space before %),
// and "–" for a figure that is hidden or missing.
export const DASH = '–';

export function fmtNumber(v: number | null | undefined, decimals = 0): string {
  if (v === null || v === undefined || !Number.isFinite(v)) return DASH;
  return v.toLocaleString('sv-SE', { minimumFractionDigits: decimals, maximumFractionDigits: decimals });
}

export function fmtPercent(v: number | null | undefined): string {
  return v === null || v === undefined ? DASH : `${fmtNumber(v)} %`;
}

export function fmtSignedPoints(v: number | null | undefined): string {
  if (v === null || v === undefined) return DASH;
  return `${v > 0 ? '+' : v < 0 ? '−' : '±'}${fmtNumber(Math.abs(v))}`;
}

export function fmtInterval(ci: [number, number] | null | undefined): string {
  return ci ? `${fmtNumber(ci[0], 1)}–${fmtNumber(ci[1], 1)} %` : DASH;
}

export function fmtP(p: number | null | undefined): string {
  if (p === null || p === undefined) return DASH;
  return p < 0.001 ? '< 0,001' : fmtNumber(p, 3);
}

/** Helpers handed to every kansli template as `fmt`. */
export const fmt = { number: fmtNumber, percent: fmtPercent, points: fmtSignedPoints, interval: fmtInterval, p: fmtP, DASH };
