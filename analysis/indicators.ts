// Turns the small count table from SQL (question × value × gender) into the indicator results
// for one selection: shares positive with n, distributions, gender split, intervals and the
// comparison with the previous year, all under the anonymity rules of docs/rules.md.

import { largestRemainderPercents, percentHalfUp } from './rounding.js';
import { GENDER_KEY, type GenderKey } from './gender.js';
import { fisherExactTwoSided, wilsonInterval } from './stats.js';
import {
  decideDisclosure,
  effectiveMinCell,
  RESPONDENTS,
  selectionView,
  type CellDecision,
  type GenderColumn,
  type SelectionDisclosure,
} from './disclosure.js';
import { DONT_KNOW, isIndicator, roleOf } from '../surveys/types.js';
import type { Gender, Question, QuestionRole, QuestionType, Questionnaire, Scale } from '../surveys/types.js';

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
  previous?: { respondents: Record<Gender, number>; counts: CountRow[]; disclosure?: SelectionDisclosure } | null;
  minCell: number;
  /**
   * The selection's cells in the decision for its whole (year, questionnaire) tree
   * (analysis/disclosure.ts). Without it the selection is decided on its own, as a tree of one.
   */
  disclosure?: SelectionDisclosure;
}

export interface Cell {
  /** Null when the cell is hidden: a hidden cell hides its n too. */
  n: number | null;
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
  /** Its role (surveys/types.ts): only an indicator has a share positive. */
  role: QuestionRole;
  /** Scale id for scale questions, otherwise null. */
  scale: string | null;
  /** Substantive answers (vet-ej, blanks and non-shown follow-ups excluded); null when hidden. */
  n: number | null;
  positive: number | null;
  percent: number | null;
  suppressed: boolean;
  reason: string | null;
  ci95: [number, number] | null;
  /** Answers "Vet ej"; null when the question's figure is hidden. */
  dontKnow: number | null;
  distribution: DistributionStep[];
  byGender: { women: Cell; men: Cell; other: Cell };
  previous: PreviousComparison | null;
}

export interface IndicatorResult {
  /** Null when the selection's respondent count is hidden (docs/disclosure.md). */
  respondents: number | null;
  respondentsByGender: { women: number | null; men: number | null; other: number | null };
  minCell: number;
  responseRate: { respondents: number | null; invited: number | null; percent: number | null };
  suppressed: boolean;
  questions: QuestionResult[];
}

interface Step {
  value: string;
  label: string;
}

/** The substantive answer steps of a question in display order, and which of them are positive. */
function stepsOf(q: Question, scales: Record<string, Scale>): { steps: Step[]; positive: Set<string> | null } {
  // Only a quality indicator has positive steps: a need or background question is a distribution.
  const indicator = isIndicator(q);
  if (q.type === 'scale') {
    const scale = scales[q.scale ?? ''];
    if (!scale) throw new Error(`Frågan ${q.id} använder en okänd skala: ${q.scale ?? '(ingen)'}`);
    return {
      steps: scale.steps.map((s) => ({ value: String(s.value), label: s.label })),
      positive: indicator ? new Set(scale.positive.map(String)) : null,
    };
  }
  if (q.type === 'yesno') {
    return {
      steps: [
        { value: 'ja', label: 'Ja' },
        { value: 'nej', label: 'Nej' },
      ],
      positive: indicator ? new Set(['ja']) : null,
    };
  }
  // 'single': a distribution only, no share positive.
  return { steps: (q.options ?? []).map((o) => ({ value: o.value, label: o.label })), positive: null };
}

/** Counts per value and gender for one question. */
type Tally = Map<string, Record<GenderKey, number>>;

