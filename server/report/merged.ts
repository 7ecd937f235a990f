// The merged report per insats and year: participants and outcomes, the indicators of the
// insats's rounds in the year with their response rates, and targets with attainment — the annual
// report's "Förväntat resultat och utfall" in data form.
import type { Db } from '../db/database.js';
import type { Config } from '../config.js';
import type { SurveyRegistry } from '../../surveys/loader.js';
import { outcomeReport, type OutcomeReport } from '../outcomes/report.js';
import { indicatorsFor, instrumentsInYear, type SelectionResult } from '../indicators/service.js';
import type { DisclosureCache } from '../indicators/disclosure.js';
import { listTargets, type StoredTarget } from '../targets/store.js';
import { metricDefinition, metricOutcome } from '../../analysis/targets.js';
import { evaluateTarget, type TargetEvaluation } from '../../analysis/attainment.js';
import { listInsatser, resolveInsats, type InsatsRef } from '../survey/rounds.js';

export interface EvaluatedTarget extends TargetEvaluation {
  id: number;
  metric: string;
  label: string;
  kind: 'count' | 'percent';
  direction: 'atLeast' | 'atMost';
  params: StoredTarget['params'];
}

export interface MergedInsatsReport {
  year: number;
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
  year: number,
  named: string | InsatsRef,
  cache: DisclosureCache = new Map(),
): Promise<MergedInsatsReport> {
  // Resolved once here and passed down by id to the outcome and indicator services.
  const insats = (await resolveInsats(deps.db, named))!;
  const outcomes = await outcomeReport(deps.db, {
    year,
    insats,
    codebook: deps.config.codebook,
    minCell: deps.config.minCell,
  });
  const surveys: SelectionResult[] = [];
  for (const instrument of await instrumentsInYear(deps.db, year, insats.id)) {
    surveys.push(await indicatorsFor(deps.db, deps.surveys, { year, insats, instrument }, deps.config.minCell, { cache }));
  }
  const byInstrument = Object.fromEntries(surveys.map((s) => [s.selection.instrument, s]));
  const targets = (await listTargets(deps.db, insats.id, year)).map((t): EvaluatedTarget => {
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
  return { year, insats: insats.name, participants: outcomes.flow, outcomes, surveys, targets };
}

/** The merged report for every insats that has rounds or participants in the year, or for one. */
export async function mergedReport(
  deps: Deps,
  year: number,
  insats?: string | InsatsRef | null,
): Promise<{ year: number; insatser: MergedInsatsReport[] }> {
  const cache: DisclosureCache = new Map();
  if (insats) return { year, insatser: [await mergedInsatsReport(deps, year, insats, cache)] };
  const out: MergedInsatsReport[] = [];
  for (const i of await listInsatser(deps.db)) {
    const r = await mergedInsatsReport(deps, year, i, cache);
    if (r.surveys.length > 0 || r.participants.participated > 0 || r.targets.length > 0) out.push(r);
  }
  return { year, insatser: out };
}
