// The metrics a target (förväntat resultat) can be set on, and how each one's outcome is read from
// the merged per-insats report (docs/rules.md "Måluppfyllelse"). Pure: report data in, numbers out.
import { percentHalfUp } from './rounding.js';
import { reasonKey, type OutcomeReport } from './outcomes.js';
import type { IndicatorResult } from './indicators.js';
import { memberOf, type ReferrerCodebook } from './referrers.js';
import { MISSING } from './outcomes.js';

export type MetricId =
  | 'carried-over'
  | 'started'
  | 'participated'
  | 'ended'
  | 'ongoing'
  | 'women-share'
  | 'men-share'
  | 'referrer-share'
  | 'reasons'
  | 'work-or-studies'
  | 'gender-gap'
  | 'time-in-insats'
  | 'positive'
  | 'respondents'
  | 'response-rate'
  | 'manual';

/** Whom a gender share is taken among. */
export type Population = 'started' | 'participated' | 'ended';

export const POPULATIONS: readonly Population[] = ['started', 'participated', 'ended'];

/** "bland nya deltagare": the population as it ends a label. */
export const POPULATION_LABEL: Readonly<Record<Population, string>> = {
  started: 'bland nya deltagare',
  participated: 'bland alla deltagare',
  ended: 'bland avslutade',
};

/** The share a gender-gap target compares between women and men. */
export type GapOf = 'work-or-studies' | 'reasons';

export interface MetricParams {
  /** Gender shares: among whom. Stored targets from before populations existed mean `participated`. */
  population?: Population;
  /** Share of ended with one of these reasons (also the share a gender gap compares, with of = reasons). */
  reasons?: string[];
  /** Share of starters referred by one of these referrers … */
  referrers?: string[];
  /** … or by one of these members (Kommun, Region, …; the referrer code book, docs/import.md). */
  members?: string[];
  /** Gender gap: which share. */
  of?: GapOf;
  instrument?: string;
  question?: string;
  /** Manual targets: what the hand-entered outcome is. */
  unit?: 'count' | 'percent';
}

export type MetricKind = 'count' | 'percent';

export interface MetricDefinition {
  id: MetricId;
  /** The label in the metric list; a target's own label also names its parameters (describeMetric). */
  label: string;
  kind: MetricKind;
  needs: (keyof MetricParams)[];
  /** What the form asks for besides the needs, in Swedish, shown beside the metric. */
  help?: string;
}

export const METRICS: readonly MetricDefinition[] = [
  { id: 'participated', label: 'Antal deltagare under perioden', kind: 'count', needs: [] },
  { id: 'started', label: 'Antal nya deltagare', kind: 'count', needs: [] },
  { id: 'carried-over', label: 'Antal inskrivna från tidigare perioder', kind: 'count', needs: [] },
  { id: 'ended', label: 'Antal avslutade', kind: 'count', needs: [] },
  { id: 'ongoing', label: 'Antal pågående vid periodens slut', kind: 'count', needs: [] },
  { id: 'women-share', label: 'Andel kvinnor', kind: 'percent', needs: ['population'] },
  { id: 'men-share', label: 'Andel män', kind: 'percent', needs: ['population'] },
  { id: 'referrer-share', label: 'Andel nya deltagare från vissa anmälande parter eller medlemmar', kind: 'percent', needs: ['referrers'] },
  { id: 'reasons', label: 'Andel avslutade med vissa avslutsorsaker', kind: 'percent', needs: ['reasons'] },
  { id: 'work-or-studies', label: 'Andel avslutade till arbete eller studier', kind: 'percent', needs: [] },
  {
    id: 'gender-gap',
    label: 'Skillnad mellan kvinnor och män (procentenheter, kvinnor − män)',
    kind: 'percent',
    needs: ['of'],
    help: 'Skillnaden i en andel mellan kvinnor och män, t.ex. andelen som avslutas till arbete.',
  },
  {
    id: 'time-in-insats',
    label: 'Genomsnittlig tid i insatsen för avslutade (månader)',
    kind: 'count',
    needs: [],
    help: 'Medelvärdet i månader för dem som avslutades under perioden; välj "högst" om kortare är bättre.',
  },
  { id: 'positive', label: 'Andel positiva svar på en fråga', kind: 'percent', needs: ['instrument', 'question'] },
  { id: 'respondents', label: 'Antal svarande på en enkät', kind: 'count', needs: ['instrument'] },
  { id: 'response-rate', label: 'Svarsfrekvens för en enkät', kind: 'percent', needs: ['instrument'] },
  {
    id: 'manual',
    label: 'Eget mått (utfallet skrivs in för hand)',
    kind: 'count',
    needs: ['unit'],
    help: 'För mått som verktyget inte räknar, t.ex. programtrohet eller antal inkluderade i en studie.',
  },
];

export function metricDefinition(id: string): MetricDefinition | undefined {
  return METRICS.find((m) => m.id === id);
}

/** The kind of a metric with these parameters: a manual metric is what its unit says. */
export function metricKind(metric: MetricId, params: MetricParams): MetricKind {
  if (metric === 'manual') return params.unit === 'percent' ? 'percent' : 'count';
  return metricDefinition(metric)!.kind;
}

/** What the outcome of a metric is read from: the insats's outcome report and its surveys by questionnaire id. */
export interface MetricSource {
  outcomes: OutcomeReport;
  surveys: Record<string, IndicatorResult>;
  /** Which member each referrer belongs to, for referrer shares by member. */
  referrerCodebook?: ReferrerCodebook;
}

