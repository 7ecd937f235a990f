// The merged report per insats and period: participants and outcomes, the indicators of the
// insats's rounds in the period with their response rates, and targets with attainment — the
// annual report's "Förväntat resultat och utfall" in data form.
import type { Db } from '../db/database.js';
import type { Config } from '../config.js';
import type { SurveyRegistry } from '../../surveys/loader.js';
import { outcomeReport, type OutcomeReport } from '../outcomes/report.js';
import { indicatorsFor, instrumentsInPeriod, type SelectionResult } from '../indicators/service.js';
import type { DisclosureCache } from '../indicators/disclosure.js';
import { evaluateTargets, verdictOf, type EvaluatedTarget } from '../targets/evaluate.js';
import { listInsatser, resolveInsats, type InsatsRef } from '../survey/rounds.js';
import { readPeriod, resolvePeriod, type Period, type PeriodInput } from './periods.js';
import { resolveGroup, type GroupRef } from '../survey/insatsGroups.js';
import { reportTotal, type ReportTotal } from './total.js';
import { UserError } from '../errors.js';

export type { EvaluatedTarget } from '../targets/evaluate.js';

export interface MergedInsatsReport {
  /** The period's calendar year when it is a whole year, else null. */
  year: number | null;
  period: OutcomeReport['period'];
  insats: string;
  participants: OutcomeReport['flow'];
  outcomes: OutcomeReport;
  surveys: SelectionResult[];
  targets: EvaluatedTarget[];
  /** The kansli's overall verdict for the insats and period, if entered. */
  verdict: { verdict: string; by: string | null; on: string } | null;
}

type Deps = { db: Db; config: Config; surveys: SurveyRegistry };

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
  const targets = await evaluateTargets(deps, insats, period, outcomes, surveys, cache);
  const verdict = await verdictOf(deps.db, insats, period);
  return { year, period: outcomes.period, insats: insats.name, participants: outcomes.flow, outcomes, surveys, targets, verdict };
}

export interface MergedReport {
  year: number | null;
  period: OutcomeReport['period'];
  /** The insats asked for, or null. */
  insats: string | null;
  /** The group asked for, or null. */
  group: string | null;
  /** "Hela förbundet" for all insatser, the group's total for a group; null for one insats. */
  total: ReportTotal | null;
  insatser: MergedInsatsReport[];
}

/**
 * The merged report: for all insatser the förbund total and every insats that has rounds,
 * participants or targets in the period; for a group its total and its members' sections; or one insats.
 */
export async function mergedReport(
  deps: Deps,
  periodInput: PeriodInput,
  insats?: string | InsatsRef | null,
  groupInput?: string | GroupRef | null,
): Promise<MergedReport> {
  const cache: DisclosureCache = new Map();
  const group = await resolveGroup(deps.db, groupInput);
  if (group && insats) throw new UserError('Välj antingen en insats eller en grupp, inte båda.');
  const period = await resolvePeriod(deps.db, periodInput, group?.insatsIds ?? null);
  const year = period.kind === 'year' ? Number(period.from.slice(0, 4)) : null;
  const head = { year, period: { from: period.from, to: period.to, key: period.key, label: period.label, short: period.short } };
  // Each insats resolves the period itself: "since start" begins when that insats started.
  const spec = period.kind === 'since-start' ? readPeriod(periodInput) : period;
  if (insats) {
    const one = await mergedInsatsReport(deps, spec, insats, cache);
    return { ...head, insats: one.insats, group: null, total: null, insatser: [one] };
  }
  const total = await reportTotal(deps, period, group, cache);
  const members = group ? new Set(group.insatsIds) : null;
  const out: MergedInsatsReport[] = [];
  for (const i of await listInsatser(deps.db)) {
    if (members && !members.has(i.id)) continue;
    const r = await mergedInsatsReport(deps, spec, i, cache);
    if (hasContent(r)) out.push(r);
  }
  return { ...head, insats: null, group: group?.name ?? null, total, insatser: out };
}

/** A section is worth showing when the insats has rounds, participants or targets in the period. */
export function hasContent(r: MergedInsatsReport): boolean {
  return r.surveys.length > 0 || r.participants.participated > 0 || r.targets.length > 0;
}
