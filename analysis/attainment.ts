// Target attainment for the annual report (docs/domain.md): target, outcome and a three-grade verdict.

export type Attainment = 'God' | 'Delvis uppfyllt' | 'Ej uppfyllt';

export interface Target {
  /** 'count': e.g. "70 deltagare"; 'percent': e.g. "60 % kvinnor" (whole percentage points). */
  kind: 'count' | 'percent';
  target: number;
  /** Null when the outcome is unknown or suppressed. */
  outcome: number | null;
  /** Whether more is better (default) or less is better (e.g. waiting time, drop-outs). */
  direction?: 'atLeast' | 'atMost';
}

export interface Margins {
  /** Percent targets: shortfall in points still counted as God. */
  goodMarginPoints?: number;
  /** Count targets: shortfall, as a percentage of the target, still counted as God. */
  goodMarginCountPercent?: number;
  /** Percent targets: shortfall in points still counted as Delvis uppfyllt. */
  partialMarginPoints?: number;
  /** Count targets: shortfall, as a percentage of the target, still counted as Delvis uppfyllt. */
  partialMarginCountPercent?: number;
}

export interface TargetEvaluation {
  target: number;
  outcome: number | null;
  /** outcome − target (percentage points for percent targets); null without an outcome. */
  difference: number | null;
  attainment: Attainment | null;
}

// Float noise (e.g. 0.1 + 0.2) must not move an outcome exactly on a boundary to the worse grade.
const EPSILON = 1e-9;

function cleanFloat(x: number): number {
  return Math.round(x * 1e9) / 1e9;
}

export function evaluateTarget(
  spec: Target,
  { goodMarginPoints = 5, goodMarginCountPercent = 5, partialMarginPoints = 15, partialMarginCountPercent = 25 }: Margins = {},
): TargetEvaluation {
  const { kind, target, outcome } = spec;
  const direction = spec.direction ?? 'atLeast';
  if (!Number.isFinite(target)) throw new RangeError(`Ogiltigt mål: ${target}`);
  if (outcome === null) return { target, outcome: null, difference: null, attainment: null };
  if (!Number.isFinite(outcome)) throw new RangeError(`Ogiltigt utfall: ${outcome}`);

  const difference = cleanFloat(outcome - target);
  // How far the outcome falls short in the bad direction; ≤ 0 means the target is met.
  const shortfall = direction === 'atLeast' ? -difference : difference;
  // Count margins are relative to the target ("5 % of 70 participants" = 3.5).
  const good = kind === 'percent' ? goodMarginPoints : (Math.abs(target) * goodMarginCountPercent) / 100;
  const partial = kind === 'percent' ? partialMarginPoints : (Math.abs(target) * partialMarginCountPercent) / 100;

  let attainment: Attainment;
  if (shortfall <= good + EPSILON) attainment = 'God';
  else if (shortfall <= partial + EPSILON) attainment = 'Delvis uppfyllt';
  else attainment = 'Ej uppfyllt';
  return { target, outcome, difference, attainment };
}
