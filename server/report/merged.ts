// The merged report per insats and period: participants and outcomes, the indicators of the
// insats's rounds in the period with their response rates, and targets with attainment — the
// annual report's "Förväntat resultat och utfall" in data form.
import type { Db } from '../db/database.js';
import type { Config } from '../config.js';
import type { SurveyRegistry } from '../../surveys/loader.js';
import { outcomeReport, type OutcomeReport } from '../outcomes/report.js';
import { indicatorsFor, instrumentsInPeriod, type SelectionResult } from '../indicators/service.js';
import type { DisclosureCache } from '../indicators/disclosure.js';
import { listTargets, type StoredTarget } from '../targets/store.js';
import { metricDefinition, metricOutcome } from '../../analysis/targets.js';
import { evaluateTarget, type TargetEvaluation } from '../../analysis/attainment.js';
import { listInsatser, resolveInsats, type InsatsRef } from '../survey/rounds.js';
import { resolvePeriod, type Period, type PeriodInput } from './periods.js';

export interface EvaluatedTarget extends TargetEvaluation {
  id: number;
  metric: string;
  label: string;
  kind: 'count' | 'percent';
  direction: 'atLeast' | 'atMost';
  params: StoredTarget['params'];
}

export interface MergedInsatsReport {
  /** The period's calendar year when it is a whole year, else null. */
  year: number | null;
  period: OutcomeReport['period'];
  insats: string;
  participants: OutcomeReport['flow'];
  outcomes: OutcomeReport;
  surveys: SelectionResult[];
  targets: EvaluatedTarget[];
}

type Deps = { db: Db; config: Config; surveys: SurveyRegistry };

function describeTarget(t: StoredTarget, surveys: SurveyRegistry): string {
  if (t.label) return t.label;
  const def = metricDefinition(t.metric)!;
  const q = t.params.instrument ? surveys.get(t.params.instrument) : undefined;
  if (t.metric === 'positive' && q) {
    const question = q.questions.find((x) => x.id === t.params.question);
    return `Andel positiva: ${question?.text ?? t.params.question}`;
  }
  if (t.metric === 'reasons') return `Andel avslutade till ${(t.params.reasons ?? []).join(' eller ')}`;
  if (q) return `${def.label} (${q.title})`;
  return def.label;
}

/** `cache` shares one disclosure decision per questionnaire across the insatser of one report. */
export async function mergedInsatsReport(
  deps: Deps,
  periodInput: PeriodInput,
  named: string | InsatsRef,
  cache: DisclosureCache = new Map(),
): Promise<MergedInsatsReport> {
  // Resolved once here and passed down by id to the outcome and indicator services.
  const insats = (await resolveInsats(deps.db, named))!;
  const period: Period = await resolvePeriod(deps.db, periodInput, [insats.id]);
  // Targets are kept per calendar year: they are shown for a whole-year period. Surveys count for
  // any period (docs/rules.md "Perioder").
  const year = period.kind === 'year' ? Number(period.from.slice(0, 4)) : null;
  const outcomes = await outcomeReport(deps.db, {
    period,
    insats,
    codebook: deps.config.codebook,
    minCell: deps.config.minCell,
  });
  const surveys: SelectionResult[] = [];
  for (const instrument of await instrumentsInPeriod(deps.db, period, insats.id)) {
    surveys.push(await indicatorsFor(deps.db, deps.surveys, { period, insats, instrument }, deps.config.minCell, { cache }));
  }
  const byInstrument = Object.fromEntries(surveys.map((s) => [s.selection.instrument, s]));
  const targets = (year === null ? [] : await listTargets(deps.db, insats.id, year)).map((t): EvaluatedTarget => {
    const def = metricDefinition(t.metric)!;
    const evaluation = evaluateTarget(
      {
        kind: def.kind,
        target: t.value,
        outcome: metricOutcome(t.metric, t.params, { outcomes, surveys: byInstrument }),
        direction: t.direction,
      },
      {
        goodMarginPoints: deps.config.attainmentGoodPoints,
        goodMarginCountPercent: deps.config.attainmentGoodCountPercent,
        partialMarginPoints: deps.config.attainmentPartialPoints,
        partialMarginCountPercent: deps.config.attainmentPartialCountPercent,
      },
    );
    return {
      id: t.id,
      metric: t.metric,
      label: describeTarget(t, deps.surveys),
      kind: def.kind,
      direction: t.direction,
      params: t.params,
      ...evaluation,
    };
  });
  return { year, period: outcomes.period, insats: insats.name, participants: outcomes.flow, outcomes, surveys, targets };
}

/** The merged report for every insats that has rounds or participants in the period, or for one. */
export async function mergedReport(
  deps: Deps,
  periodInput: PeriodInput,
  insats?: string | InsatsRef | null,
): Promise<{ year: number | null; period: OutcomeReport['period']; insatser: MergedInsatsReport[] }> {
  const cache: DisclosureCache = new Map();
  const period = await resolvePeriod(deps.db, periodInput, null);
  const year = period.kind === 'year' ? Number(period.from.slice(0, 4)) : null;
  const head = { year, period: { from: period.from, to: period.to, key: period.key, label: period.label } };
  if (insats) return { ...head, insatser: [await mergedInsatsReport(deps, period, insats, cache)] };
  const out: MergedInsatsReport[] = [];
  for (const i of await listInsatser(deps.db)) {
    const r = await mergedInsatsReport(deps, period, i, cache);
    if (r.surveys.length > 0 || r.participants.participated > 0 || r.targets.length > 0) out.push(r);
  }
  return { ...head, insatser: out };
}
