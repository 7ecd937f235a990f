// Target attainment for the annual report (docs/rules.md "Måluppfyllelse"): target, outcome,
// difference, a verdict in the förbund's own grade names, and the rule that gave it, in Swedish.

/** Stable key of a grade (for styling and JSON consumers); the name shown is the förbund's. */
export type Grade = 'good' | 'partial' | 'not';

/** Kept for readers of the default names. */
export type Attainment = string;

/**
 * How a target is stated: a value with a direction ("minst 70"), a band ("40–60 %"), a change
 * against the same period a year earlier ("+20 p.e."), or a gap that must shrink.
 */
export type TargetMode = 'value' | 'band' | 'change' | 'shrink';

export interface Target {
  /** 'count': e.g. "70 deltagare"; 'percent': e.g. "60 % kvinnor" (whole percentage points). */
  kind: 'count' | 'percent';
  mode?: TargetMode;
  /** value: the target; band: its low end; change: the change (points or percent); shrink: unused. */
  target: number;
  /** band: the high end. */
  targetHigh?: number;
  /** change: percentage points (percent metrics) or percent of last year's outcome. */
  changeUnit?: 'points' | 'percent';
  /** change and shrink: the outcome in the same period a year earlier (null when unknown or hidden). */
  previous?: number | null;
  /** Null when the outcome is unknown or suppressed. */
  outcome: number | null;
  /** value: whether more is better (default) or less is better (e.g. waiting time, drop-outs). */
  direction?: 'atLeast' | 'atMost';
}

/** The förbund's grading (docs/configuration.md): names, limits, or no grading at all. */
export interface Grading {
  enabled?: boolean;
  /** Good, partial and not met, e.g. ["God", "Delvis uppfyllt", "Ej uppfyllt"] or ["Uppfyllt", "Godtagbart", "Ej uppfyllt"]. */
  names?: readonly [string, string, string];
  /** Percent targets: shortfall in points still counted as good. */
  goodMarginPoints?: number;
  /** Count targets: shortfall, as a percentage of the target, still counted as good. */
  goodMarginCountPercent?: number;
  /** Percent targets: shortfall in points still counted as partial. */
  partialMarginPoints?: number;
  /** Count targets: shortfall, as a percentage of the target, still counted as partial. */
  partialMarginCountPercent?: number;
}

/** Older name of Grading's limits. */
export type Margins = Grading;

export interface TargetEvaluation {
  /** The target as evaluated: a value, a band's low end, or the value a change leads to (null without last year's). */
  target: number | null;
  /** A band's high end. */
  targetHigh: number | null;
  outcome: number | null;
  /** outcome − target (for a band: the distance outside it; percentage points for percent targets); null without both. */
  difference: number | null;
  /** The grade's name as the förbund writes it, or null (no outcome, or no grading). */
  attainment: string | null;
  grade: Grade | null;
  /** The rule used, in Swedish, for the page and the CSV. */
  rule: string;
}

export const DEFAULT_GRADE_NAMES: readonly [string, string, string] = ['God', 'Delvis uppfyllt', 'Ej uppfyllt'];

// Float noise (e.g. 0.1 + 0.2) must not move an outcome exactly on a boundary to the worse grade.
const EPSILON = 1e-9;

function cleanFloat(x: number): number {
  return Math.round(x * 1e9) / 1e9;
}

const fmt = (x: number) => String(cleanFloat(x)).replace('.', ',');

/** The limits as a sentence: "God: … högst 5 p.e. under målet. Delvis uppfyllt: högst 15 p.e. under (förbundets val)." */
function limitsRule(kind: 'count' | 'percent', g: Required<Grading>): string {
  const [good, partial, not] = g.names;
  const unit = kind === 'percent' ? ' p.e.' : ' %';
  const goodLimit = kind === 'percent' ? g.goodMarginPoints : g.goodMarginCountPercent;
  const partialLimit = kind === 'percent' ? g.partialMarginPoints : g.partialMarginCountPercent;
  return (
    `${good}: målet nått eller högst ${fmt(goodLimit)}${unit} från det. ` +
    `${partial}: högst ${fmt(partialLimit)}${unit} från målet (förbundets val). ${not}: längre från målet.`
  );
}

function withDefaults(g: Grading): Required<Grading> {
  return {
    enabled: g.enabled ?? true,
    names: g.names ?? DEFAULT_GRADE_NAMES,
    goodMarginPoints: g.goodMarginPoints ?? 5,
    goodMarginCountPercent: g.goodMarginCountPercent ?? 5,
    partialMarginPoints: g.partialMarginPoints ?? 15,
    partialMarginCountPercent: g.partialMarginCountPercent ?? 25,
  };
}

/** Grade of a shortfall (≤ 0: met) against limits relative to `scale` (the target, for counts). */
function gradeOf(shortfall: number, kind: 'count' | 'percent', scale: number, g: Required<Grading>): Grade {
  const good = kind === 'percent' ? g.goodMarginPoints : (Math.abs(scale) * g.goodMarginCountPercent) / 100;
  const partial = kind === 'percent' ? g.partialMarginPoints : (Math.abs(scale) * g.partialMarginCountPercent) / 100;
  if (shortfall <= good + EPSILON) return 'good';
  if (shortfall <= partial + EPSILON) return 'partial';
  return 'not';
}

