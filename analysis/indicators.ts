// Turns the small count table from SQL (question × value × gender) into the indicator results
// for one selection: shares positive with n, distributions, gender split, intervals and the
// comparison with the previous year, all under the anonymity rules of DESIGN §3.

import { largestRemainderPercents, percentHalfUp } from './rounding.js';
import { fisherExactTwoSided, wilsonInterval } from './stats.js';
import { effectiveMinCell, suppressGenderBreakdown, tooFewReason } from './suppression.js';
import type { CellSuppression } from './suppression.js';
import { DONT_KNOW } from '../surveys/types.js';
import type { Gender, Question, QuestionType, Questionnaire, Scale } from '../surveys/types.js';

export interface CountRow {
  question_id: string;
  value: string;
  gender: Gender;
  count: number;
}

export interface IndicatorInput {
  questionnaire: Questionnaire;
  scales: Record<string, Scale>;
  /** Completed responses by gender. */
  respondents: Record<Gender, number>;
  /** Answers per question/value/gender (from SQL GROUP BY). */
  counts: CountRow[];
  /** Number invited, for the response rate. */
  invited: number | null;
  /** The same selection in the previous year. */
  previous?: { respondents: Record<Gender, number>; counts: CountRow[] } | null;
  minCell: number;
}

export interface Cell {
  n: number;
  positive: number | null;
  percent: number | null;
  suppressed: boolean;
  reason: string | null;
  ci95: [number, number] | null;
}

export interface DistributionStep {
  /** The answer value as stored (scale step value as a string, option value, 'ja'/'nej'). */
  value: string;
  label: string;
  count: number | null;
  percent: number | null;
}

export interface PreviousComparison {
  n: number;
  percent: number;
  diffPoints: number;
  fisherP: number;
  significant: boolean;
}

export interface QuestionResult {
  id: string;
  text: string;
  type: QuestionType;
  /** Scale id for scale questions, otherwise null. */
  scale: string | null;
  /** Substantive answers (vet-ej, blanks and non-shown follow-ups excluded). */
  n: number;
  positive: number | null;
  percent: number | null;
  suppressed: boolean;
  reason: string | null;
  ci95: [number, number] | null;
  /** Answers "Vet ej"; null only when the whole selection is suppressed. */
  dontKnow: number | null;
  distribution: DistributionStep[];
  byGender: { women: Cell; men: Cell; other: Cell };
  previous: PreviousComparison | null;
}

export interface IndicatorResult {
  respondents: number;
  respondentsByGender: { women: number; men: number; other: number };
  minCell: number;
  responseRate: { respondents: number; invited: number | null; percent: number | null };
  suppressed: boolean;
  questions: QuestionResult[];
}

interface Step {
  value: string;
  label: string;
}

/** The substantive answer steps of a question in display order, and which of them are positive. */
function stepsOf(q: Question, scales: Record<string, Scale>): { steps: Step[]; positive: Set<string> | null } {
  if (q.type === 'scale') {
    const scale = scales[q.scale ?? ''];
    if (!scale) throw new Error(`Frågan ${q.id} använder en okänd skala: ${q.scale ?? '(ingen)'}`);
    return {
      steps: scale.steps.map((s) => ({ value: String(s.value), label: s.label })),
      positive: new Set(scale.positive.map(String)),
    };
  }
  if (q.type === 'yesno') {
    return {
      steps: [
        { value: 'ja', label: 'Ja' },
        { value: 'nej', label: 'Nej' },
      ],
      positive: new Set(['ja']),
    };
  }
  // 'single': a distribution only, no share positive.
  return { steps: (q.options ?? []).map((o) => ({ value: o.value, label: o.label })), positive: null };
}

type GenderKey = 'women' | 'men' | 'other';
const GENDER_KEYS: Record<Gender, GenderKey> = { kvinna: 'women', man: 'men', annat: 'other' };

/** Counts per value and gender for one question. */
type Tally = Map<string, Record<GenderKey, number>>;

function tallyByQuestion(rows: readonly CountRow[]): Map<string, Tally> {
  const byQuestion = new Map<string, Tally>();
  for (const row of rows) {
    if (!Number.isFinite(row.count) || row.count < 0) {
      throw new RangeError(`Ogiltigt antal för ${row.question_id}/${row.value}: ${row.count}`);
    }
    const key = GENDER_KEYS[row.gender] ?? 'other';
    let tally = byQuestion.get(row.question_id);
    if (!tally) byQuestion.set(row.question_id, (tally = new Map()));
    let cell = tally.get(row.value);
    if (!cell) tally.set(row.value, (cell = { women: 0, men: 0, other: 0 }));
    cell[key] += row.count; // rows may repeat a key (e.g. several questionnaire versions)
  }
  return byQuestion;
}

interface Summary {
  /** Per gender and in total: substantive answers and positive answers. */
  n: Record<GenderKey | 'total', number>;
  positive: Record<GenderKey | 'total', number>;
  dontKnow: number;
  stepCounts: number[];
}

