// Adapters from indicator results to the chart builders' inputs (./types.ts), and the text helpers
// and structural result types that ./outcomeInputs.ts and ./catalogue.ts share. Pure: results in,
// plain chart inputs out; no rounding and no suppression decisions (analysis/indicators.ts and
// analysis/outcomes.ts have made them). A suppressed figure stays null, and the builders draw it
// as "–". Every chart carries its n: in the value labels (the builders) and in the subtitle.
// Questions nobody answered are left out of the charts (the tables in analysis/reportTables.ts list them).
//
// The server's result types (SelectionResult, MergedInsatsReport) are matched structurally by the
// small "…Like" interfaces below, so analysis/ does not depend on server/.

import { isIndicator } from '../../surveys/types.js';
import type { IndicatorResult, QuestionResult, Cell } from '../indicators.js';
import type { OutcomeReport } from '../outcomes.js';
import type { OutcomeSeries } from '../outcomeSeries.js';
import { formatCount } from './configs.js';
import type {
  DistributionChartInput,
  GenderShareChartInput,
  ResponseRateChartInput,
  ShareValue,
  SharePositiveChartInput,
  YearOverYearChartInput,
} from './types.js';

const NBSP = '\u00a0';

// ---------------------------------------------------------------------------------------------
// Structural types for the server's results

/** One survey round's response rate (server/indicators/service.ts RoundResponseRate). */
export interface RoundRateLike {
  insats: string;
  period: string;
  /** Null when hidden (docs/disclosure.md). */
  respondents: number | null;
  invited: number | null;
  percent: number | null;
  /** Set when there are more answers than the basis: the chart then shows no basis and no rate. */
  warning?: string | null;
}

/** Indicator results for a selection (server/indicators/service.ts SelectionResult). */
export interface SurveyResultLike extends IndicatorResult {
  selection: { year: number | null; insats: string | null; instrument: string; title: string };
  rounds: RoundRateLike[];
}

/** One insats in the merged report (server/report/merged.ts MergedInsatsReport). */
export interface MergedInsatsLike {
  year: number | null;
  insats: string;
  outcomes: OutcomeReport;
  /** The outcome series ending with the year (server/outcomes/series.ts), when the caller has it. */
  series?: OutcomeSeries | null;
  surveys: SurveyResultLike[];
}

/** The merged report for a year (server/report/merged.ts mergedReport). */
export interface MergedYearLike {
  /** The calendar year when the period is a whole year (year-over-year survey charts), else null. */
  year: number | null;
  period: { key: string; label: string };
  insatser: MergedInsatsLike[];
}

/** Title and context lines a caller may set; the adapters fill in defaults and the n line. */
export interface ChartText {
  /** Replaces the default title. */
  title?: string;
  /** Context line(s) under the title, e.g. "Enkät till personal i insatsen – FINSAM-team 2024". */
  scope?: string | string[];
}

// ---------------------------------------------------------------------------------------------
// Text helpers

/** "n = 124" with no-break spaces, as the builders write it. */
export function nLabel(n: number): string {
  return `n${NBSP}=${NBSP}${formatCount(n)}`;
}

/**
 * A question's chart label: its own text (NNS forbids rewording), cut at a word boundary with "…"
 * when longer than `max` characters so that it wraps to at most three lines.
 */
export function shortQuestionLabel(text: string, max = 110): string {
  const clean = text.replace(/\s+/g, ' ').trim();
  if (clean.length <= max) return clean;
  const cut = clean.slice(0, max - 1);
  const space = cut.lastIndexOf(' ');
  const head = (space > max * 0.6 ? cut.slice(0, space) : cut).replace(/[\s,;:.–-]+$/, '');
  return head + '…';
}

function scopeLines(scope: ChartText['scope']): string[] {
  if (scope === undefined) return [];
  return (Array.isArray(scope) ? scope : [scope]).filter((s) => s.trim() !== '');
}

export function subtitle(text: ChartText, ...extra: string[]): string[] {
  return [...scopeLines(text.scope), ...extra.filter((s) => s !== '')];
}

/** n of a figure that may be hidden: null when hidden (the builders then write "färre än k"). */
function visibleN(n: number | null, suppressed: boolean): number | null {
  return suppressed ? null : n;
}

/** A count that the disclosure control may have hidden (docs/disclosure.md). */
function countText(n: number | null): string {
  return n === null ? 'dolt antal' : formatCount(n);
}

function cellShare(cell: Cell): ShareValue {
  return { n: visibleN(cell.n, cell.suppressed), percent: cell.suppressed ? null : cell.percent };
}

function respondentsLine(result: IndicatorResult): string {
  return result.respondents === null ? 'Antalet svarande visas inte (för få svar)' : `${nLabel(result.respondents)} svarande`;
}

/** Whether a question had any answers; unanswered ones (not asked, skipped by all) are left out of charts. */
function answered(q: QuestionResult): boolean {
  return q.n !== 0; // a hidden n (null) has answers
}

/** Answered questions that have a share positive (scale and yes/no questions). */
function shareQuestions(result: IndicatorResult): QuestionResult[] {
  return result.questions.filter((q) => isIndicator(q) && answered(q));
}

// ---------------------------------------------------------------------------------------------
// 1. Share positive per question

export function sharePositiveInput(result: IndicatorResult, text: ChartText = {}): SharePositiveChartInput {
  return {
    title: text.title ?? 'Andel positiva svar per fråga',
    subtitle: subtitle(text, respondentsLine(result)),
    k: result.minCell,
    items: shareQuestions(result).map((q) => ({
      label: shortQuestionLabel(q.text),
      n: visibleN(q.n, q.suppressed),
      percent: q.suppressed ? null : q.percent,
    })),
  };
}

