// Evaluates an insats's targets for a period against its outcomes and survey results
// (docs/rules.md "Måluppfyllelse"): the outcome of each metric, an outcome entered by hand where
// there is one, the same period a year earlier for changes and shrinking gaps, and the grade in the
// förbund's own names with the rule that gave it.
import type { Db } from '../db/database.js';
import type { Config } from '../config.js';
import type { SurveyRegistry } from '../../surveys/loader.js';
import type { InsatsRef } from '../survey/rounds.js';
import type { OutcomeReport } from '../outcomes/report.js';
import { outcomeReport } from '../outcomes/report.js';
import { indicatorsFor, type SelectionResult } from '../indicators/service.js';
import type { DisclosureCache } from '../indicators/disclosure.js';
import { describeMetric, metricKind, metricOutcome, summedTablePercent, type MetricId, type MetricParams } from '../../analysis/targets.js';
import { evaluateTarget, type Grading, type TargetEvaluation, type TargetMode } from '../../analysis/attainment.js';
import { percentHalfUp } from '../../analysis/rounding.js';
import { previousYear, type Period } from '../../analysis/period.js';
import { listTargets, findVerdict, type StoredTarget, type TargetContext } from './store.js';
import { loadReferrerCodebook } from '../followup/referrerCodebook.js';

export interface EvaluatedTarget extends TargetEvaluation {
  id: number;
  metric: MetricId;
  label: string;
  kind: 'count' | 'percent';
  mode: TargetMode;
  direction: 'atLeast' | 'atMost';
  params: MetricParams;
  /** The value as set: the target, a band's low end, or the change. */
  value: number;
  /** change: percentage points or percent of last year's outcome. */
  changeUnit: 'points' | 'percent' | null;
  /** The outcome in the same period a year earlier, for changes and gaps; null otherwise or when hidden. */
  previous: number | null;
  /** Where the outcome comes from: computed, or entered by hand (with who and when). */
  outcomeSource: 'computed' | 'manual';
  manual: StoredTarget['manual'];
  /** A remark for the page and the CSV, e.g. how a grouped share differs from adding the table's rows. */
  note: string | null;
}

type Deps = { db: Db; config: Config; surveys: SurveyRegistry };

/** The installation's grading settings (docs/configuration.md). */
export function gradingOf(config: Config): Grading {
  return {
    enabled: config.gradeNames !== null,
    ...(config.gradeNames ? { names: config.gradeNames } : {}),
    goodMarginPoints: config.attainmentGoodPoints,
    goodMarginCountPercent: config.attainmentGoodCountPercent,
    partialMarginPoints: config.attainmentPartialPoints,
    partialMarginCountPercent: config.attainmentPartialCountPercent,
  };
}

/** What new targets are checked against: the member names of the referrer code book. */
export function targetContext(config: Config): TargetContext {
  return { members: loadReferrerCodebook(config.referrerCodebook).members.map((m) => m.name) };
}

function labelOf(t: StoredTarget, surveys: SurveyRegistry): string {
  if (t.label) return t.label;
  const q = t.params.instrument ? surveys.get(t.params.instrument) : undefined;
  const question = q?.questions.find((x) => x.id === t.params.question);
  return describeMetric(t.metric, t.params, { instrument: q?.title, question: question?.text });
}

/** A hand-entered outcome as a number for grading: a count, or a share of a total; null for text only. */
function manualNumber(t: StoredTarget): number | null {
  const m = t.manual;
  if (!m || m.value === null) return null;
  if (m.of !== null && metricKind(t.metric, t.params) === 'percent') return percentHalfUp(m.value, m.of);
  return m.value;
}

/** The same period a year earlier, read only when a target needs it. */
function previousSource(deps: Deps, insats: InsatsRef, period: Period, cache: DisclosureCache) {
  let made: Promise<{ outcomes: OutcomeReport; surveys: Record<string, SelectionResult> }> | null = null;
  return (instruments: string[]) => {
    made ??= (async () => {
      const before = previousYear(period);
      const outcomes = await outcomeReport(deps.db, {
        period: before,
        insats,
        codebook: deps.config.codebook,
        minCell: deps.config.minCell,
      });
      const surveys: Record<string, SelectionResult> = {};
      for (const instrument of instruments)
        surveys[instrument] = await indicatorsFor(deps.db, deps.surveys, { period: before, insats, instrument }, deps.config.minCell, {
          cache,
        });
      return { outcomes, surveys };
    })();
    return made;
  };
}

export async function evaluateTargets(
  deps: Deps,
  insats: InsatsRef,
  period: Period,
  outcomes: OutcomeReport,
  surveys: readonly SelectionResult[],
  cache: DisclosureCache,
): Promise<EvaluatedTarget[]> {
  const stored = await listTargets(deps.db, insats.id, period.key);
  const byInstrument = Object.fromEntries(surveys.map((s) => [s.selection.instrument, s]));
  const instruments = [...new Set(stored.map((t) => t.params.instrument).filter((x): x is string => !!x))];
  const previous = previousSource(deps, insats, period, cache);
  const grading = gradingOf(deps.config);
  const referrerCodebook = stored.some((t) => t.params.members?.length) ? loadReferrerCodebook(deps.config.referrerCodebook) : undefined;
  const out: EvaluatedTarget[] = [];
  for (const t of stored) {
    const kind = metricKind(t.metric, t.params);
    const computed = metricOutcome(t.metric, t.params, {
      outcomes,
      surveys: byInstrument,
      ...(referrerCodebook ? { referrerCodebook } : {}),
    });
    const outcome = t.manual ? manualNumber(t) : computed;
    let before: number | null = null;
    if (t.mode === 'change' || t.mode === 'shrink') {
      const src = await previous(instruments);
      before = metricOutcome(t.metric, t.params, { ...src, ...(referrerCodebook ? { referrerCodebook } : {}) });
    }
    const evaluation = evaluateTarget(
      {
        kind,
        mode: t.mode,
        target: t.value,
        ...(t.valueHigh !== null ? { targetHigh: t.valueHigh } : {}),
        ...(t.changeUnit ? { changeUnit: t.changeUnit } : {}),
        previous: before,
        outcome,
        direction: t.direction,
      },
      grading,
    );
    let note: string | null = null;
    const summed = t.metric === 'reasons' && !t.manual ? summedTablePercent(t.params, outcomes) : null;
    if (summed !== null && computed !== null && summed !== computed)
      note = `Andelen räknas på summan av antalen (${computed} %); tabellens avrundade rader summerar till ${summed} %.`;
    if (t.manual?.text) note = t.manual.text;
    out.push({
      id: t.id,
      metric: t.metric,
      label: labelOf(t, deps.surveys),
      kind,
      mode: t.mode,
      direction: t.direction,
      params: t.params,
      value: t.value,
      changeUnit: t.changeUnit,
      previous: before,
      outcomeSource: t.manual ? 'manual' : 'computed',
      manual: t.manual,
      note,
      ...evaluation,
    });
  }
  return out;
}

/** The overall verdict of the insats for the period, entered by the kansli, or null. */
export async function verdictOf(db: Db, insats: InsatsRef, period: Period) {
  return findVerdict(db, insats.id, period.key);
}
