// The metrics a target (förväntat resultat) can be set on, and how each one's outcome is read from
// the merged per-insats report. Pure: report data in, numbers out.
import { percentHalfUp } from './rounding.js';
import type { OutcomeReport } from './outcomes.js';
import type { IndicatorResult } from './indicators.js';

export type MetricId =
  | 'carried-over'
  | 'started'
  | 'participated'
  | 'ended'
  | 'ongoing'
  | 'women-share'
  | 'men-share'
  | 'reasons'
  | 'work-or-studies'
  | 'positive'
  | 'respondents'
  | 'response-rate';

export interface MetricParams {
  reasons?: string[];
  instrument?: string;
  question?: string;
}

export interface MetricDefinition {
  id: MetricId;
  label: string;
  kind: 'count' | 'percent';
  needs: (keyof MetricParams)[];
}

export const METRICS: readonly MetricDefinition[] = [
  { id: 'participated', label: 'Antal deltagare under året', kind: 'count', needs: [] },
  { id: 'started', label: 'Antal nya deltagare', kind: 'count', needs: [] },
  { id: 'carried-over', label: 'Antal inskrivna från föregående år', kind: 'count', needs: [] },
  { id: 'ended', label: 'Antal avslutade', kind: 'count', needs: [] },
  { id: 'ongoing', label: 'Antal pågående vid årets slut', kind: 'count', needs: [] },
  { id: 'women-share', label: 'Andel kvinnor bland deltagarna', kind: 'percent', needs: [] },
  { id: 'men-share', label: 'Andel män bland deltagarna', kind: 'percent', needs: [] },
  { id: 'reasons', label: 'Andel avslutade med vissa avslutsorsaker', kind: 'percent', needs: ['reasons'] },
  { id: 'work-or-studies', label: 'Andel avslutade till arbete eller studier', kind: 'percent', needs: [] },
  { id: 'positive', label: 'Andel positiva svar på en fråga', kind: 'percent', needs: ['instrument', 'question'] },
  { id: 'respondents', label: 'Antal svarande på en enkät', kind: 'count', needs: ['instrument'] },
  { id: 'response-rate', label: 'Svarsfrekvens för en enkät', kind: 'percent', needs: ['instrument'] },
];

export function metricDefinition(id: string): MetricDefinition | undefined {
  return METRICS.find((m) => m.id === id);
}

/** What the outcome of a metric is read from: the insats's outcome report and its surveys by questionnaire id. */
export interface MetricSource {
  outcomes: OutcomeReport;
  surveys: Record<string, IndicatorResult>;
}

const key = (s: string) =>
  s
    .toLocaleLowerCase('sv')
    .replace(/\s*\/\s*/g, '/')
    .trim();

/** The outcome of a metric, or null when it cannot be shown (unknown, or fewer than k behind it). */
export function metricOutcome(metric: MetricId, params: MetricParams, src: MetricSource): number | null {
  const { flow, minCell } = src.outcomes;
  const shareOf = (part: number, whole: number) => (whole < minCell ? null : percentHalfUp(part, whole));
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
      return shareOf(flow.byGender.women.participated, flow.participated);
    case 'men-share':
      return shareOf(flow.byGender.men.participated, flow.participated);
    case 'work-or-studies':
      return src.outcomes.workOrStudies.total.percent;
    case 'reasons': {
      const wanted = new Set((params.reasons ?? []).map(key));
      const count = src.outcomes.endReasons.filter((r) => wanted.has(key(r.reason))).reduce((a, r) => a + r.total, 0);
      return shareOf(count, flow.ended);
    }
    case 'positive': {
      const q = src.surveys[params.instrument ?? '']?.questions.find((x) => x.id === params.question);
      return q?.percent ?? null;
    }
    case 'respondents':
      return src.surveys[params.instrument ?? '']?.respondents ?? null;
    case 'response-rate':
      return src.surveys[params.instrument ?? '']?.responseRate.percent ?? null;
  }
}