// ---------------------------------------------------------------------------------------------
// 2. Answer distribution per question

/** Questions grouped by their answer steps (one stacked chart per scale). */
export interface DistributionGroup {
  /** Scale id, "ja-nej" for yes/no, or the question id for a single-choice question. */
  key: string;
  steps: string[];
  questions: QuestionResult[];
}

export function distributionGroups(result: IndicatorResult): DistributionGroup[] {
  const groups = new Map<string, DistributionGroup>();
  for (const q of result.questions) {
    if (q.distribution.length === 0 || !answered(q)) continue;
    const key = q.type === 'scale' ? (q.scale ?? q.id) : q.type === 'yesno' ? 'ja-nej' : q.id;
    const steps = q.distribution.map((s) => s.label);
    let group = groups.get(key);
    // Two versions of a scale with different steps must not share one chart.
    if (group && group.steps.join('\u0000') !== steps.join('\u0000')) {
      const alt = `${key}-${q.id}`;
      group = groups.get(alt);
      if (!group) groups.set(alt, (group = { key: alt, steps, questions: [] }));
    } else if (!group) {
      groups.set(key, (group = { key, steps, questions: [] }));
    }
    group.questions.push(q);
  }
  return [...groups.values()];
}

/**
 * The answer distribution of questions that share one set of answer steps (labels from the scale
 * steps). Without `questions`, the first group of `distributionGroups(result)`.
 */
export function distributionInput(result: IndicatorResult, text: ChartText = {}, questions?: QuestionResult[]): DistributionChartInput {
  const qs = questions ?? distributionGroups(result)[0]?.questions ?? [];
  const steps = qs[0]?.distribution.map((s) => s.label) ?? [];
  return {
    title: text.title ?? 'Svarsfördelning per fråga',
    subtitle: subtitle(text, `${respondentsLine(result)}; Vet ej och obesvarade ingår inte`),
    k: result.minCell,
    steps,
    items: qs.map((q) => {
      const percents = q.distribution.map((s) => s.percent);
      const shown = !q.suppressed && q.n !== null && q.n > 0 && percents.every((p): p is number => p !== null);
      return {
        label: shortQuestionLabel(q.text),
        n: visibleN(q.n, q.suppressed),
        percents: shown ? (percents as number[]) : null,
      };
    }),
  };
}

// ---------------------------------------------------------------------------------------------
// 3. Share positive by gender

export function sharePositiveByGenderInput(result: IndicatorResult, text: ChartText = {}): GenderShareChartInput {
  const g = result.respondentsByGender;
  return {
    title: text.title ?? 'Andel positiva svar per kön',
    subtitle: subtitle(
      text,
      `${respondentsLine(result)} (kvinnor ${countText(g.women)}, män ${countText(g.men)}` +
        (g.other !== 0 ? `, annat/ej angivet ${countText(g.other)})` : ')'),
    ),
    k: result.minCell,
    items: shareQuestions(result).map((q) => ({
      label: shortQuestionLabel(q.text),
      kvinnor: cellShare(q.byGender.women),
      man: cellShare(q.byGender.men),
      annat: cellShare(q.byGender.other),
    })),
  };
}

// ---------------------------------------------------------------------------------------------
// 4. Year over year

/**
 * This year against the previous one, for the questions that have a comparison (`previous`: the
 * previous year's question was shown too). A statistically significant change (Fisher's exact
 * test) is marked with "*" after the question.
 */
export function yearOverYearInput(result: IndicatorResult, year: number, text: ChartText = {}): YearOverYearChartInput {
  const compared = shareQuestions(result).filter((q) => q.previous !== null);
  const anySignificant = compared.some((q) => q.previous!.significant);
  return {
    title: text.title ?? `Andel positiva svar ${year - 1} och ${year}`,
    subtitle: subtitle(
      text,
      respondentsLine(result) + ` år ${year}`,
      anySignificant
        ? '* = statistiskt säkerställd förändring (Fishers exakta test, p < 0,05)'
        : 'Ingen förändring är statistiskt säkerställd (Fishers exakta test, p < 0,05)',
    ),
    k: result.minCell,
    years: [year - 1, year],
    items: compared.map((q) => {
      const prev = q.previous!;
      return {
        label: shortQuestionLabel(q.text) + (prev.significant ? ' *' : ''),
        values: [
          { n: prev.n, percent: prev.percent },
          { n: visibleN(q.n, q.suppressed), percent: q.suppressed ? null : q.percent },
        ],
      };
    }),
  };
}

// ---------------------------------------------------------------------------------------------
// 8. Response rate per round

/** One bar per round, labelled "insats – period"; the builder adds "x av y". */
export function responseRateInput(result: Pick<SurveyResultLike, 'rounds' | 'responseRate'>, text: ChartText = {}): ResponseRateChartInput {
  const rr = result.responseRate;
  const totalLine =
    rr.invited === null
      ? `Totalt ${rr.respondents === null ? 'dolt antal' : nLabel(rr.respondents)} svar (antal inbjudna saknas för någon omgång)`
      : `Totalt ${rr.respondents === null ? 'dolt antal' : nLabel(rr.respondents)} svar av ${formatCount(rr.invited)} inbjudna` +
        (rr.percent === null ? '' : ` (${rr.percent}${NBSP}%)`);
  return {
    title: text.title ?? 'Svarsfrekvens per enkätomgång',
    subtitle: subtitle(text, totalLine),
    rounds: result.rounds.map((r) => ({
      label: `${r.insats} – ${r.period}`,
      responded: r.respondents,
      // A basis smaller than the answers is no basis: never a bar or a label above 100 %.
      invited: r.warning ? null : r.invited,
      percent: r.percent,
    })),
  };
}