export function evaluateTarget(spec: Target, grading: Grading = {}): TargetEvaluation {
  const g = withDefaults(grading);
  const result = evaluate(spec, g);
  // Without grading there is no verdict at all, neither its name nor its key.
  return g.enabled ? result : { ...result, attainment: null, grade: null };
}

function evaluate(spec: Target, g: Required<Grading>): TargetEvaluation {
  const { kind, outcome } = spec;
  const mode = spec.mode ?? 'value';
  if (!Number.isFinite(spec.target)) throw new RangeError(`Ogiltigt mål: ${spec.target}`);
  if (outcome !== null && !Number.isFinite(outcome)) throw new RangeError(`Ogiltigt utfall: ${outcome}`);
  const name = (grade: Grade | null) => (grade === null || !g.enabled ? null : g.names[grade === 'good' ? 0 : grade === 'partial' ? 1 : 2]);
  const noGrading = 'Ingen bedömning (förbundets val).';
  const unit = kind === 'percent' ? ' p.e.' : '';

  if (mode === 'shrink') {
    const rule = g.enabled
      ? `${g.names[0]} när skillnaden är mindre än samma period föregående år${spec.previous != null ? ` (${fmt(Math.abs(spec.previous))}${unit})` : ''}, annars ${g.names[2]}.`
      : noGrading;
    if (outcome === null || spec.previous == null)
      return {
        target: spec.previous == null ? null : Math.abs(spec.previous),
        targetHigh: null,
        outcome,
        difference: null,
        attainment: null,
        grade: null,
        rule,
      };
    const now = Math.abs(outcome);
    const before = Math.abs(spec.previous);
    const grade: Grade = now < before - EPSILON ? 'good' : 'not';
    return { target: before, targetHigh: null, outcome, difference: cleanFloat(now - before), attainment: name(grade), grade, rule };
  }

  if (mode === 'band') {
    const low = Math.min(spec.target, spec.targetHigh ?? spec.target);
    const high = Math.max(spec.target, spec.targetHigh ?? spec.target);
    const rule = g.enabled ? `Inom ${fmt(low)}–${fmt(high)}${kind === 'percent' ? ' %' : ''}. ${limitsRule(kind, g)}` : noGrading;
    if (outcome === null) return { target: low, targetHigh: high, outcome, difference: null, attainment: null, grade: null, rule };
    const difference = outcome < low ? cleanFloat(outcome - low) : outcome > high ? cleanFloat(outcome - high) : 0;
    const grade = gradeOf(Math.abs(difference), kind, outcome < low ? low : high, g);
    return { target: low, targetHigh: high, outcome, difference, attainment: name(grade), grade, rule };
  }

  let target = spec.target;
  let direction = spec.direction ?? 'atLeast';
  let rule = '';
  if (mode === 'change') {
    const sign = spec.target >= 0 ? '+' : '−';
    const how =
      spec.changeUnit === 'percent' || kind === 'count'
        ? `${sign}${fmt(Math.abs(spec.target))} %`
        : `${sign}${fmt(Math.abs(spec.target))} p.e.`;
    if (spec.previous == null) {
      rule = `Förändring ${how} mot samma period föregående år; utfallet för den perioden saknas eller är dolt.`;
      return { target: null, targetHigh: null, outcome, difference: null, attainment: null, grade: null, rule };
    }
    if ((spec.changeUnit === 'percent' || kind === 'count') && spec.previous === 0) {
      rule = `Förändring ${how} mot samma period föregående år går inte att räkna när det årets utfall är 0: ange ett målvärde i stället.`;
      return { target: null, targetHigh: null, outcome, difference: null, attainment: null, grade: null, rule };
    }
    target =
      spec.changeUnit === 'percent' || kind === 'count'
        ? cleanFloat(spec.previous * (1 + spec.target / 100))
        : cleanFloat(spec.previous + spec.target);
    direction = spec.target >= 0 ? 'atLeast' : 'atMost';
    rule = `Förändring ${how} mot samma period föregående år (${fmt(spec.previous)}${kind === 'percent' ? ' %' : ''}) ger målet ${fmt(target)}${kind === 'percent' ? ' %' : ''}. `;
  }
  rule += g.enabled ? limitsRule(kind, g) : noGrading;
  if (outcome === null) return { target, targetHigh: null, outcome: null, difference: null, attainment: null, grade: null, rule };
  const difference = cleanFloat(outcome - target);
  // How far the outcome falls short in the bad direction; ≤ 0 means the target is met.
  const shortfall = direction === 'atLeast' ? -difference : difference;
  const grade = gradeOf(shortfall, kind, target, g);
  return { target, targetHigh: null, outcome, difference, attainment: name(grade), grade, rule };
}