function tallyByQuestion(rows: readonly CountRow[]): Map<string, Tally> {
  const byQuestion = new Map<string, Tally>();
  for (const row of rows) {
    if (!Number.isFinite(row.count) || row.count < 0) {
      throw new RangeError(`Ogiltigt antal för ${row.question_id}/${row.value}: ${row.count}`);
    }
    const key = GENDER_KEY[row.gender] ?? 'other';
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

function hiddenCell(d: CellDecision): Cell {
  return { n: null, positive: null, percent: null, suppressed: true, reason: d.reason, ci95: null };
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

/** The questions that carry a count of their own (not free text, not the gender question). */
export function countedQuestions(questionnaire: Questionnaire): Question[] {
  return questionnaire.questions.filter((q) => q.type !== 'text' && q.id !== questionnaire.genderQuestion);
}

/** The answer values that count as substantive for a question (its steps; not vet-ej). */
export function substantiveValues(q: Question, scales: Record<string, Scale>): string[] {
  return stepsOf(q, scales).steps.map((s) => s.value);
}

/**
 * The measures of a questionnaire for analysis/disclosure.ts: respondents, then each question's
 * substantive n. A question hides wherever the respondents are hidden; a follow-up (showIf) hides
 * wherever the question it follows is hidden, since its n counts an answer to that question.
 */
export function questionMeasures(questionnaire: Questionnaire): { id: string; parent: string }[] {
  const counted = new Set(countedQuestions(questionnaire).map((q) => q.id));
  return countedQuestions(questionnaire).map((q) => ({
    id: q.id,
    parent: q.showIf && counted.has(q.showIf.question) ? q.showIf.question : RESPONDENTS,
  }));
}

/** A selection decided on its own (a tree of one round), for callers without a whole-tree decision. */
function standaloneDisclosure(
  questionnaire: Questionnaire,
  scales: Record<string, Scale>,
  respondents: Record<Gender, number>,
  counts: readonly CountRow[],
  minCell: number,
): SelectionDisclosure {
  const tallies = tallyByQuestion(counts);
  const one = (w: number, m: number, o: number) => new Map([[0, [w, m, o] as const]]);
  const measures = [
    { id: RESPONDENTS, counts: one(respondents.kvinna ?? 0, respondents.man ?? 0, respondents.annat ?? 0) },
    ...questionMeasures(questionnaire).map((m) => {
      const q = questionnaire.questions.find((x) => x.id === m.id)!;
      const { steps, positive } = stepsOf(q, scales);
      const s = summarise(tallies.get(q.id), steps, positive);
      return { ...m, counts: one(s.n.women, s.n.men, s.n.other) };
    }),
  ];
  return selectionView(decideDisclosure({ rounds: [{ id: 0, insatsId: 0 }], measures, minCell }), 'all');
}

const COLUMN: Record<GenderKey, GenderColumn> = { women: 'women', men: 'men', other: 'other' };

export function buildIndicators(input: IndicatorInput): IndicatorResult {
  const k = effectiveMinCell(input.minCell);
  const disclosure = input.disclosure ?? standaloneDisclosure(input.questionnaire, input.scales, input.respondents, input.counts, k);
  const respondentsCell = disclosure.cell(RESPONDENTS, 'total');
  const respondents = sumRespondents(input.respondents);
  // A hidden respondent count (or none at all): every figure is withheld, its n included.
  const suppressed = respondentsCell.suppressed || respondents === 0;
  const tallies = tallyByQuestion(input.counts);

  const previous = input.previous ?? null;
  const prevDisclosure =
    previous === null
      ? null
      : (previous.disclosure ?? standaloneDisclosure(input.questionnaire, input.scales, previous.respondents, previous.counts, k));
  const prevTallies = previous === null ? new Map<string, Tally>() : tallyByQuestion(previous.counts);

  const invited = input.invited;
  // The response rate reveals the respondents (rate × invited), so it goes with their cell.
  const responseRate = {
    respondents: respondentsCell.n,
    invited,
    // Never above 100 %: more respondents than invited means the basis does not fit (docs/rules.md).
    percent:
      !respondentsCell.suppressed && invited !== null && invited > 0 && respondents <= invited ? percentHalfUp(respondents, invited) : null,
  };

  const questions: QuestionResult[] = [];
  for (const q of countedQuestions(input.questionnaire)) {
    const { steps, positive } = stepsOf(q, input.scales);
    const hasShare = positive !== null;
    const s = summarise(tallies.get(q.id), steps, positive);
    const n = s.n.total;

    const total = disclosure.cell(q.id, 'total');
    const qSuppressed = suppressed || total.suppressed;
    const reason = qSuppressed ? (total.reason ?? respondentsCell.reason) : null;

    const shown = qSuppressed ? null : shownCell(n, s.positive.total, hasShare);
    const stepPercents = !qSuppressed && n > 0 ? largestRemainderPercents(s.stepCounts) : null;
    const distribution: DistributionStep[] = steps.map((step, i) => ({
      value: step.value,
      label: step.label,
      count: qSuppressed ? null : s.stepCounts[i]!,
      percent: stepPercents ? stepPercents[i]! : null,
    }));

    const cellFor = (g: GenderKey): Cell => {
      const d = disclosure.cell(q.id, COLUMN[g]);
      if (d.suppressed) return hiddenCell(d);
      if (suppressed) return hiddenCell({ n: null, suppressed: true, reason: respondentsCell.reason });
      return shownCell(s.n[g], s.positive[g], hasShare);
    };

    let comparison: PreviousComparison | null = null;
    if (hasShare && shown !== null && shown.percent !== null && prevDisclosure !== null) {
      const p = summarise(prevTallies.get(q.id), steps, positive);
      const prevN = p.n.total;
      // The previous year's figure must itself be published in its own year's decision.
      const prevCell = prevDisclosure.cell(q.id, 'total');
      if (prevN > 0 && !prevCell.suppressed && !prevDisclosure.cell(RESPONDENTS, 'total').suppressed) {
        const prevPercent = percentHalfUp(p.positive.total, prevN)!;
        const fisherP = fisherExactTwoSided(s.positive.total, n - s.positive.total, p.positive.total, prevN - p.positive.total);
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
      role: roleOf(q),
      scale: q.type === 'scale' ? (q.scale ?? null) : null,
      n: qSuppressed ? null : n,
      positive: shown?.positive ?? null,
      percent: shown?.percent ?? null,
      suppressed: qSuppressed,
      reason,
      ci95: shown?.ci95 ?? null,
      dontKnow: qSuppressed ? null : s.dontKnow,
      distribution,
      byGender: { women: cellFor('women'), men: cellFor('men'), other: cellFor('other') },
      previous: comparison,
    });
  }

  const byGender = (c: GenderColumn) => disclosure.cell(RESPONDENTS, c).n;
  return {
    respondents: respondentsCell.n,
    respondentsByGender: { women: byGender('women'), men: byGender('men'), other: byGender('other') },
    minCell: k,
    responseRate,
    suppressed,
    questions,
  };
}