function summarise(tally: Tally | undefined, steps: Step[], positive: Set<string> | null): Summary {
  const n = { women: 0, men: 0, other: 0, total: 0 };
  const pos = { women: 0, men: 0, other: 0, total: 0 };
  const stepCounts: number[] = [];
  for (const step of steps) {
    const cell = tally?.get(step.value) ?? { women: 0, men: 0, other: 0 };
    const sum = cell.women + cell.men + cell.other;
    stepCounts.push(sum);
    for (const g of ['women', 'men', 'other'] as const) {
      n[g] += cell[g];
      if (positive?.has(step.value)) pos[g] += cell[g];
    }
    n.total += sum;
    if (positive?.has(step.value)) pos.total += sum;
  }
  // Values outside the current steps (stale versions) are neither substantive nor "vet ej": ignored.
  const dk = tally?.get(DONT_KNOW);
  const dontKnow = dk ? dk.women + dk.men + dk.other : 0;
  return { n, positive: pos, dontKnow, stepCounts };
}

function hiddenCell(n: number, s: CellSuppression): Cell {
  return { n, positive: null, percent: null, suppressed: true, reason: s.reason, ci95: null };
}

/** A shown cell; share figures only for questions that have positive steps and some answers. */
function shownCell(n: number, positive: number, hasShare: boolean): Cell {
  if (!hasShare || n === 0) {
    return { n, positive: hasShare ? positive : null, percent: null, suppressed: false, reason: null, ci95: null };
  }
  return {
    n,
    positive,
    percent: percentHalfUp(positive, n),
    suppressed: false,
    reason: null,
    ci95: wilsonInterval(positive, n),
  };
}

function sumRespondents(r: Record<Gender, number> | undefined): number {
  return (r?.kvinna ?? 0) + (r?.man ?? 0) + (r?.annat ?? 0);
}

export function buildIndicators(input: IndicatorInput): IndicatorResult {
  const k = effectiveMinCell(input.minCell);
  const respondents = sumRespondents(input.respondents);
  // respondents < k (including none at all): every figure is withheld, only n stays.
  const suppressed = respondents < k;
  const selectionReason = tooFewReason(k);
  const tallies = tallyByQuestion(input.counts);

  const previous = input.previous ?? null;
  const prevSuppressed = previous === null || sumRespondents(previous.respondents) < k;
  const prevTallies = previous === null ? new Map<string, Tally>() : tallyByQuestion(previous.counts);

  const invited = input.invited;
  // The response rate is shown even for a suppressed selection: both of its parts are visible
  // anyway, and it says nothing about what anyone answered.
  const responseRate = {
    respondents,
    invited,
    percent: invited !== null && invited > 0 ? percentHalfUp(respondents, invited) : null,
  };

  const questions: QuestionResult[] = [];
  for (const q of input.questionnaire.questions) {
    if (q.type === 'text' || q.id === input.questionnaire.genderQuestion) continue;
    const { steps, positive } = stepsOf(q, input.scales);
    const hasShare = positive !== null;
    const s = summarise(tallies.get(q.id), steps, positive);
    const n = s.n.total;

    // The question's own total is a figure too: hidden below k (DESIGN §3: "totals included").
    const qSuppressed = suppressed || (n > 0 && n < k);
    const reason = qSuppressed ? selectionReason : null;

    const shown = qSuppressed ? null : shownCell(n, s.positive.total, hasShare);
    const stepPercents = !qSuppressed && n > 0 ? largestRemainderPercents(s.stepCounts) : null;
    const distribution: DistributionStep[] = steps.map((step, i) => ({
      value: step.value,
      label: step.label,
      count: qSuppressed ? null : s.stepCounts[i]!,
      percent: stepPercents ? stepPercents[i]! : null,
    }));

    const genderRule = suppressGenderBreakdown({ women: s.n.women, men: s.n.men, other: s.n.other }, k, n);
    const cellFor = (g: GenderKey): Cell => {
      const rule = suppressed ? { suppressed: true, reason: selectionReason } : genderRule[g];
      return rule.suppressed ? hiddenCell(s.n[g], rule) : shownCell(s.n[g], s.positive[g], hasShare);
    };

    let comparison: PreviousComparison | null = null;
    if (hasShare && shown !== null && shown.percent !== null && !prevSuppressed) {
      const p = summarise(prevTallies.get(q.id), steps, positive);
      const prevN = p.n.total;
      // The previous year's question must itself be shown (n ≥ k) to be compared.
      if (prevN >= k) {
        const prevPercent = percentHalfUp(p.positive.total, prevN)!;
        const fisherP = fisherExactTwoSided(
          s.positive.total,
          n - s.positive.total,
          p.positive.total,
          prevN - p.positive.total,
        );
        comparison = {
          n: prevN,
          percent: prevPercent,
          diffPoints: shown.percent - prevPercent,
          fisherP,
          significant: fisherP < 0.05,
        };
      }
    }

    questions.push({
      id: q.id,
      text: q.text,
      type: q.type,
      scale: q.type === 'scale' ? (q.scale ?? null) : null,
      n,
      positive: shown?.positive ?? null,
      percent: shown?.percent ?? null,
      suppressed: qSuppressed,
      reason,
      ci95: shown?.ci95 ?? null,
      dontKnow: suppressed ? null : s.dontKnow,
      distribution,
      byGender: { women: cellFor('women'), men: cellFor('men'), other: cellFor('other') },
      previous: comparison,
    });
  }

  return {
    respondents,
    respondentsByGender: {
      women: input.respondents.kvinna ?? 0,
      men: input.respondents.man ?? 0,
      other: input.respondents.annat ?? 0,
    },
    minCell: k,
    responseRate,
    suppressed,
    questions,
  };
}