/** A share, or null when fewer than k are behind it (docs/rules.md). */
function shareOf(part: number, whole: number, minCell: number): number | null {
  return whole < minCell ? null : percentHalfUp(part, whole);
}

const valueKey = (s: string) => reasonKey(s);

/** Women and men behind a share, for a gender gap: [part, whole] per gender. */
function genderCounts(params: MetricParams, o: OutcomeReport): { women: [number, number]; men: [number, number] } | null {
  const ended = { women: o.endedTotal.women, men: o.endedTotal.men };
  if (params.of === 'work-or-studies') {
    return { women: [o.workOrStudies.women.count, ended.women], men: [o.workOrStudies.men.count, ended.men] };
  }
  if (params.of === 'reasons') {
    const wanted = new Set((params.reasons ?? []).map(valueKey));
    const rows = o.endReasons.filter((r) => wanted.has(valueKey(r.reason)));
    return {
      women: [rows.reduce((a, r) => a + r.women, 0), ended.women],
      men: [rows.reduce((a, r) => a + r.men, 0), ended.men],
    };
  }
  return null;
}

/** The outcome of a metric, or null when it cannot be shown (unknown, manual, or fewer than k behind it). */
export function metricOutcome(metric: MetricId, params: MetricParams, src: MetricSource): number | null {
  const { flow, minCell } = src.outcomes;
  const population: Population = params.population ?? 'participated';
  switch (metric) {
    case 'carried-over':
      return flow.carriedOver;
    case 'started':
      return flow.started;
    case 'participated':
      return flow.participated;
    case 'ended':
      return flow.ended;
    case 'ongoing':
      return flow.ongoingAtEnd;
    case 'women-share':
      return shareOf(flow.byGender.women[population], flow[population], minCell);
    case 'men-share':
      return shareOf(flow.byGender.men[population], flow[population], minCell);
    case 'referrer-share': {
      const wanted = new Set((params.referrers ?? []).map(valueKey));
      const members = new Set((params.members ?? []).map(valueKey));
      const book = src.referrerCodebook;
      const counted = (referrer: string) =>
        wanted.has(valueKey(referrer)) || (book !== undefined && referrer !== MISSING && members.has(valueKey(memberOf(book, referrer))));
      const count = src.outcomes.referrers.filter((r) => counted(r.referrer)).reduce((a, r) => a + r.count, 0);
      return shareOf(count, flow.started, minCell);
    }
    case 'work-or-studies':
      return src.outcomes.workOrStudies.total.percent;
    case 'reasons': {
      const wanted = new Set((params.reasons ?? []).map(valueKey));
      const count = src.outcomes.endReasons.filter((r) => wanted.has(valueKey(r.reason))).reduce((a, r) => a + r.total, 0);
      return shareOf(count, flow.ended, minCell);
    }
    case 'gender-gap': {
      const c = genderCounts(params, src.outcomes);
      if (!c) return null;
      const women = shareOf(c.women[0], c.women[1], minCell);
      const men = shareOf(c.men[0], c.men[1], minCell);
      return women === null || men === null ? null : women - men;
    }
    case 'time-in-insats':
      return src.outcomes.timeInInsats.total.meanMonths;
    case 'positive': {
      const q = src.surveys[params.instrument ?? '']?.questions.find((x) => x.id === params.question);
      return q?.percent ?? null;
    }
    case 'respondents':
      return src.surveys[params.instrument ?? '']?.respondents ?? null;
    case 'response-rate':
      return src.surveys[params.instrument ?? '']?.responseRate.percent ?? null;
    case 'manual':
      return null;
  }
}

/**
 * For a share over several end reasons: the sum of the table's rounded percents when it differs
 * from the share of the summed count (61/348 = 17.5 % → 18 %, where the table's 10 % + 7 % = 17 %).
 * The target uses the share of the sum; the page says how it differs from adding the table's rows.
 */
export function summedTablePercent(params: MetricParams, o: OutcomeReport): number | null {
  const wanted = new Set((params.reasons ?? []).map(valueKey));
  const rows = o.endReasons.filter((r) => wanted.has(valueKey(r.reason)));
  if (rows.length < 2 || rows.some((r) => r.percent === null)) return null;
  return rows.reduce((a, r) => a + (r.percent ?? 0), 0);
}

/** The target's label when the kansli wrote none: the metric with its parameters, in Swedish. */
export function describeMetric(metric: MetricId, params: MetricParams, names: { instrument?: string; question?: string } = {}): string {
  const def = metricDefinition(metric)!;
  const list = (xs: string[] | undefined) => {
    const v = xs ?? [];
    return v.length <= 1 ? (v[0] ?? '') : `${v.slice(0, -1).join(', ')} eller ${v[v.length - 1]}`;
  };
  switch (metric) {
    case 'women-share':
    case 'men-share':
      return `${def.label} ${POPULATION_LABEL[params.population ?? 'participated']}`;
    case 'referrer-share':
      return `Andel nya deltagare från ${list([...(params.referrers ?? []), ...(params.members ?? [])])}`;
    case 'reasons':
      return `Andel avslutade till ${list(params.reasons)}`;
    case 'gender-gap':
      return `Skillnad mellan kvinnor och män i andelen avslutade till ${params.of === 'reasons' ? list(params.reasons) : 'arbete eller studier'}`;
    case 'positive':
      return `Andel positiva: ${names.question ?? params.question ?? ''}`;
    case 'respondents':
    case 'response-rate':
      return names.instrument ? `${def.label} (${names.instrument})` : def.label;
    default:
      return def.label;
  }
}
